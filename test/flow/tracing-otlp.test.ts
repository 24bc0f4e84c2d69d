import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SKU } from '../support/fixtures.ts';
import { useOnce } from '../support/lifecycle.ts';
import { startDevServer } from '../support/processes.ts';
import { getSdk } from '../support/sdk.ts';

/** What an OTLP/HTTP JSON export carries, as far as this test reads it. */
interface ExportRequest {
  readonly resourceSpans: readonly {
    readonly resource: { readonly attributes: readonly { key: string; value: { stringValue?: string } }[] };
    readonly scopeSpans: readonly {
      readonly spans: readonly { traceId: string; spanId: string; parentSpanId?: string; name: string }[];
    }[];
  }[];
}

/** A stand-in collector on loopback: keeps every body POSTed to /v1/traces. */
function useCollector() {
  return useOnce(
    async () => {
      const exports: ExportRequest[] = [];
      const server: Server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          if (request.method === 'POST' && request.url === '/v1/traces')
            exports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest);
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return { url, exports, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    },
    (collector) => collector.close(),
  );
}

const collector = useCollector();

describe('tracing over OTLP (node src/server.ts with OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('exports the operation and its Glue call to the endpoint, under OTEL_SERVICE_NAME, by the time the process exits', async () => {
    const server = await startDevServer('traced-dev-server', {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'otlp-test-gateway',
    });
    try {
      const anonymousId = `anon-otlp-${Date.now()}`;
      const cartId = await server.control.createGuestCart(anonymousId, [{ sku: SKU, quantity: 1 }]);
      const sdk = getSdk(`${server.baseUrl}/graphql`, { 'X-Anonymous-Customer-Unique-Id': anonymousId });
      expect((await sdk.PaymentMethods({ cartId })).paymentMethods.__typename).toBe('PaymentMethodList');
    } finally {
      // SIGTERM: the batch still buffered is exported on the way out.
      await server.stop();
    }
    expect((await server.exited).code).toBe(0);
    const resources = collector.exports.flatMap((body) => body.resourceSpans);
    const names = resources.flatMap((resource) =>
      resource.resource.attributes.filter((attribute) => attribute.key === 'service.name'),
    );
    expect(new Set(names.map((attribute) => attribute.value.stringValue))).toEqual(new Set(['otlp-test-gateway']));
    const spans = resources.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const root = spans.find((span) => span.name === 'paymentMethods');
    if (!root) throw new Error(`no paymentMethods span among ${spans.map((span) => span.name).join(', ')}`);
    expect(root.parentSpanId ?? '').toBe('');
    const glue = spans.filter((span) => span.traceId === root.traceId && span.parentSpanId === root.spanId);
    expect(glue.map((span) => span.name)).toContain('POST /checkout-data');
  });
});
