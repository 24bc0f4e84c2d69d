import { randomUUID } from 'node:crypto';
import { gatewayCaller } from '../../domain/identity.ts';
import type { PreOrderPaymentId } from '../../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { decideDue, nextAttemptIn } from '../../domain/release-decision.ts';
import { cancelAtProvider } from '../payment-record/cancel-at-provider.ts';
import { settle } from '../payment-record/settle-stale-work.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/** How a look at one due payment ended, for the sweep's tally. */
export type DueOutcome =
  | 'released'
  | 'release-failed'
  | 'retry-later'
  | 'rescheduled'
  | 'forgotten'
  | 'store-unavailable';

/**
 * The release sweeper's work on one payment whose queue entry came due (docs/expiry-and-release.md):
 * release it if it is INITIALIZED past its deadline (CANCELING, then `POST /payment-cancellations`
 * without shopper credentials, then EXPIRED), repeat a cancellation whose holder's lease ran out,
 * settle a dead placement, or put the entry back for when something can next happen. A failed
 * release is tried again with backoff and jitter up to RELEASE_MAX_ATTEMPTS times, then left to an
 * operator (RELEASE_FAILED, listed, one error log line).
 */
export async function lookAtDuePayment(deps: UseCaseDeps, id: PreOrderPaymentId): Promise<DueOutcome> {
  const read = await deps.store.get(id);
  // The entry stays claimed; it is due again when the claim's lease ends.
  if (!read.ok) return 'store-unavailable';
  let record = read.value;
  // Twice at most: a settled placement may itself be due for release.
  for (let round = 0; round < 2; round += 1) {
    const action = decideDue(record);
    switch (action.kind) {
      case 'forget':
        await deps.releases.remove(id);
        return 'forgotten';
      case 'later':
        await deps.releases.reschedule(id, action.at);
        return 'rescheduled';
      case 'cancel':
        if (record) return release(deps, record);
        return 'forgotten';
      case 'settle-stale-work': {
        if (!record) return 'forgotten';
        const settled = await settle(deps, record);
        if (!settled.ok) return 'store-unavailable';
        record = settled.value;
      }
    }
  }
  return 'rescheduled';
}

async function release(deps: UseCaseDeps, record: PreOrderPaymentRecord): Promise<DueOutcome> {
  const result = await cancelAtProvider(deps, {
    caller: gatewayCaller(`release-${randomUUID()}`),
    record,
    purpose: 'release',
    reason: 'released after its deadline',
  });
  switch (result.kind) {
    case 'canceled':
      await deps.releases.remove(record.id);
      if (result.record.status === 'EXPIRED') deps.metrics.release('released');
      deps.logger.info({ preOrderPaymentId: record.id, status: result.record.status }, 'released a pre-order payment');
      return 'released';
    case 'lost': {
      // Someone else moved it (a shopper re-initialized, placed or canceled): decide from what it is now.
      const next = decideDue(result.current);
      if (next.kind === 'later') await deps.releases.reschedule(record.id, next.at);
      else if (next.kind === 'forget') await deps.releases.remove(record.id);
      return 'rescheduled';
    }
    case 'failed':
    case 'unclear':
      return afterFailedAttempt(deps, { id: record.id, after: result.record, unclear: result.kind === 'unclear' });
  }
}

interface FailedRelease {
  readonly id: PreOrderPaymentId;
  /** The record as the failed attempt left it; null when that could not be recorded. */
  readonly after: PreOrderPaymentRecord | null;
  readonly unclear: boolean;
}

async function afterFailedAttempt(deps: UseCaseDeps, attempt: FailedRelease): Promise<DueOutcome> {
  const { id, after } = attempt;
  // Not recorded: the entry stays claimed and comes due again when the claim ends.
  if (!after) return 'retry-later';
  const attempts = after.release?.attempts ?? after.cancellation?.attempts ?? 1;
  if (after.release?.failed) {
    await deps.releases.remove(id);
    deps.metrics.release('failed');
    deps.logger.error(
      { preOrderPaymentId: id, attempts, status: after.status },
      'release FAILED: the provider payment could not be released; an operator must decide',
    );
    return 'release-failed';
  }
  const retryAt = after.observedAt + nextAttemptIn(attempts, deps.settings.releaseBackoffMs);
  // An unclear attempt holds its lease: no repeat can take over before it ends.
  await deps.releases.reschedule(id, attempt.unclear && after.lease ? Math.max(retryAt, after.lease) : retryAt);
  deps.logger.warn(
    { preOrderPaymentId: id, attempts, unclear: attempt.unclear },
    'release attempt failed; retrying later',
  );
  return 'retry-later';
}
