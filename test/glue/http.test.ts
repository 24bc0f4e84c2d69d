import { describe, expect, it } from 'vitest';
import { createGlueHttp, type GlueHttp, parseJson, retryAfter } from '../../src/adapters/glue/http.ts';
import { customer, guest } from './support/callers.ts';
import { useCleanups } from './support/cleanups.ts';
import { closedPort, json, serveWith } from './support/test-server.ts';

const defer = useCleanups();

const serve = serveWith(defer);

function http(baseUrl: string, timeoutMs = 2000, connections?: number): GlueHttp {
  const client = createGlueHttp({ baseUrl, timeoutMs, ...(connections ? { connections } : {}) });
  defer(() => client.close());
  return client;
}

/** A customer's POST /checkout with an empty body. */
const emptyCheckout = () => ({ method: 'POST', path: '/checkout', caller: customer(), body: {} }) as const;

describe('Glue HTTP layer: headers', () => {
  it('forwards a customer token, Accept-Language and x-request-id, and JSON:API content types on bodies', async () => {
    const server = await serve((_req, res) =>
      json(res, { status: 201, body: { data: { type: 'checkout', id: null, attributes: {} } } }),
    );
    await http(server.url).send({
      method: 'POST',
      path: '/checkout',
      caller: customer('tok-1', 'de-DE'),
      body: { data: { type: 'checkout', attributes: {} } },
    });
    const headers = server.requests[0]?.headers;
    expect(headers?.accept).toBe('application/vnd.api+json');
    expect(headers?.['content-type']).toBe('application/vnd.api+json');
    expect(headers?.authorization).toBe('Bearer tok-1');
    expect(headers?.['x-anonymous-customer-unique-id']).toBeUndefined();
    expect(headers?.['accept-language']).toBe('de-DE');
    expect(headers?.['x-request-id']).toBe('req-customer-1');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ data: { type: 'checkout', attributes: {} } });
  });

  it('forwards a guest anonymous id, no Authorization, no Accept-Language when none was given, no Content-Type without a body', async () => {
    const server = await serve((_req, res) => json(res, { status: 200, body: { data: [] } }));
    await http(server.url).send({ method: 'GET', path: '/guest-carts/c1', caller: guest('anon-7', null) });
    const headers = server.requests[0]?.headers;
    expect(headers?.['x-anonymous-customer-unique-id']).toBe('anon-7');
    expect(headers?.authorization).toBeUndefined();
    expect(headers?.['accept-language']).toBeUndefined();
    expect(headers?.['content-type']).toBeUndefined();
  });

  it('keeps the base URL path in front of every request path', async () => {
    const server = await serve((_req, res) => json(res, { status: 200, body: { data: [] } }));
    await http(`${server.url}/glue/`).send({ method: 'GET', path: '/orders?page=1', caller: customer() });
    expect(server.requests[0]?.url).toBe('/glue/orders?page=1');
  });

  it('reuses keep-alive connections for consecutive calls', async () => {
    const server = await serve((_req, res) => json(res, { status: 200, body: { data: [] } }));
    const client = http(server.url);
    for (let i = 0; i < 10; i += 1) await client.send({ method: 'GET', path: '/orders', caller: customer() });
    // undici's pool may open a second socket while the first is still settling; never one per call.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });
});

describe('Glue HTTP layer: bodies', () => {
  it.each(['application/vnd.api+json', 'application/vnd.api+json; version=1.1', 'application/json; charset=utf-8'])(
    'parses a %s body as JSON',
    async (contentType) => {
      const server = await serve((_req, res) =>
        json(res, { status: 200, body: { data: { type: 'carts', id: 'c1', attributes: {} } }, contentType }),
      );
      const answer = await http(server.url).send({ method: 'GET', path: '/carts/c1', caller: customer() });
      expect(answer).toMatchObject({ kind: 'response', status: 200, body: { data: { id: 'c1' } } });
    },
  );

  it('reads an empty, non-JSON or broken body as null instead of failing', () => {
    expect(parseJson('', 'application/json')).toBeNull();
    expect(parseJson('<html>bad gateway</html>', 'text/html')).toBeNull();
    expect(parseJson('{"errors": [', 'application/vnd.api+json')).toBeNull();
    expect(parseJson('{"errors":[]}', undefined)).toEqual({ errors: [] });
  });
});

describe('Glue HTTP layer: Retry-After', () => {
  it('reads Retry-After seconds on a 503', async () => {
    const server = await serve((_req, res) =>
      json(res, {
        status: 503,
        body: { errors: [] },
        contentType: 'application/vnd.api+json',
        headers: { 'retry-after': '7' },
      }),
    );
    const answer = await http(server.url).send({ method: 'GET', path: '/orders', caller: customer() });
    expect(answer).toMatchObject({ kind: 'response', status: 503, retryAfterSeconds: 7 });
  });

  it('reads an HTTP-date Retry-After on a 429 as seconds from now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfter(429, 'Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfter(429, 'Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores Retry-After on other statuses and unreadable values', () => {
    expect(retryAfter(500, '5')).toBeNull();
    expect(retryAfter(503, 'soon')).toBeNull();
    expect(retryAfter(503, undefined)).toBeNull();
  });
});

describe('Glue HTTP layer: failures without an answer', () => {
  it('reports connection refused as not sent', async () => {
    const port = await closedPort();
    const answer = await http(`http://127.0.0.1:${port}`).send(emptyCheckout());
    expect(answer).toEqual({ kind: 'not-sent', reason: 'connection-refused', retryAfterSeconds: null });
  });

  it('reports an unresolvable host as not sent', async () => {
    const answer = await http('http://glue.does-not-exist.invalid').send({
      method: 'GET',
      path: '/orders',
      caller: customer(),
    });
    expect(answer).toMatchObject({ kind: 'not-sent', reason: 'dns' });
  });

  it('reports a request that Glue received but never answered as a timeout after sending', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const answer = await http(server.url, 300).send(emptyCheckout());
    expect(answer).toEqual({ kind: 'no-answer', reason: 'timeout' });
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a body that stalls after the headers as a timeout after sending', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/vnd.api+json' });
      res.write('{"data":');
    });
    const answer = await http(server.url, 300).send(emptyCheckout());
    expect(answer).toEqual({ kind: 'no-answer', reason: 'timeout' });
  });

  it('reports a connection reset after the request arrived as no answer (reset)', async () => {
    const server = await serve((_req, _res, socket) => socket.destroy());
    const answer = await http(server.url).send(emptyCheckout());
    expect(answer).toEqual({ kind: 'no-answer', reason: 'reset' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a request still queued for a connection at its deadline as not sent', async () => {
    const server = await serve(() => {
      /* the first request holds the only connection */
    });
    const client = http(server.url, 300, 1);
    const [first, second] = await Promise.all([
      client.send({ ...emptyCheckout(), timeoutMs: 800 }),
      client.send(emptyCheckout()),
    ]);
    expect(first).toEqual({ kind: 'no-answer', reason: 'timeout' });
    expect(second).toEqual({ kind: 'not-sent', reason: 'timeout', retryAfterSeconds: null });
    expect(server.requests).toHaveLength(1);
  });
});

describe('Glue HTTP layer: policy', () => {
  it('passes every call through the one policy, which may answer without sending', async () => {
    const server = await serve((_req, res) => json(res, { status: 200, body: { data: [] } }));
    const seen: string[] = [];
    const client = createGlueHttp({
      baseUrl: server.url,
      timeoutMs: 1000,
      policy: async (request, send) => {
        seen.push(`${request.method} ${request.path}`);
        if (request.path === '/checkout') return { kind: 'not-sent', reason: 'breaker-open', retryAfterSeconds: 5 };
        return send();
      },
    });
    defer(() => client.close());
    expect(await client.send({ method: 'GET', path: '/orders', caller: customer() })).toMatchObject({
      kind: 'response',
      status: 200,
    });
    expect(await client.send(emptyCheckout())).toEqual({
      kind: 'not-sent',
      reason: 'breaker-open',
      retryAfterSeconds: 5,
    });
    expect(seen).toEqual(['GET /orders', 'POST /checkout']);
    expect(server.requests).toHaveLength(1);
  });
});
