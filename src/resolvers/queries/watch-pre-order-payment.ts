import type { GatewayError } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { FINAL_STATUSES } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import { resolveOwner } from '../caller/resolve-owner.ts';
import { loadOwnedPayment } from '../payment-record/load-owned-payment.ts';
import { settle } from '../payment-record/settle-stale-work.ts';
import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export interface Watch {
  readonly id: string;
  /** How often the store is read for changes. */
  readonly pollMs: number;
}

/**
 * preOrderPaymentUpdated (docs/live-status.md): the payment as it is, then once per change,
 * ending after a final status. Changes are found by polling the session store, so a change made
 * by any gateway instance is seen.
 */
export async function watchPreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  watch: Watch,
): Promise<Result<AsyncGenerator<PreOrderPaymentRecord>, GatewayError>> {
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  const first = await loadOwnedPayment(deps, owner.value, watch.id);
  if (!first.ok) return first;
  return ok(changes(deps, first.value, watch.pollMs));
}

async function* changes(
  deps: UseCaseDeps,
  first: PreOrderPaymentRecord,
  pollMs: number,
): AsyncGenerator<PreOrderPaymentRecord> {
  let last = first;
  yield last;
  while (!FINAL_STATUSES.has(last.status)) {
    await sleep(pollMs);
    const polled = await deps.store.get(last.id);
    // A store outage pauses the stream instead of ending it; a vanished record ends it.
    if (!polled.ok) continue;
    if (!polled.value) return;
    const settled = await settle(deps, polled.value);
    const current = settled.ok ? settled.value : polled.value;
    if (current.version !== last.version) {
      last = current;
      yield last;
    }
  }
}
