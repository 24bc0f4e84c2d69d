import type { GatewayError } from '../domain/errors.ts';
import type { Caller } from '../domain/identity.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import { evolve } from '../domain/pre-order-payment.ts';
import type { UseCaseDeps } from './deps.ts';
import { transition } from './payment-access.ts';
import { cancellationResult } from './provider-payments.ts';

export type CancelAtProviderResult =
  | { readonly kind: 'canceled'; readonly record: PreOrderPaymentRecord }
  /** Another request moved the payment first; nothing was sent. */
  | { readonly kind: 'lost'; readonly current: PreOrderPaymentRecord | null }
  | { readonly kind: 'failed'; readonly error: GatewayError };

/**
 * INITIALIZED → CANCELING → `POST /payment-cancellations` → CANCELED (CONTRACT.md §5). The
 * compare-and-set to CANCELING is the lock: only its winner talks to Glue. A refusal or an outage
 * puts the payment back to INITIALIZED so it stays usable.
 */
export async function cancelAtProvider(
  deps: UseCaseDeps,
  caller: Caller,
  record: PreOrderPaymentRecord,
  reason: string,
): Promise<CancelAtProviderResult> {
  const canceling = evolve(record, deps.clock.now(), { status: 'CANCELING' });
  const taken = await transition(deps, canceling);
  if (!taken.ok) return { kind: 'failed', error: taken.error };
  if (!taken.value.won) return { kind: 'lost', current: taken.value.record };

  const outcome = cancellationResult(
    await deps.glue.cancelPayment(caller, {
      paymentMethodName: record.paymentMethodName,
      paymentProviderName: record.paymentProviderName,
      preOrderPaymentData: record.preOrderPaymentData,
    }),
  );
  if (outcome.kind === 'failed') {
    const restored = await transition(deps, evolve(canceling, deps.clock.now(), { status: 'INITIALIZED' }));
    if (!restored.ok)
      deps.logger.warn(
        { preOrderPaymentId: record.id },
        'could not restore INITIALIZED after a failed cancellation; it settles when stale',
      );
    return { kind: 'failed', error: outcome.error };
  }
  const message = outcome.note ? `${reason}; ${outcome.note}` : reason;
  const canceled = evolve(canceling, deps.clock.now(), { status: 'CANCELED' }, { type: 'CANCELED', message });
  const written = await transition(deps, canceled);
  if (!written.ok || !written.value.won) {
    // Canceled at the provider but not recorded: the record settles back to INITIALIZED and the next
    // cancellation is answered "already canceled", which completes it.
    deps.logger.error(
      { preOrderPaymentId: record.id },
      'payment canceled at the provider but the record was not updated',
    );
  }
  return { kind: 'canceled', record: canceled };
}
