import { type AttemptOutcome, decideOutcomeWrite } from '../../domain/attempt-outcome.ts';
import { outboxEntryId } from '../../domain/ports/order-outbox.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export type Landing =
  /** Written now, or already held by the store: the record as stored. */
  | { readonly kind: 'landed' | 'recorded'; readonly record: PreOrderPaymentRecord }
  /** Nothing to write (see OutcomeDecision); `record` is what the store holds. */
  | { readonly kind: 'superseded' | 'conflict'; readonly why: string; readonly record: PreOrderPaymentRecord }
  | { readonly kind: 'gone' }
  /** The store did not answer: try again later. */
  | { readonly kind: 'unavailable' };

export interface LandingRequest {
  readonly known: AttemptOutcome;
  /** The payment as last read or written; null to read it first. */
  readonly seen: PreOrderPaymentRecord | null;
}

/** Decisions in a row before giving up for now: each lost race or unanswered write costs one. */
const ROUNDS = 4;

/**
 * Writes an attempt's known outcome, deciding from what the store holds (decideOutcomeWrite): a
 * compare-and-set on the version decided from; after a lost race, decided again from the record
 * the store answered; after a write that got no answer (which may have landed), from a fresh read.
 * Answers 'unavailable' as soon as a read gets no answer.
 */
export async function landOutcome(deps: UseCaseDeps, request: LandingRequest): Promise<Landing> {
  const { known } = request;
  let base: PreOrderPaymentRecord | null | undefined = request.seen ?? undefined;
  for (let round = 0; round < ROUNDS; round += 1) {
    if (base === undefined) {
      const read = await deps.store.get(known.preOrderPaymentId);
      if (!read.ok) return { kind: 'unavailable' };
      base = read.value;
    }
    const decision = decideOutcomeWrite(base, known);
    if (base === null || decision.kind === 'gone') return { kind: 'gone' };
    switch (decision.kind) {
      case 'recorded':
        return { kind: 'recorded', record: base };
      case 'superseded':
      case 'conflict':
        return { kind: decision.kind, why: decision.why, record: base };
      case 'write': {
        if (decision.change.changes.status === 'INITIALIZED' && base.status === 'ORDER_OUTCOME_UNKNOWN') {
          // Booked before the write (see transitionTo): the release queue forgot the payment when
          // its outcome became unknown, and an INITIALIZED one must reach its deadline. (A placement
          // in flight still has its lease's entry, which the sweeper moves on to the deadline.)
          const booked = await deps.releases.schedule(base.id, Math.max(0, base.expiresAt - base.observedAt));
          if (!booked.ok) return { kind: 'unavailable' };
        }
        const written = await transitionTo(deps, base, decision.change);
        if (!written.ok) base = undefined;
        else if (written.value.won) return { kind: 'landed', record: written.value.record };
        else base = written.value.current;
      }
    }
  }
  return { kind: 'unavailable' };
}

export interface KeepRequest extends LandingRequest {
  /** What the log says the outcome is, e.g. 'ORDER_PLACED' or 'the hand-back'. */
  readonly what: string;
}

/**
 * Lands an attempt's known outcome now if the store answers; otherwise keeps it in the outbox
 * before the caller answers the shopper, for the outbox relay to land once the store is back
 * (in this process, or the next one on the same outbox after this one stopped).
 */
export async function landOrKeep(deps: UseCaseDeps, request: KeepRequest): Promise<Landing> {
  const { known, what } = request;
  const landing = await landOutcome(deps, request);
  const fields = { preOrderPaymentId: known.preOrderPaymentId, attempt: known.attempt };
  switch (landing.kind) {
    case 'landed':
    case 'recorded':
      return landing;
    case 'superseded':
      deps.logger.info({ ...fields, status: landing.record.status }, `${what} not written: ${landing.why}`);
      return landing;
    case 'conflict':
    case 'gone': {
      const why = landing.kind === 'gone' ? 'the record is gone' : landing.why;
      deps.logger.error(
        { ...fields, outcome: known.outcome },
        `${what} cannot be written (${why}); an operator decides`,
      );
      return landing;
    }
    case 'unavailable': {
      const kept = await deps.outbox.put({ ...known, id: outboxEntryId(known), putAt: deps.clock.now() });
      if (kept) deps.logger.warn(fields, `${what} could not be written; kept in the outbox and retried`);
      else deps.logger.error(fields, `${what} could not be written nor kept on disk; retried until this process stops`);
      return landing;
    }
  }
}
