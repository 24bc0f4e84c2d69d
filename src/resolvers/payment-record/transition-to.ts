import type { GatewayError } from '../../domain/errors.ts';
import type { PreOrderPaymentRecord, StateChange } from '../../domain/pre-order-payment.ts';
import { applyChange } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export type Transition =
  | { readonly won: true; readonly record: PreOrderPaymentRecord }
  /** Someone else changed the payment first (or it is gone): what the store holds now. */
  | { readonly won: false; readonly current: PreOrderPaymentRecord | null };

/**
 * One state change of a payment, written with a compare-and-set on the version `from` had: the
 * only way a use case changes a record. Winning answers the record as written; losing answers
 * the record that won, so the caller decides again from what is stored.
 */
export async function transitionTo(
  deps: UseCaseDeps,
  from: PreOrderPaymentRecord,
  change: StateChange,
): Promise<Result<Transition, GatewayError>> {
  const next = applyChange(from, change, deps.clock.now());
  const written = await deps.store.update(next, deps.settings.recordTtlSeconds);
  if (!written.ok) return written;
  return ok(
    written.value.kind === 'written' ? { won: true, record: next } : { won: false, current: written.value.current },
  );
}
