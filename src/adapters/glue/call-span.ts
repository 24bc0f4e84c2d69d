import { type Attributes, context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { callKind } from './call-kinds.ts';
import type { GlueAnswer, GlueRequest } from './exchange.ts';

/**
 * One client span per HTTP exchange with Glue (a retried read is one span per attempt), named
 * like the metrics' endpoint (`POST /checkout`, `GET /carts/{id}`), with the W3C `traceparent`
 * of that span for the request's headers. With tracing off the API hands out a no-op span and
 * injects nothing.
 */

export interface GlueCall {
  readonly request: GlueRequest;
  /** `POST /checkout`: method and path template. */
  readonly endpoint: string;
  /** 0 for the first attempt, then 1, 2, ... for the resilience layer's retries. */
  readonly attempt: number;
  readonly origin: URL;
}

/** Trace scopes are per adapter, so a backend can tell Glue spans from Redis and GraphQL ones. */
const tracer = () => trace.getTracer('headless-payment-gateway/glue');

export function inGlueCallSpan(
  call: GlueCall,
  exchange: (traceHeaders: Readonly<Record<string, string>>) => Promise<GlueAnswer>,
): Promise<GlueAnswer> {
  return tracer().startActiveSpan(
    call.endpoint,
    { kind: SpanKind.CLIENT, attributes: requestAttributes(call) },
    (span) => exchangeIn(span, exchange),
  );
}

async function exchangeIn(
  span: Span,
  exchange: (traceHeaders: Readonly<Record<string, string>>) => Promise<GlueAnswer>,
): Promise<GlueAnswer> {
  const traceHeaders: Record<string, string> = {};
  propagation.inject(context.active(), traceHeaders);
  try {
    const answer = await exchange(traceHeaders);
    describeAnswer(span, answer);
    return answer;
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

function requestAttributes(call: GlueCall): Attributes {
  const path = call.request.path.split('?')[0] ?? '';
  return {
    'http.request.method': call.request.method,
    'url.template': call.endpoint.slice(call.endpoint.indexOf(' ') + 1),
    'url.path': path,
    'server.address': call.origin.hostname,
    'server.port': Number(call.origin.port) || (call.origin.protocol === 'https:' ? 443 : 80),
    'glue.call.kind': callKind(call.request),
    ...(call.attempt > 0 ? { 'http.request.resend_count': call.attempt } : {}),
  };
}

/** As the HTTP conventions ask of a client: 4xx and 5xx are errors, and so is no answer at all. */
function describeAnswer(span: Span, answer: GlueAnswer): void {
  span.setAttribute('glue.outcome', answer.kind);
  if (answer.kind === 'response') {
    span.setAttribute('http.response.status_code', answer.status);
    if (answer.status >= 400) {
      span.setAttribute('error.type', String(answer.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return;
  }
  span.setAttribute('error.type', answer.reason);
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${answer.kind}: ${answer.reason}` });
}
