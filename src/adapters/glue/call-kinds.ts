import type { GlueAnswer, GlueRequest } from './exchange.ts';

/**
 * What the resilience policy needs to know about a Glue call and its answer, kept apart from the
 * policy's mechanics so the rules can be read (and tested) in one place.
 */

/**
 * - `read`: changes nothing at Glue (every GET, and `POST /checkout-data`, which only computes
 *   totals for the given addresses), so any failed attempt may be repeated.
 * - `cancellation`: `POST /payment-cancellations`; a repeat after a lost answer meets "already
 *   canceled", which the use case treats as success (docs/cancel.md), so it may be repeated too.
 * - `single-shot`: everything else, above all `POST /payments` (a repeat may create a second
 *   provider payment) and `POST /checkout` (a repeat may place a second order, docs/place-order.md item 7).
 */
export type CallKind = 'read' | 'cancellation' | 'single-shot';

const READ_POSTS: ReadonlySet<string> = new Set(['/checkout-data']);
const CANCELLATION = '/payment-cancellations';

export function callKind(request: Pick<GlueRequest, 'method' | 'path'>): CallKind {
  const path = request.path.split('?')[0]?.replace(/\/+$/, '') ?? '';
  if (request.method === 'GET') return 'read';
  if (READ_POSTS.has(path)) return 'read';
  if (path === CANCELLATION) return 'cancellation';
  // Unknown writes default to one attempt: repeating a write is only safe when proven so.
  return 'single-shot';
}

/** Statuses that say "Glue (or its proxy) is briefly unable", not "Glue refuses this request". */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Whether a repeat of an idempotent call could help. A 500 is deliberately not here: Glue finished
 * and failed on this request, and the same request is likely to fail the same way. 4xx never.
 */
export function worthRetrying(answer: GlueAnswer): boolean {
  switch (answer.kind) {
    case 'response':
      return TRANSIENT_STATUSES.has(answer.status);
    case 'not-sent':
      // An open breaker answered without sending: repeating it at once cannot help.
      return answer.reason !== 'breaker-open';
    case 'no-answer':
      return true;
  }
}

/**
 * Whether an attempt counts towards opening the circuit breaker: Glue did not answer or answered
 * with a 5xx. Any 4xx, 429 included, is an answer from a working Glue and closes the streak.
 */
export function glueLooksDown(answer: GlueAnswer): boolean {
  switch (answer.kind) {
    case 'response':
      return answer.status >= 500;
    case 'not-sent':
      return answer.reason !== 'breaker-open';
    case 'no-answer':
      return true;
  }
}
