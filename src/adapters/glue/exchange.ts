import type { Caller, GatewayCaller } from '../../domain/identity.ts';

/**
 * One exchange with Glue as every layer of the adapter sees it: the request, and the three ways
 * it can end (an answer, nothing sent, or sent without an answer). Its own file, so the HTTP
 * layer, the resilience policy and the answer mapping share these types without importing each other.
 */

export interface GlueRequest {
  readonly method: 'GET' | 'POST';
  /** Path below the base URL, with its query, e.g. `/checkout-data?include=carts`. */
  readonly path: string;
  /** A shopper (their credentials are forwarded), or the gateway itself (none are). */
  readonly caller: Caller | GatewayCaller;
  /** A JSON:API document; sent as `application/vnd.api+json`. */
  readonly body?: unknown;
  /** Overrides the layer's deadline for this one request. */
  readonly timeoutMs?: number;
}

/** Why nothing reached Glue: the request can be repeated without any risk of a double effect. */
export type NotSentReason = 'connection-refused' | 'dns' | 'connect-timeout' | 'timeout' | 'breaker-open' | 'other';
/** Why a sent request got no answer: Glue may have acted on it. */
export type NoAnswerReason = 'timeout' | 'reset' | 'other';

export type GlueAnswer =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly body: unknown;
      readonly retryAfterSeconds: number | null;
    }
  | { readonly kind: 'not-sent'; readonly reason: NotSentReason; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'no-answer'; readonly reason: NoAnswerReason };

/**
 * The one place a resilience policy (retry, circuit breaker) wraps every Glue call. It must never
 * repeat a request whose answer was `no-answer` unless the endpoint is a read or a cancellation
 * (`call-kinds.ts`); the built-in one is `resilience.ts`.
 */
export type GluePolicy = (request: GlueRequest, send: () => Promise<GlueAnswer>) => Promise<GlueAnswer>;
