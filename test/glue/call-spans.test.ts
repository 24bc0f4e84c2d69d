import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { createGlueHttp, type GlueHttp } from '../../src/adapters/glue/http.ts';
import { startTracing } from '../../src/tracing.ts';
import { useOnce } from '../support/lifecycle.ts';
import { customer } from './support/callers.ts';
import { useCleanups } from './support/cleanups.ts';
import { closedPort, json, serveWith } from './support/test-server.ts';

const defer = useCleanups();
const serve = serveWith(defer);
const exporter = new InMemorySpanExporter();
useOnce(
  () => startTracing({ serviceName: 'glue-spans', exporter }),
  (tracing) => tracing.shutdown(),
);

function http(baseUrl: string, timeoutMs = 2000): GlueHttp {
  const client = createGlueHttp({ baseUrl, timeoutMs, resilience: { baseDelayMs: 1, maxDelayMs: 1 } });
  defer(() => client.close());
  return client;
}

/** Runs `send` inside a parent span, as a GraphQL operation does; answers the spans under it. */
async function underParent(send: () => Promise<unknown>) {
  exporter.reset();
  const parent = await trace.getTracer('test').startActiveSpan('operation', async (span) => {
    await send();
    span.end();
    return span;
  });
  return exporter.getFinishedSpans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
}

describe('Glue call spans', () => {
  it('are client spans named by the endpoint, each attempt its own, each with its own traceparent', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) json(res, { status: 502, body: null });
      else json(res, { status: 200, body: { data: [] } });
    });
    const spans = await underParent(() =>
      http(server.url).send({ method: 'GET', path: '/carts/c-1', caller: customer() }),
    );
    expect(spans.map((span) => [span.name, span.kind, span.attributes['http.response.status_code']])).toEqual([
      ['GET /carts/{id}', SpanKind.CLIENT, 502],
      ['GET /carts/{id}', SpanKind.CLIENT, 200],
    ]);
    expect(spans[0]?.attributes).toMatchObject({
      'url.path': '/carts/c-1',
      'error.type': '502',
      'glue.call.kind': 'read',
    });
    expect(spans[1]?.attributes['http.request.resend_count']).toBe(1);
    const sent = server.requests.map((request) => request.headers.traceparent);
    expect(sent).toEqual(spans.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`));
  });

  it('mark an exchange that got no answer as an error naming why', async () => {
    const port = await closedPort();
    const spans = await underParent(() =>
      http(`http://127.0.0.1:${port}`).send({ method: 'POST', path: '/checkout', caller: customer(), body: {} }),
    );
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans[0]?.attributes).toMatchObject({
      'glue.outcome': 'not-sent',
      'error.type': 'connection-refused',
      'glue.call.kind': 'single-shot',
    });
  });
});
