import { Errors } from '../../domain/errors.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { err, ok } from '../../domain/result.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { compensate, markCompensated } from './compensation.ts';
import type { InitializationRequest, InitializeAnswer } from './initialization-request.ts';
import { postPayments } from './post-payments.ts';

/**
 * The same pre-order payment for a changed cart or shipments (docs/initialize.md item 4):
 * `POST /payments` with the stored map (the provider keeps or replaces its transaction), then the
 * record updated in place with a new `expiresAt`.
 */
export async function reinitializePayment(
  deps: UseCaseDeps,
  request: InitializationRequest,
  record: PreOrderPaymentRecord,
): Promise<InitializeAnswer> {
  const created = await postPayments(deps, request, record.preOrderPaymentData);
  if (!created.ok) return created;
  const replaced = created.value.transactionId !== record.transactionId;
  const written = await transitionTo(deps, record, {
    changes: {
      amount: request.state.checkoutData.amount,
      fingerprint: request.wanted.fingerprint,
      shipmentsKey: request.wanted.shipmentsKey,
      transactionId: created.value.transactionId,
      preOrderPaymentData: created.value.preOrderPaymentData,
      inputs: request.inputs,
      release: null,
    },
    event: {
      type: 'REINITIALIZED',
      message: replaced
        ? `transaction ${record.transactionId ?? '(none)'} replaced by ${created.value.transactionId ?? '(none)'}`
        : null,
    },
    stamp: { expiresInMs: deps.settings.preOrderPaymentTtlSeconds * 1000 },
  });
  if (written.ok && written.value.won) return ok({ record: written.value.record, replayed: false });
  // A cancel or placement moved the payment meanwhile; a transaction the provider newly created would be orphaned.
  if (replaced) {
    await compensate(deps, {
      request,
      created: created.value,
      why: 'the re-initialized payment could not be recorded',
    });
    if (!written.ok) void markCompensated(deps, record.id, created.value.transactionId);
  }
  return written.ok ? err(Errors.inProgress()) : written;
}
