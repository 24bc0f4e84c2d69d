import { attentionReason } from '../../domain/attention.ts';
import { Errors } from '../../domain/errors.ts';
import { gatewayCaller } from '../../domain/identity.ts';
import type { OperatorError } from '../../domain/operator-errors.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { cancelAtProvider } from '../payment-record/cancel-at-provider.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { noteOperatorAction } from './operator-note.ts';

/** What a release can be retried for: it failed for good, is overdue, or a cancellation was left unclear. */
const RETRYABLE = new Set(['RELEASE_FAILED', 'RELEASE_OVERDUE', 'CANCELLATION_STALE']);

/**
 * retryRelease (operators' view): tries the release of a payment whose release failed or is overdue
 * once more, now: CANCELING, `POST /payment-cancellations`, EXPIRED. The operator's note is an event
 * on the payment first.
 */
export async function retryRelease(
  deps: UseCaseDeps,
  retry: { readonly preOrderPaymentId: string; readonly note: string; readonly requestId: string },
): Promise<Result<PreOrderPaymentRecord, OperatorError>> {
  const noted = await noteOperatorAction(deps, {
    ...retry,
    action: 'retried the release',
    appliesTo: (record) => RETRYABLE.has(attentionReason(record) ?? ''),
  });
  if (!noted.ok) return noted;
  const record = noted.value;
  // One attempt, now; a failure counts like the sweeper's and keeps the payment listed.
  const released = await cancelAtProvider(deps, {
    caller: gatewayCaller(retry.requestId),
    record,
    purpose: 'release',
    reason: 'released by an operator after its deadline',
  });
  switch (released.kind) {
    case 'canceled':
      // A shopper's cancellation it repeated ends CANCELED: that is no release.
      if (released.record.status === 'EXPIRED') deps.metrics.release('released');
      return ok(released.record);
    case 'lost':
      return err(Errors.inProgress());
    default:
      return err(released.error);
  }
}
