import type { GatewayError } from '../../domain/errors.ts';
import { cancellationResult } from '../../domain/glue-outcomes.ts';
import type { Caller } from '../../domain/identity.ts';
import { applyChange, type PreOrderPaymentRecord, type StateChange } from '../../domain/pre-order-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { transitionTo } from './transition-to.ts';

export type CancelAtProviderResult =
  | { readonly kind: 'canceled'; readonly record: PreOrderPaymentRecord }
  /** Another request moved the payment first; nothing was sent. */
  | { readonly kind: 'lost'; readonly current: PreOrderPaymentRecord | null }
  | { readonly kind: 'failed'; readonly error: GatewayError };

export interface Cancellation {
  readonly caller: Caller;
  readonly record: PreOrderPaymentRecord;
  /** Why, for the CANCELED event. */
  readonly reason: string;
}

/**
 * INITIALIZED → CANCELING → `POST /payment-cancellations` → CANCELED (docs/cancel.md). The
 * compare-and-set to CANCELING is the lock: only its winner talks to Glue. A refusal or an outage
 * puts the payment back to INITIALIZED so it stays usable.
 */
export async function cancelAtProvider(deps: UseCaseDeps, cancellation: Cancellation): Promise<CancelAtProviderResult> {
  const { caller, record, reason } = cancellation;
  const taken = await transitionTo(deps, record, { changes: { status: 'CANCELING' } });
  if (!taken.ok) return { kind: 'failed', error: taken.error };
  if (!taken.value.won) return { kind: 'lost', current: taken.value.current };
  const canceling = taken.value.record;

  const outcome = cancellationResult(
    await deps.glue.cancelPayment(caller, {
      paymentMethodName: record.paymentMethodName,
      paymentProviderName: record.paymentProviderName,
      preOrderPaymentData: record.preOrderPaymentData,
    }),
  );
  if (outcome.kind === 'failed') {
    const restored = await transitionTo(deps, canceling, { changes: { status: 'INITIALIZED' } });
    if (!restored.ok) {
      deps.logger.warn(
        { preOrderPaymentId: record.id },
        'could not restore INITIALIZED after a failed cancellation; it settles when stale',
      );
    }
    return { kind: 'failed', error: outcome.error };
  }
  const message = outcome.note ? `${reason}; ${outcome.note}` : reason;
  const canceled: StateChange = { changes: { status: 'CANCELED' }, event: { type: 'CANCELED', message } };
  const written = await transitionTo(deps, canceling, canceled);
  if (written.ok && written.value.won) return { kind: 'canceled', record: written.value.record };
  // Canceled at the provider but not recorded: the record settles back to INITIALIZED and the next
  // cancellation is answered "already canceled", which completes it.
  deps.logger.error(
    { preOrderPaymentId: record.id },
    'payment canceled at the provider but the record was not updated',
  );
  return { kind: 'canceled', record: applyChange(canceling, canceled, deps.clock.now()) };
}
