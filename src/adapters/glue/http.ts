import { type Dispatcher, Pool } from 'undici';
import type { Logger } from '../../domain/logger.ts';
import { inGlueCallSpan } from './call-span.ts';
import type { GlueAnswer, GluePolicy, GlueRequest } from './exchange.ts';
import { createGlueResilience, type GlueResilienceOptions } from './resilience.ts';
import { transportFailure } from './transport-errors.ts';

/**
 * The HTTP layer to Glue: one keep-alive pool per origin, JSON:API headers, the caller's own
 * credentials, one deadline per request, and failures classified by whether anything may have
 * reached Glue (docs/place-order.md item 6). Nothing here knows what an answer means; `answer-mapping.ts` does.
 */

export interface GlueHttp {
  send(request: GlueRequest): Promise<GlueAnswer>;
  /** True while the circuit breaker answers every call without sending. */
  isOpen(): boolean;
  /** The opposite of `isOpen`, for /readyz: answering it never calls Glue. */
  available(): boolean;
  close(): Promise<void>;
}

export interface GlueHttpOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Sockets kept open to Glue (keep-alive). */
  readonly connections?: number;
  /** Replaces the built-in retry and circuit-breaker policy (then `isOpen` is always false). */
  readonly policy?: GluePolicy;
  /** Settings of the built-in policy; `false`: one attempt per call and no breaker. */
  readonly resilience?: GlueResilienceOptions | false;
  readonly logger?: Logger;
  /** Told of every exchange (metrics): the endpoint's template, its outcome and how long it took. */
  readonly observe?: (sample: { endpoint: string; outcome: string; seconds: number }) => void;
}

const JSON_API = 'application/vnd.api+json';
const direct: GluePolicy = (_request, send) => send();

export function createGlueHttp(options: GlueHttpOptions): GlueHttp {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: options.connections ?? 64,
    // undici's own phase timeouts give precise error codes; the deadline in sendOnce bounds the total.
    connectTimeout: options.timeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    // Short idle life unless Glue hints otherwise: a socket the server already closed would make a
    // POST /checkout fail after "sending", which can only be answered as an unknown outcome.
    keepAliveTimeout: 4_000,
  });
  // One breaker per layer, and the composition root makes one layer per Glue base URL.
  const resilience =
    options.policy || options.resilience === false
      ? null
      : createGlueResilience({ name: base.origin, logger: options.logger, ...options.resilience });
  const policy = options.policy ?? resilience?.policy ?? direct;
  const isOpen = (): boolean => resilience?.isOpen() ?? false;

  const send = (request: GlueRequest): Promise<GlueAnswer> => {
    let attempt = 0;
    // Inside the policy, so each retry is a span of its own under the operation's.
    return policy(request, () =>
      inGlueCallSpan({ request, endpoint: endpointOf(request), attempt: attempt++, origin: base }, (traceHeaders) =>
        sendOnce(request, { pool, path: basePath + request.path, options, traceHeaders }),
      ),
    );
  };

  return {
    send,
    isOpen,
    available: () => !isOpen(),
    close: () => pool.close(),
  };
}

/** `traceHeaders`: the W3C `traceparent` of this exchange's span, when tracing is on. */
function headersFor(request: GlueRequest, traceHeaders: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {
    ...traceHeaders,
    accept: JSON_API,
    'x-request-id': request.caller.requestId,
  };
  const identity = request.caller.identity;
  if (identity.kind === 'customer') headers.authorization = `Bearer ${identity.accessToken}`;
  else if (identity.kind === 'guest') headers['x-anonymous-customer-unique-id'] = identity.anonymousId;
  // The gateway acting on its own sends no shopper credentials.
  if (request.caller.acceptLanguage) headers['accept-language'] = request.caller.acceptLanguage;
  if (request.body !== undefined) headers['content-type'] = JSON_API;
  return headers;
}

/** Marks the moment undici starts writing the request to a connected socket. */
function trackSending(onSending: () => void): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) =>
    dispatch(opts, {
      onRequestStart: (controller, context) => {
        onSending();
        handler.onRequestStart?.(controller, context);
      },
      // biome-ignore lint/complexity/useMaxParams: undici's handler interface fixes this signature.
      onRequestUpgrade: (controller, statusCode, headers, socket) =>
        handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
      // biome-ignore lint/complexity/useMaxParams: undici's handler interface fixes this signature.
      onResponseStart: (controller, statusCode, headers, statusMessage) =>
        handler.onResponseStart?.(controller, statusCode, headers, statusMessage),
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    });
}

/**
 * One exchange under one deadline. undici only drops a queued request once a socket frees up, so
 * a request still waiting for a connection at its deadline is answered "not sent" at once.
 */
async function sendOnce(
  request: GlueRequest,
  via: {
    readonly pool: Pool;
    readonly path: string;
    readonly options: GlueHttpOptions;
    readonly traceHeaders: Readonly<Record<string, string>>;
  },
): Promise<GlueAnswer> {
  const { pool, path, options } = via;
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? options.timeoutMs;
  const state = { sending: false, deadlinePassed: false };
  const deadline = new AbortController();
  let answerQueued: (answer: GlueAnswer) => void = () => {};
  const queuedTooLong = new Promise<GlueAnswer>((resolve) => (answerQueued = resolve));
  const timer = setTimeout(() => {
    state.deadlinePassed = true;
    deadline.abort(new Error('Glue request deadline passed'));
    if (!state.sending) answerQueued({ kind: 'not-sent', reason: 'timeout', retryAfterSeconds: null });
  }, timeoutMs);
  timer.unref();

  const exchange = async (): Promise<GlueAnswer> => {
    try {
      const response = await pool.compose(trackSending(() => (state.sending = true))).request({
        method: request.method,
        path,
        headers: headersFor(request, via.traceHeaders),
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal: deadline.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await response.body.text();
      return {
        kind: 'response',
        status: response.statusCode,
        body: parseJson(text, response.headers['content-type']),
        retryAfterSeconds: retryAfter(response.statusCode, response.headers['retry-after']),
      };
    } catch (error) {
      return transportFailure(error, state);
    }
  };

  try {
    const answer = await Promise.race([exchange(), queuedTooLong]);
    options.observe?.({
      endpoint: endpointOf(request),
      outcome: answer.kind === 'response' ? String(answer.status) : answer.kind,
      seconds: (performance.now() - started) / 1000,
    });
    const fields = {
      requestId: request.caller.requestId,
      method: request.method,
      path: request.path,
      ms: elapsed(started),
    };
    if (answer.kind === 'response') options.logger?.debug({ ...fields, status: answer.status }, 'glue call');
    else
      options.logger?.warn(
        { ...fields, failure: answer.kind, reason: answer.reason },
        'glue call failed without an answer',
      );
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** Glue answers `application/vnd.api+json`; its spec and some proxies say `application/json`. */
export function parseJson(text: string, contentType: string | string[] | undefined): unknown {
  if (text.trim() === '') return null;
  const type = (Array.isArray(contentType) ? contentType[0] : contentType) ?? '';
  const looksJson = /[/+]json\b/i.test(type) || /^\s*[{[]/.test(text);
  if (!looksJson) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** `Retry-After` on 429/503, in whole seconds (delta-seconds or an HTTP date). */
export function retryAfter(status: number, header: string | string[] | undefined, now = Date.now()): number | null {
  if (status !== 429 && status !== 503) return null;
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Path segments that name one resource: replaced by a placeholder so metrics stay few. */
const RESOURCE_IDS = /^\/(carts|guest-carts|orders)\/[^/]+/;

/** `POST /checkout`, `GET /carts/{id}`: the endpoint of a request, without ids or query. */
export function endpointOf(request: Pick<GlueRequest, 'method' | 'path'>): string {
  const path = request.path.split('?')[0] ?? '';
  return `${request.method} ${path.replace(RESOURCE_IDS, '/$1/{id}')}`;
}
