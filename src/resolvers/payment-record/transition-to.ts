import type { GatewayError } from '../../domain/errors.ts';
import type { PreOrderPaymentRecord, StateChange } from '../../domain/pre-order-payment.ts';
import { applyChange, needsAttention } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export type Transition =
  /** Written: the record as stored, with the times the store stamped. */
  | { readonly won: true; readonly record: PreOrderPaymentRecord }
  /**
   * Not written: someone else changed the payment first (or it is gone), or the store's clock
   * refused the change's requirement. `current` is what the store holds now.
   */
  | { readonly won: false; readonly current: PreOrderPaymentRecord | null; readonly refusedBy: 'race' | 'clock' };

/**
 * One state change of a payment, written with a compare-and-set on the version `from` had: the
 * only way a use case changes a record. Winning answers the record as written; losing answers
 * the record as stored, so the caller decides again from what is there.
 *
 * What must never be lost is booked before the write, so a crash in between leaves an extra entry
 * (harmless: whoever reads it checks the record) and never a missing one: a new deadline or lease
 * goes into the release queue, a payment that starts needing an operator into the attention index.
 */
export async function transitionTo(
  deps: UseCaseDeps,
  from: PreOrderPaymentRecord,
  change: StateChange,
): Promise<Result<Transition, GatewayError>> {
  const next = applyChange(from, change, deps.clock.now());
  const booked = await bookBeforeWrite(deps, { from, next, change });
  if (!booked.ok) return booked;
  const written = await deps.store.update(next, {
    ttlSeconds: deps.settings.recordTtlSeconds,
    ...(change.stamp ? { stamp: change.stamp } : {}),
    ...(change.require ? { require: change.require } : {}),
    ...(change.durable ? { durable: true } : {}),
  });
  if (!written.ok) return written;
  const outcome = written.value;
  switch (outcome.kind) {
    case 'written':
      // Best effort: an entry left behind is dropped when listed.
      if (needsAttention(from) && !needsAttention(outcome.record)) await deps.attention.remove(from.id);
      return ok({ won: true, record: outcome.record });
    case 'version-mismatch':
      return ok({ won: false, current: outcome.current, refusedBy: 'race' });
    case 'requirement-failed':
      return ok({ won: false, current: outcome.current, refusedBy: 'clock' });
  }
}

interface PlannedChange {
  readonly from: PreOrderPaymentRecord;
  readonly next: PreOrderPaymentRecord;
  readonly change: StateChange;
}

/** The release queue and the attention index, booked ahead of the record (see transitionTo). */
async function bookBeforeWrite(deps: UseCaseDeps, planned: PlannedChange): Promise<Result<void, GatewayError>> {
  const { from, next, change } = planned;
  const dueIn = [change.stamp?.expiresInMs, change.stamp?.leaseForMs ?? undefined].filter(
    (ms): ms is number => ms !== undefined,
  );
  if (dueIn.length > 0 && !change.releaseBooked) {
    const scheduled = await deps.releases.schedule(from.id, Math.min(...dueIn));
    if (!scheduled.ok) return scheduled;
  }
  if (needsAttention(next) && !needsAttention(from)) {
    const listed = await deps.attention.add(from.id);
    if (!listed.ok) return listed;
  }
  return ok(undefined);
}
