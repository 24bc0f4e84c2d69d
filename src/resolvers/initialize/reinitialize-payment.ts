import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { CreatedPayment } from '../../domain/glue-outcomes.ts';
import {
  PROVIDER_AMOUNT_UNSETTLED,
  type PreOrderPaymentRecord,
  type StateChange,
} from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { compensate, markCompensated } from './compensation.ts';
import type { InitializationRequest, InitializeAnswer } from './initialization-request.ts';
import { postPayments } from './post-payments.ts';

/**
 * The same pre-order payment for a changed cart or shipments (docs/initialize.md item 4c). The
 * payment is claimed first (INITIALIZED → REINITIALIZING, with a lease on the store's clock), so
 * no placement or cancellation can run while the provider is asked; then `POST /payments` with
 * the stored map (the provider updates or replaces its transaction); then the record is updated
 * in place with a new `expiresAt`. Whenever the provider may have taken a new amount that the
 * record did not, the payment is marked unplaceable until it is initialized again.
 */
export async function reinitializePayment(
  deps: UseCaseDeps,
  request: InitializationRequest,
  record: PreOrderPaymentRecord,
): Promise<InitializeAnswer> {
  const claim = await transitionTo(deps, record, {
    changes: { status: 'REINITIALIZING' },
    stamp: { leaseForMs: deps.settings.placementLeaseMs },
  });
  if (!claim.ok) return claim;
  // A placement, cancellation or release took it first: the caller decides again from what it is.
  if (!claim.value.won) return err(Errors.inProgress());
  const claimed = claim.value.record;

  const created = await postPayments(deps, request, record.preOrderPaymentData);
  if (!created.ok) {
    await handBack(deps, claimed, created.error);
    return created;
  }
  const written = await recordReinitialization(deps, { request, claimed, created: created.value });
  if (written.ok) return ok({ record: written.value, replayed: false });

  // The new amount did not become the record's. A transaction the provider newly created would be
  // orphaned: cancel it. An amount updated in place stays unsettled on the record (see handBack).
  if (created.value.transactionId !== record.transactionId) {
    await compensate(deps, {
      request,
      created: created.value,
      why: 'the re-initialized payment could not be recorded',
    });
    void markCompensated(deps, record.id, created.value.transactionId);
  }
  return written;
}

interface Reinitialized {
  readonly request: InitializationRequest;
  readonly claimed: PreOrderPaymentRecord;
  readonly created: CreatedPayment;
}

/**
 * Writes the provider's answer over the claim. Only the claim's holder changes a claimed record
 * (others wait or settle it after the lease), so a write whose answer was lost is tried again from
 * what the store holds, for as long as the claim's lease lasts.
 */
async function recordReinitialization(
  deps: UseCaseDeps,
  reinitialized: Reinitialized,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  const { request, claimed, created } = reinitialized;
  const replaced = created.transactionId !== claimed.transactionId;
  const change: StateChange = {
    changes: {
      status: 'INITIALIZED',
      amount: request.state.checkoutData.amount,
      fingerprint: request.wanted.fingerprint,
      shipmentsKey: request.wanted.shipmentsKey,
      transactionId: created.transactionId,
      preOrderPaymentData: created.preOrderPaymentData,
      inputs: request.inputs,
      release: null,
    },
    event: {
      type: 'REINITIALIZED',
      message: replaced
        ? `transaction ${claimed.transactionId ?? '(none)'} replaced by ${created.transactionId ?? '(none)'}`
        : null,
    },
    stamp: { expiresInMs: deps.settings.preOrderPaymentTtlSeconds * 1000, leaseForMs: null },
  };
  // Retried while the claim's lease lasts (half of it, to leave time for the answer); waited time is counted, not clocked.
  let waitBudgetMs = deps.settings.placementLeaseMs / 2;
  let base = claimed;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const written = await transitionTo(deps, base, change);
    if (written.ok) {
      if (written.value.won) return ok(written.value.record);
      const current = written.value.current;
      // Our own earlier write landed although its answer was lost: done. Else someone settled the
      // claim after its lease: the payment is no longer ours to change.
      return current && landed(current, { claimed, created }) ? ok(current) : err(Errors.inProgress());
    }
    // The store did not answer; the write may still have landed. Look again, then write again.
    if (waitBudgetMs < delay) return written;
    waitBudgetMs -= delay;
    await sleep(delay);
    const reread = await deps.store.get(claimed.id);
    if (!reread.ok || !reread.value) continue;
    if (landed(reread.value, { claimed, created })) return ok(reread.value);
    if (reread.value.status !== 'REINITIALIZING' || reread.value.version !== claimed.version) {
      return err(Errors.inProgress());
    }
    base = reread.value;
  }
}

/** The stored record is the claim's successor carrying this provider answer (our write landed). */
function landed(
  current: PreOrderPaymentRecord,
  mine: { readonly claimed: PreOrderPaymentRecord; readonly created: CreatedPayment },
): boolean {
  return (
    current.version === mine.claimed.version + 1 &&
    current.status === 'INITIALIZED' &&
    current.transactionId === mine.created.transactionId &&
    current.events.at(-1)?.type === 'REINITIALIZED'
  );
}

/**
 * The claim ends without a new amount: the payment is INITIALIZED again. Unless the provider
 * clearly refused, its amount may have changed (a request without an answer may still have been
 * applied), so the record is marked unplaceable until initialized again (PROVIDER_AMOUNT_UNSETTLED).
 */
async function handBack(deps: UseCaseDeps, claimed: PreOrderPaymentRecord, error: GatewayError): Promise<void> {
  const refused = error.code === 'PAYMENT_PROVIDER_REJECTED' || error.code === 'VALIDATION_FAILED';
  const written = await transitionTo(deps, claimed, {
    changes: { status: 'INITIALIZED', ...(refused ? {} : { fingerprint: PROVIDER_AMOUNT_UNSETTLED }) },
    stamp: { leaseForMs: null },
  });
  if (!written.ok || !written.value.won) {
    deps.logger.warn(
      { preOrderPaymentId: claimed.id },
      'could not hand back a re-initialization; its lease expiry settles it',
    );
  }
}
