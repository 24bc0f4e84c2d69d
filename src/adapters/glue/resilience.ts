import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  type FailureReason,
  handleWhenResult,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  isBrokenCircuitError,
  retry,
} from 'cockatiel';
import type { Logger } from '../../domain/logger.ts';
import { callKind, glueLooksDown, worthRetrying } from './call-kinds.ts';
import type { GlueAnswer, GluePolicy } from './exchange.ts';

/**
 * Retries and a circuit breaker around every Glue call (cockatiel), installed as the HTTP layer's
 * policy. The per-request deadline stays in `http.ts`, where it can tell "not sent" from "no answer".
 *
 * - Reads and cancellations (`call-kinds.ts`) are retried on outcomes worth repeating, with
 *   exponential backoff and decorrelated jitter, or after Glue's `Retry-After` when that is short.
 *   `POST /payments`, `POST /checkout` and any other write get exactly one attempt.
 * - One breaker per HTTP layer, i.e. per Glue base URL: it opens after consecutive attempts that
 *   found Glue down, and while open answers `not-sent` / `breaker-open` without touching the
 *   network, so /checkout maps to "no order can exist" and everything else to "unavailable".
 */

export interface GlueResilienceOptions {
  /** Retries after the first attempt of a read or a cancellation. Default 2. */
  readonly maxRetries?: number;
  /** Scale of the first backoff, ms; later ones grow exponentially, with jitter. Default 100. */
  readonly baseDelayMs?: number;
  /** Longest backoff, ms. Default 1000. */
  readonly maxDelayMs?: number;
  /** Longest `Retry-After` waited out before a retry; a longer one ends the retries and is reported. Default 2000. */
  readonly maxRetryAfterMs?: number;
  /**
   * A retry starts only if it can start (after its wait) within this many ms of the first attempt,
   * so a call takes at most this plus one deadline. Timeouts are safe to repeat, but with a deadline
   * longer than this a timed-out attempt is not repeated: the cart lock of an initialization
   * (2 deadlines + 5 s, for a cancellation and a /payments) relies on that bound. Default 3000.
   */
  readonly retryWindowMs?: number;
  /** Consecutive "Glue is down" attempts that open the breaker. Default 5. */
  readonly breakerThreshold?: number;
  /** How long the breaker stays open before one probe call may pass. Default 10000. */
  readonly breakerOpenMs?: number;
  readonly logger?: Logger;
}

export const RESILIENCE_DEFAULTS = {
  maxRetries: 2,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 2_000,
  retryWindowMs: 3_000,
  breakerThreshold: 5,
  breakerOpenMs: 10_000,
} as const;

export interface GlueResilience {
  readonly policy: GluePolicy;
  /** True while the breaker answers calls without sending; false again once a probe may pass. */
  isOpen(): boolean;
}

/** The retry loop and the breaker only ever see what `sendOnce` returns. */
const asAnswer = (value: unknown): GlueAnswer => value as GlueAnswer;

/** A Retry-After worth waiting out, in ms; null when absent, zero, or longer than the cap. */
function waitableRetryAfterMs(answer: GlueAnswer, capMs: number): number | null {
  if (answer.kind !== 'response' || !answer.retryAfterSeconds) return null;
  const ms = answer.retryAfterSeconds * 1000;
  return ms <= capMs ? ms : null;
}

/** A Retry-After beyond the cap: Glue asked for longer than a shopper should wait, so stop and report it. */
function asksTooLong(answer: GlueAnswer, capMs: number): boolean {
  return answer.kind === 'response' && answer.retryAfterSeconds !== null && answer.retryAfterSeconds * 1000 > capMs;
}

/** Exponential backoff with jitter, except that a short `Retry-After` from Glue sets the wait. */
function backoffHonouringRetryAfter(
  base: IBackoffFactory<unknown>,
  capMs: number,
): IBackoffFactory<IRetryBackoffContext<unknown>> {
  const step = (
    previous: IBackoff<unknown> | null,
    context: IRetryBackoffContext<unknown>,
  ): IBackoff<IRetryBackoffContext<unknown>> => {
    const exponential = previous ? previous.next(context) : base.next(context);
    const hinted = 'value' in context.result ? waitableRetryAfterMs(asAnswer(context.result.value), capMs) : null;
    return { duration: hinted ?? exponential.duration, next: (next) => step(exponential, next) };
  };
  return { next: (context) => step(null, context) };
}

function failureFields(reason: FailureReason<unknown> | { isolated: true }): Record<string, unknown> {
  if (!('value' in reason)) return {};
  const answer = asAnswer(reason.value);
  return answer.kind === 'response'
    ? { lastStatus: answer.status }
    : { lastFailure: answer.kind, reason: answer.reason };
}

export function createGlueResilience(options: GlueResilienceOptions & { readonly name?: string }): GlueResilience {
  const settings = { ...RESILIENCE_DEFAULTS, ...definedOnly(options) };
  const { logger } = options;
  const glue = options.name ?? 'glue';

  const breaker = circuitBreaker(
    handleWhenResult((value) => glueLooksDown(asAnswer(value))),
    { halfOpenAfter: settings.breakerOpenMs, breaker: new ConsecutiveBreaker(settings.breakerThreshold) },
  );
  // cockatiel does not expose when it opened; its own clock is Date.now(), so ours agrees to the ms.
  let openedAt = 0;
  breaker.onBreak((reason) => {
    openedAt = Date.now();
    logger?.warn(
      { glue, openMs: settings.breakerOpenMs, ...failureFields(reason) },
      'glue circuit breaker opened: calls are answered without sending',
    );
  });
  breaker.onHalfOpen(() => logger?.info({ glue }, 'glue circuit breaker half-open: one probe call passes'));
  breaker.onReset(() => logger?.info({ glue }, 'glue circuit breaker closed'));

  const openForMs = (): number =>
    breaker.state === CircuitState.Open ? Math.max(0, openedAt + settings.breakerOpenMs - Date.now()) : 0;

  const throughBreaker = async (send: () => Promise<GlueAnswer>): Promise<GlueAnswer> => {
    try {
      return await breaker.execute(send);
    } catch (error) {
      if (!isBrokenCircuitError(error)) throw error;
      // At least 1: the client should come back later, never "retry now" into an open breaker.
      return {
        kind: 'not-sent',
        reason: 'breaker-open',
        retryAfterSeconds: Math.max(1, Math.ceil(openForMs() / 1000)),
      };
    }
  };

  const retries = retry(
    handleWhenResult(
      (value) => worthRetrying(asAnswer(value)) && !asksTooLong(asAnswer(value), settings.maxRetryAfterMs),
    ),
    {
      maxAttempts: settings.maxRetries,
      backoff: backoffHonouringRetryAfter(
        new ExponentialBackoff({
          initialDelay: settings.baseDelayMs,
          maxDelay: settings.maxDelayMs,
          generator: decorrelatedJitterGenerator,
        }),
        settings.maxRetryAfterMs,
      ),
    },
  );

  /** The longest wait the backoff may choose after this answer. */
  const longestWait = (answer: GlueAnswer): number =>
    waitableRetryAfterMs(answer, settings.maxRetryAfterMs) ?? settings.maxDelayMs;

  const policy: GluePolicy = (request, send) => {
    if (callKind(request) === 'single-shot') return throughBreaker(send);
    const started = performance.now();
    // cockatiel checks this signal before each retry: aborted, the last answer stands.
    const outOfWindow = new AbortController();
    return retries.execute(async ({ attempt }) => {
      // The resource only: paths carry cart ids and order references, which logs do not need.
      if (attempt > 0)
        logger?.info(
          { requestId: request.caller.requestId, method: request.method, resource: resourceOf(request.path), attempt },
          'retrying glue call',
        );
      const answer = await throughBreaker(send);
      if (performance.now() - started + longestWait(answer) > settings.retryWindowMs) outOfWindow.abort();
      return answer;
    }, outOfWindow.signal);
  };

  return { policy, isOpen: () => openForMs() > 0 };
}

const resourceOf = (path: string): string => `/${path.split('?')[0]?.split('/')[1] ?? ''}`;

/** `{ maxRetries: undefined }` must not erase a default. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
