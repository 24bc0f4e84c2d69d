import type { CreatedPayment } from '../../domain/glue-outcomes.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import type { InitializationRequest } from './initialization-request.ts';

export interface Compensation {
  readonly request: InitializationRequest;
  /** The provider payment that has no record. */
  readonly created: CreatedPayment;
  /** Why, for the log line. */
  readonly why: string;
}

/** Undo beside the action (docs/initialize.md item 6): never leave a created provider payment without a record. */
export async function compensate(deps: UseCaseDeps, compensation: Compensation): Promise<void> {
  const { request, created, why } = compensation;
  const outcome = await deps.glue.cancelPayment(request.caller, {
    paymentMethodName: request.wanted.paymentMethodName,
    paymentProviderName: request.wanted.paymentProviderName,
    preOrderPaymentData: created.preOrderPaymentData,
  });
  const fields = { cartId: request.cartId, transactionId: created.transactionId, outcome: outcome.kind };
  if (outcome.kind === 'canceled' || outcome.kind === 'already-canceled') {
    deps.logger.warn(fields, `compensation: canceled the provider payment because ${why}`);
  } else {
    deps.logger.error(fields, `compensation FAILED: a provider payment exists without a record because ${why}`);
  }
}

/**
 * A write that timed out may still land when the store answers again (Redis runs what it already
 * received). Once the store answers, look once: a record left INITIALIZED on the transaction just
 * canceled is marked CANCELED, so nobody is handed a dead provider payment. Runs in the background.
 */
export async function markCompensated(
  deps: UseCaseDeps,
  id: PreOrderPaymentRecord['id'],
  transactionId: string | null,
): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const found = await deps.store.get(id);
    if (found.ok) {
      const record = found.value;
      if (record?.status !== 'INITIALIZED' || record.transactionId !== transactionId) return;
      const written = await transitionTo(deps, record, {
        changes: { status: 'CANCELED' },
        event: { type: 'CANCELED', message: 'compensated: recording failed, provider payment canceled' },
      });
      if (written.ok) {
        deps.logger.warn(
          { preOrderPaymentId: id },
          'a late-landing record of a compensated payment was marked CANCELED',
        );
        return;
      }
    }
    await sleep(500);
  }
  deps.logger.error({ preOrderPaymentId: id }, 'could not verify the record of a compensated payment');
}
