import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it, vi } from 'vitest';
import { startTracing, type Tracing } from '../../src/tracing.ts';
import { initializeInput } from '../support/fixtures.ts';
import type { RecordedCall } from '../support/sandbox-control.ts';
import { useStack } from '../support/stack.ts';
import { guestWithCart, initSuccess, newRequestId, placeSuccess } from './helpers.ts';

/**
 * Traces through the production wiring (startTracing, as server.ts calls it when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set), with an in-memory exporter in place of OTLP. Each test that
 * traces turns tracing off again, so the order of the tests does not matter.
 */

const stack = useStack();

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

async function withTracing<T>(run: (exporter: InMemorySpanExporter) => Promise<T>): Promise<T> {
  const exporter = new InMemorySpanExporter();
  const tracing: Tracing = await startTracing({ serviceName: 'gateway-under-test', exporter });
  try {
    return await run(exporter);
  } finally {
    await tracing.shutdown();
  }
}

/** A guest's initialize, then a placeOrder under its own request id (the sandbox records it per call). */
async function initializeThenPlace() {
  const { anon, cartId } = await guestWithCart(stack);
  const guest = (requestId: string) => stack.sdk({ 'X-Anonymous-Customer-Unique-Id': anon, 'x-request-id': requestId });
  const init = initSuccess(
    (await guest(newRequestId()).InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment,
  );
  const placeRequestId = newRequestId();
  const placed = placeSuccess(
    (await guest(placeRequestId).PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder,
  );
  const glueCalls = (await stack.control.calls()).filter((call) => call.requestId === placeRequestId);
  return { cartId, placed, glueCalls };
}

/** The root span named `name` (parentless), once it has ended and been exported. */
async function rootSpan(exporter: InMemorySpanExporter, name: string): Promise<ReadableSpan> {
  return vi.waitFor(
    () => {
      const roots = exporter.getFinishedSpans().filter((span) => span.name === name && !span.parentSpanContext);
      if (roots.length !== 1) throw new Error(`${roots.length} root spans named ${name}`);
      return roots[0] as ReadableSpan;
    },
    { timeout: 5000 },
  );
}

const traceOf = (exporter: InMemorySpanExporter, root: ReadableSpan) =>
  exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === root.spanContext().traceId);

const childrenOf = (spans: readonly ReadableSpan[], parent: ReadableSpan) =>
  spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

const startMs = (span: ReadableSpan | undefined): number =>
  span ? span.startTime[0] * 1000 + span.startTime[1] / 1e6 : Number.NaN;

function traceparentOf(call: RecordedCall | undefined): { traceId: string; spanId: string } {
  const match = TRACEPARENT.exec(call?.headers.traceparent ?? '');
  if (!match) throw new Error(`no W3C traceparent on ${call?.endpoint}: ${JSON.stringify(call?.headers)}`);
  return { traceId: match[1] ?? '', spanId: match[2] ?? '' };
}

describe('tracing (OpenTelemetry)', () => {
  it('is off unless started: no traceparent reaches Glue and the flow answers as always', async () => {
    const { glueCalls } = await initializeThenPlace();
    expect(glueCalls.map((call) => call.endpoint)).toContain('POST /checkout');
    for (const call of glueCalls) {
      expect(call.headers.traceparent).toBeUndefined();
      expect(call.headers['x-request-id']).toBe(call.requestId);
    }
  });

  it('makes one placeOrder one trace: the operation span, its Glue calls and Redis scripts as children, the traceparent on /checkout naming its span', async () => {
    await withTracing(async (exporter) => {
      const { placed, glueCalls } = await initializeThenPlace();
      expect(placed.order.orderReference).toBeTruthy();
      const root = await rootSpan(exporter, 'placeOrder');
      expect(root.kind).toBe(SpanKind.SERVER);
      expect(root.attributes).toMatchObject({
        'graphql.operation.type': 'mutation',
        'graphql.operation.name': 'PlaceOrder',
        'gateway.result.placeOrder': 'PlaceOrderSuccess',
      });
      expect(root.status.code).not.toBe(SpanStatusCode.ERROR);
      expect(root.resource.attributes['service.name']).toBe('gateway-under-test');

      const spans = traceOf(exporter, root);
      // Nothing of this trace hangs elsewhere: every span is the root or one of its children.
      const strays = spans.filter(
        (span) => span !== root && span.parentSpanContext?.spanId !== root.spanContext().spanId,
      );
      expect(strays.map((span) => span.name)).toEqual([]);
      const children = childrenOf(spans, root);

      // One Glue span per exchange the sandbox saw for this request, named by its endpoint.
      const glueSpans = children.filter((span) => span.instrumentationScope.name === 'headless-payment-gateway/glue');
      expect(glueSpans.map((span) => span.name).sort()).toEqual(glueCalls.map((call) => call.endpoint).sort());
      expect(glueSpans.map((span) => span.name)).toEqual(expect.arrayContaining(['POST /checkout']));
      expect(glueSpans.some((span) => span.name.startsWith('GET /guest-carts/'))).toBe(true);
      for (const span of glueSpans) expect(span.kind).toBe(SpanKind.CLIENT);
      const checkoutSpan = glueSpans.find((span) => span.name === 'POST /checkout');
      expect(checkoutSpan?.attributes).toMatchObject({
        'http.request.method': 'POST',
        'url.template': '/checkout',
        'http.response.status_code': 201,
        'glue.call.kind': 'single-shot',
      });

      // Redis: the scripts of the placement, the compare-and-set among them.
      const scriptSpans = children.filter((span) => span.name.startsWith('redis.script '));
      expect(scriptSpans.map((span) => span.name)).toEqual(expect.arrayContaining(['redis.script hpgSessionUpdate']));
      for (const span of scriptSpans) expect(span.attributes).toMatchObject({ 'db.system': 'redis' });
      expect(children).toHaveLength(glueSpans.length + scriptSpans.length);

      // The compare-and-set that takes the payment comes before the order is sent.
      const firstWrite = scriptSpans.find((span) => span.name === 'redis.script hpgSessionUpdate');
      expect(startMs(firstWrite)).toBeLessThan(startMs(checkoutSpan));

      // Glue got the trace: /checkout's traceparent names this trace and the /checkout span.
      const checkout = glueCalls.find((call) => call.endpoint === 'POST /checkout');
      expect(traceparentOf(checkout)).toEqual({
        traceId: root.spanContext().traceId,
        spanId: checkoutSpan?.spanContext().spanId,
      });
      for (const call of glueCalls) expect(traceparentOf(call).traceId).toBe(root.spanContext().traceId);

      // The initialization before it is a trace of its own.
      const initRoot = await rootSpan(exporter, 'initializePreOrderPayment');
      expect(initRoot.spanContext().traceId).not.toBe(root.spanContext().traceId);
    });
  });

  it('shows a retried Glue read as one span per attempt under the operation', async () => {
    await withTracing(async (exporter) => {
      const { anon, cartId } = await guestWithCart(stack);
      const requestId = newRequestId();
      await stack.control.fault({ endpoint: 'POST /checkout-data', mode: 'status', status: 503, count: 1 });
      const sdk = stack.sdk({ 'X-Anonymous-Customer-Unique-Id': anon, 'x-request-id': requestId });
      initSuccess((await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment);
      const root = await rootSpan(exporter, 'initializePreOrderPayment');
      const attempts = childrenOf(traceOf(exporter, root), root).filter((span) => span.name === 'POST /checkout-data');
      expect(attempts.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 200]);
      expect(attempts.map((span) => span.attributes['http.request.resend_count'])).toEqual([undefined, 1]);
      expect(attempts[0]?.status.code).toBe(SpanStatusCode.ERROR);
      const sent = (await stack.control.calls('POST /checkout-data')).filter((call) => call.requestId === requestId);
      expect(sent.map((call) => traceparentOf(call).spanId)).toEqual(attempts.map((span) => span.spanContext().spanId));
    });
  });
});
