import type { GlueAnswer, NoAnswerReason, NotSentReason } from './exchange.ts';

/**
 * Classifies an error thrown by undici. What decides is whether undici had started writing the
 * request to a connected socket: before that, Glue cannot have seen it; after it, Glue may have
 * acted on it even though no answer came back (docs/place-order.md item 6: a /checkout then has an unknown
 * outcome, never a resend).
 */

const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const CONNECT_TIMEOUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const ANSWER_TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);

export interface SendState {
  /** undici began writing this request on a socket. */
  readonly sending: boolean;
  /** Our own per-request deadline fired. */
  readonly deadlinePassed: boolean;
}

export function transportFailure(
  error: unknown,
  state: SendState,
): Extract<GlueAnswer, { kind: 'not-sent' | 'no-answer' }> {
  const codes = errorCodes(error);
  if (!state.sending) return { kind: 'not-sent', reason: notSentReason(codes, state), retryAfterSeconds: null };
  return { kind: 'no-answer', reason: noAnswerReason(codes, state) };
}

function notSentReason(codes: ReadonlySet<string>, state: SendState): NotSentReason {
  if (has(codes, REFUSED)) return 'connection-refused';
  if (has(codes, DNS)) return 'dns';
  if (has(codes, CONNECT_TIMEOUT)) return 'connect-timeout';
  if (state.deadlinePassed) return 'timeout';
  return 'other';
}

function noAnswerReason(codes: ReadonlySet<string>, state: SendState): NoAnswerReason {
  if (state.deadlinePassed || has(codes, ANSWER_TIMEOUT)) return 'timeout';
  if (has(codes, RESET)) return 'reset';
  return 'other';
}

function has(codes: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean {
  for (const code of codes) if (wanted.has(code)) return true;
  return false;
}

/** Codes of the error, its causes and, for Happy Eyeballs, each address's attempt. */
function errorCodes(error: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 4 || typeof error !== 'object' || error === null) return into;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') into.add(code);
  errorCodes((error as { cause?: unknown }).cause, into, depth + 1);
  if (error instanceof AggregateError) for (const inner of error.errors) errorCodes(inner, into, depth + 1);
  return into;
}
