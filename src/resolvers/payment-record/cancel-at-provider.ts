import type { GatewayError } from '../../domain/errors.ts';
import { cancellationResult } from '../../domain/glue-outcomes.ts';
import type { Caller, GatewayCaller } from '../../domain/identity.ts';
import {
  type CancellationPurpose,
  type PreOrderPaymentRecord,
  type RecordChanges,
  type StateChange,
  statusBeforeCancellation,
} from '../../domain/pre-order-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { transitionTo } from './transition-to.ts';

export type CancelAtProviderResult =
  /** Canceled at the provider and recorded: CANCELED, or EXPIRED for a release. */
  | { readonly kind: 'canceled'; readonly record: PreOrderPaymentRecord }
  /** The payment is not (or no longer) this request's to cancel; `current` says what it is. */
  | { readonly kind: 'lost'; readonly current: PreOrderPaymentRecord | null }
  /** Refused, or nothing reached Glue: the payment is as before (`record`, when written; statusBeforeCancellation). */
  | { readonly kind: 'failed'; readonly error: GatewayError; readonly record: PreOrderPaymentRecord | null }
  /** Sent without a clear answer: it stays CANCELING and is repeated once its lease runs out. */
  | { readonly kind: 'unclear'; readonly error: GatewayError; readonly record: PreOrderPaymentRecord | null };

export interface Cancellation {
  /** The shopper, or the gateway itself for a release. */
  readonly caller: Caller | GatewayCaller;
  /** INITIALIZED, or CANCELING with an expired lease (a repeat of a cancellation nobody finished). */
  readonly record: PreOrderPaymentRecord;
  /** Why, for a new cancellation; a repeat keeps the purpose it started with. */
  readonly purpose: CancellationPurpose;
  /** For the event that ends it. */
  readonly reason: string;
}

/**
 * INITIALIZED → CANCELING → `POST /payment-cancellations` → CANCELED, or EXPIRED for a release
 * (docs/cancel.md, docs/expiry-and-release.md). The compare-and-set to CANCELING, with a lease on
 * the store's clock, is the lock: only its winner talks to Glue, and a repeat may take over only
 * once the lease ran out. A refusal or an outage before sending puts the payment back to
 * INITIALIZED; an answer that is not clear leaves it CANCELING, because the provider may still
 * cancel, and the release sweeper or the next cancel repeats it (it is safe to repeat). A release
 * that fails counts towards RELEASE_MAX_ATTEMPTS.
 */
export async function cancelAtProvider(deps: UseCaseDeps, cancellation: Cancellation): Promise<CancelAtProviderResult> {
  const { caller, record } = cancellation;
  const taken = await transitionTo(deps, record, takeFor(cancellation, deps.settings.placementLeaseMs));
  if (!taken.ok) return { kind: 'failed', error: taken.error, record: null };
  if (!taken.value.won) return { kind: 'lost', current: taken.value.current };
  const canceling = taken.value.record;
  const purpose = canceling.cancellation?.purpose ?? cancellation.purpose;

  const outcome = cancellationResult(
    await deps.glue.cancelPayment(caller, {
      paymentMethodName: record.paymentMethodName,
      paymentProviderName: record.paymentProviderName,
      preOrderPaymentData: record.preOrderPaymentData,
    }),
  );
  if (outcome.kind === 'canceled') {
    const why = canceling.cancellation?.reason ?? cancellation.reason;
    const message = outcome.note ? `${why}; ${outcome.note}` : why;
    const ended = purpose === 'release' ? 'EXPIRED' : 'CANCELED';
    const written = await transitionTo(deps, canceling, {
      changes: { status: ended, cancellation: null, release: null },
      event: { type: ended, message },
      stamp: { leaseForMs: null },
    });
    if (written.ok && written.value.won) return { kind: 'canceled', record: written.value.record };
    // Canceled at the provider, but the record moved on (a repeat took over after our lease) or the
    // store did not answer: what the record says is the answer; a repeat meets "already canceled".
    deps.logger.error({ preOrderPaymentId: record.id }, 'payment canceled at the provider but not recorded as such');
    return { kind: 'lost', current: written.ok && !written.value.won ? written.value.current : null };
  }
  const failed = outcome.kind === 'failed';
  const written = await transitionTo(deps, canceling, afterFailure({ deps, canceling, purpose, failed }));
  if (!written.ok || !written.value.won) {
    deps.logger.warn({ preOrderPaymentId: record.id }, 'a failed cancellation could not be recorded; it is repeated');
  }
  const after = written.ok && written.value.won ? written.value.record : null;
  return failed
    ? { kind: 'failed', error: outcome.error, record: after }
    : { kind: 'unclear', error: outcome.error, record: after };
}

/** Takes the payment for `leaseMs`: a new cancellation, or a repeat of one whose holder's lease ran out. */
function takeFor(cancellation: Cancellation, leaseMs: number): StateChange {
  const { record, purpose, reason } = cancellation;
  const repeat = record.status === 'CANCELING';
  const current = record.cancellation ?? { purpose, reason, attempts: 0 };
  return {
    changes: {
      status: 'CANCELING',
      cancellation: { ...current, attempts: current.attempts + 1 },
    },
    stamp: { leaseForMs: leaseMs },
    ...(repeat ? { require: 'lease-expired' as const } : purpose === 'release' ? { require: 'expired' as const } : {}),
  };
}

interface FailedAttempt {
  readonly deps: UseCaseDeps;
  readonly canceling: PreOrderPaymentRecord;
  readonly purpose: CancellationPurpose;
  /** True: refused or never sent (back to where it was); false: no clear answer (stays CANCELING). */
  readonly failed: boolean;
}

/** The record after a cancellation that did not end clearly, with a release's attempt counted. */
function afterFailure(attempt: FailedAttempt): StateChange {
  const { deps, canceling, purpose, failed } = attempt;
  const changes: RecordChanges = failed
    ? { status: statusBeforeCancellation(purpose), cancellation: null }
    : { status: 'CANCELING', cancellation: canceling.cancellation };
  const releaseAttempts = (canceling.release?.attempts ?? 0) + 1;
  const releaseFailed = purpose === 'release' && releaseAttempts >= deps.settings.releaseMaxAttempts;
  const release = purpose === 'release' ? { release: { attempts: releaseAttempts, failed: releaseFailed } } : {};
  const event = releaseFailed
    ? { type: 'RELEASE_FAILED' as const, message: `release failed ${releaseAttempts} times; an operator decides` }
    : failed
      ? undefined
      : {
          type: 'CANCELLATION_UNCLEAR' as const,
          message: 'no clear answer from the provider; the cancellation is repeated',
        };
  return {
    changes: { ...changes, ...release },
    ...(event ? { event } : {}),
    // Refused: nobody holds it any more. Unclear: the lease stands, and when it ends a repeat may take over.
    ...(failed ? { stamp: { leaseForMs: null } } : {}),
  };
}
