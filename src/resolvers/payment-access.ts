import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import { parsePreOrderPaymentId } from '../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';
import type { UseCaseDeps } from './deps.ts';
import { settleStaleWork } from './lifecycle.ts';
import type { Owner } from './owner.ts';
import { pollUntil } from './poll.ts';
import { guardStore } from './store-guard.ts';

/** A cancellation nobody finished within this is presumed abandoned. */
export function staleCancelMs(deps: UseCaseDeps): number {
  return deps.settings.glueTimeoutMs + 5000;
}

/**
 * The caller's pre-order payment, with stale work settled. Unknown, malformed and foreign ids
 * all answer not-found, so nobody learns that someone else's payment exists.
 */
export async function loadOwnedPayment(
  deps: UseCaseDeps,
  owner: Owner,
  rawId: string,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  const id = parsePreOrderPaymentId(rawId);
  if (!id) return err(Errors.notFound());
  const loaded = await guardStore(() => deps.store.get(id));
  if (!loaded.ok) return loaded;
  const record = loaded.value;
  if (!record || record.ownerKey !== owner.key) return err(Errors.notFound());
  return settle(deps, record);
}

/** The current state of a payment an idempotency record points at (the scope already fixed the owner). */
export async function replayedRecord(
  deps: UseCaseDeps,
  rawId: string,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  const id = parsePreOrderPaymentId(rawId);
  if (!id) return err(Errors.notFound());
  const loaded = await guardStore(() => deps.store.get(id));
  if (!loaded.ok) return loaded;
  return loaded.value ? ok(loaded.value) : err(Errors.notFound());
}

/** Writes the settlement of stale work, if any; a lost race means someone else moved it: re-read. */
export async function settle(
  deps: UseCaseDeps,
  record: PreOrderPaymentRecord,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  const settled = settleStaleWork(record, deps.clock.now(), staleCancelMs(deps));
  if (!settled) return ok(record);
  const written = await transition(deps, settled);
  if (!written.ok) return written;
  if (written.value.won)
    deps.logger.warn(
      { preOrderPaymentId: record.id, from: record.status, to: settled.status },
      'settled stale work on a pre-order payment',
    );
  return written.value.record ? ok(written.value.record) : err(Errors.notFound());
}

/** Writes a transition; on a lost compare-and-set returns the record that won. */
export async function transition(
  deps: UseCaseDeps,
  next: PreOrderPaymentRecord,
): Promise<
  Result<
    { won: true; record: PreOrderPaymentRecord } | { won: false; record: PreOrderPaymentRecord | null },
    GatewayError
  >
> {
  const written = await guardStore(() => deps.store.update(next, deps.settings.recordTtlSeconds));
  if (!written.ok) return written;
  return ok(written.value.ok ? { won: true, record: next } : { won: false, record: written.value.current });
}

/** Polls a payment until `done` holds or the wait budget is spent (concurrent work on one payment). */
export async function waitFor(
  deps: UseCaseDeps,
  id: PreOrderPaymentRecord['id'],
  done: (record: PreOrderPaymentRecord) => boolean,
): Promise<PreOrderPaymentRecord | null> {
  // 'gone' ends the wait: the store failed or the record vanished.
  const read = async (): Promise<PreOrderPaymentRecord | 'gone' | 'pending'> => {
    const polled = await guardStore(() => deps.store.get(id));
    if (!polled.ok || !polled.value) return 'gone';
    const settled = await settle(deps, polled.value);
    return settled.ok && done(settled.value) ? settled.value : 'pending';
  };
  const last = await pollUntil(deps.settings.waitMs, 'pending' as const, read, (value) => value !== 'pending');
  return typeof last === 'object' ? last : null;
}
