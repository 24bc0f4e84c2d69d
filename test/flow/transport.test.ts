import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createAdapters } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import type { GluePort } from '../../src/domain/ports/glue-port.ts';
import { createGateway } from '../../src/gateway.ts';
import { startStack, useStack } from '../support/stack.ts';
import { guestWithCart, newRequestId, rawGraphQL, unknownPaymentId } from './helpers.ts';

const stack = useStack();

const at = (path: string): string => new URL(path, stack.url).toString();
/** The header Yoga's CSRF prevention requires on requests that are not JSON POSTs (src/http/edge.ts). */
const CSRF_HEADER = 'x-graphql-yoga-csrf';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAYMENT_METHODS = 'query($c: ID!) { paymentMethods(cartId: $c) { __typename } }';

describe('transport', () => {
  it('answers /healthz with 200', async () => {
    const response = await request(at('/healthz'));
    await response.body.text();
    expect(response.statusCode).toBe(200);
  });

  it('writes one access line per request: request id, method, path, status, duration, operation name and caller kind, and nothing of the caller', async () => {
    const { anon } = await guestWithCart(stack);
    const requestId = newRequestId();
    const answer = await rawGraphQL(
      at('/graphql'),
      {
        query: 'query PreOrderPayment($id: ID!) { preOrderPayment(id: $id) { id } }',
        variables: { id: unknownPaymentId() },
      },
      { 'x-anonymous-customer-unique-id': anon, 'x-request-id': requestId },
    );
    expect(answer.status).toBe(200);
    // The file's tests run concurrently on one stack: this request's lines are those of its id.
    const lines = stack.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request' && line.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'POST', path: '/graphql', status: 200, caller: 'guest' });
    expect(lines[0]?.operationName).toBe('PreOrderPayment');
    expect(typeof lines[0]?.durationMs).toBe('number');
    expect(JSON.stringify(lines[0])).not.toContain(anon);
  });

  it('answers /readyz with 200 once the store is connected, without calling Glue', async () => {
    // Arrange "Redis connected": one store round trip through the gateway (a read of an unknown payment).
    const { sdk } = await guestWithCart(stack);
    expect((await sdk.PreOrderPayment({ id: unknownPaymentId() })).preOrderPayment).toBeNull();
    const before = (await stack.control.calls()).length;
    const response = await request(at('/readyz'));
    await response.body.text();
    expect(response.statusCode).toBe(200);
    expect((await stack.control.calls()).length).toBe(before);
  });

  it('answers /readyz with 503 while Redis cannot be reached, and /healthz still with 200', async () => {
    const noRedis = await startStack({ env: { REDIS_URL: 'redis://127.0.0.1:1' }, skipReadiness: true });
    try {
      const ready = await request(new URL('/readyz', noRedis.url));
      await ready.body.text();
      expect(ready.statusCode).toBe(503);
      const alive = await request(new URL('/healthz', noRedis.url));
      await alive.body.text();
      expect(alive.statusCode).toBe(200);
    } finally {
      await noRedis.close();
    }
  });

  it('puts an x-request-id on health, GraphQL and error responses: echoed when sent, a generated UUID otherwise', async () => {
    const { anon, cartId } = await guestWithCart(stack);
    const identity = { 'X-Anonymous-Customer-Unique-Id': anon };
    const sent = newRequestId();
    const exchanges: {
      name: string;
      send: (headers: Record<string, string>) => Promise<{ headers: Record<string, unknown> }>;
    }[] = [
      {
        name: 'healthz',
        send: (headers) =>
          request(at('/healthz'), { headers }).then(async (r) => {
            await r.body.text();
            return r;
          }),
      },
      {
        name: 'readyz',
        send: (headers) =>
          request(at('/readyz'), { headers }).then(async (r) => {
            await r.body.text();
            return r;
          }),
      },
      {
        name: 'graphql',
        send: (headers) =>
          rawGraphQL(stack.url, { query: PAYMENT_METHODS, variables: { c: cartId } }, { ...identity, ...headers }),
      },
      { name: 'parse error', send: (headers) => rawGraphQL(stack.url, { query: '{' }, { ...identity, ...headers }) },
      {
        name: 'not found',
        send: (headers) =>
          request(at('/nope'), { headers }).then(async (r) => {
            await r.body.text();
            return r;
          }),
      },
    ];
    for (const exchange of exchanges) {
      const echoed = await exchange.send({ 'x-request-id': sent });
      expect({ name: exchange.name, id: echoed.headers['x-request-id'] }).toEqual({ name: exchange.name, id: sent });
      const generated = await exchange.send({});
      expect({ name: exchange.name, id: generated.headers['x-request-id'] }).toEqual({
        name: exchange.name,
        id: expect.stringMatching(UUID),
      });
    }
  });

  it('puts an x-request-id on the GraphiQL page too (echoed when sent, generated otherwise)', async () => {
    const sent = newRequestId();
    const echoed = await request(stack.url, { headers: { accept: 'text/html', 'x-request-id': sent } });
    await echoed.body.text();
    expect(echoed.statusCode).toBe(200);
    expect(echoed.headers['x-request-id']).toBe(sent);
    const generated = await request(stack.url, { headers: { accept: 'text/html' } });
    await generated.body.text();
    expect(generated.headers['x-request-id']).toMatch(UUID);
  });

  it('sends the request id given by the client to Glue on every call made for that request', async () => {
    const { anon, cartId } = await guestWithCart(stack);
    const requestId = newRequestId();
    const response = await rawGraphQL(
      stack.url,
      { query: PAYMENT_METHODS, variables: { c: cartId } },
      { 'X-Anonymous-Customer-Unique-Id': anon, 'x-request-id': requestId },
    );
    expect(response.json.data).toEqual({ paymentMethods: { __typename: 'PaymentMethodList' } });
    const calls = (await stack.control.calls()).filter((call) => call.requestId === requestId);
    expect(calls.map((call) => call.endpoint)).toContain('POST /checkout-data');
    for (const call of calls) expect(call.headers['x-anonymous-customer-unique-id']).toBe(anon);
  });

  it('sends a generated request id to Glue and answers the client with that same id', async () => {
    const { anon, cartId } = await guestWithCart(stack);
    const response = await rawGraphQL(
      stack.url,
      { query: PAYMENT_METHODS, variables: { c: cartId } },
      { 'X-Anonymous-Customer-Unique-Id': anon },
    );
    const generated = response.headers['x-request-id'];
    expect(generated).toMatch(UUID);
    const calls = (await stack.control.calls()).filter((call) => call.requestId === generated);
    expect(calls.map((call) => call.endpoint)).toContain('POST /checkout-data');
  });

  it('replaces an unusable client request id (spaces, too long) by a generated one, and never forwards the bad one to Glue', async () => {
    const { anon, cartId } = await guestWithCart(stack);
    for (const bad of ['has spaces in it', 'x'.repeat(129), 'semi;colon']) {
      const response = await rawGraphQL(
        stack.url,
        { query: PAYMENT_METHODS, variables: { c: cartId } },
        { 'X-Anonymous-Customer-Unique-Id': anon, 'x-request-id': bad },
      );
      const id = response.headers['x-request-id'];
      expect(id).toMatch(UUID);
      const calls = await stack.control.calls();
      expect(calls.filter((call) => call.requestId === id).length).toBeGreaterThan(0);
      expect(calls.filter((call) => call.requestId === bad)).toEqual([]);
    }
  });

  it('serves GraphiQL to a browser with its assets inlined: no external script or stylesheet, no CDN', async () => {
    const response = await request(stack.url, { headers: { accept: 'text/html' } });
    const html = await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/html/);
    expect(html).toMatch(/graphiql/i);
    const externalSources = [
      ...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?\/\/[^"'\s>]+)/gi),
    ].map((match) => match[1]);
    expect(externalSources).toEqual([]);
    expect(html).not.toMatch(/@import\s+(?:url\()?["']?(?:https?:)?\/\//i);
    for (const cdn of ['unpkg.com', 'jsdelivr', 'cdnjs', 'esm.sh', 'skypack']) expect(html).not.toContain(cdn);
  });

  it('answers a malformed document with HTTP 400 and GRAPHQL_PARSE_FAILED, without calling Glue', async () => {
    const { anon } = await guestWithCart(stack);
    const before = (await stack.control.calls()).length;
    const response = await rawGraphQL(
      stack.url,
      { query: '{ preOrderPayment(id: "x" { id }' },
      { 'X-Anonymous-Customer-Unique-Id': anon },
    );
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.json.data).toBeUndefined();
    expect((await stack.control.calls()).length).toBe(before);
  });

  it('answers a document that does not fit the schema with HTTP 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const { anon } = await guestWithCart(stack);
    const response = await rawGraphQL(
      stack.url,
      { query: '{ preOrderPayment(id: "x") { noSuchField } }' },
      { 'X-Anonymous-Customer-Unique-Id': anon },
    );
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a mutation over GET (GET is for queries only) and sends nothing to Glue', async () => {
    const { anon, cartId } = await guestWithCart(stack);
    const before = (await stack.control.calls()).length;
    const query = 'mutation($id: ID!) { cancelPreOrderPayment(input: { preOrderPaymentId: $id }) { __typename } }';
    const url = `${stack.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ id: cartId }))}`;
    const response = await request(url, {
      headers: { accept: 'application/json', 'X-Anonymous-Customer-Unique-Id': anon, [CSRF_HEADER]: '1' },
    });
    await response.body.text();
    expect(response.statusCode).toBe(405);
    expect((await stack.control.calls()).length).toBe(before);
  });

  it('answers a query over GET (with the CSRF header a non-JSON request needs)', async () => {
    const { anon, cartId } = await guestWithCart(stack);
    const url = `${stack.url}?query=${encodeURIComponent(PAYMENT_METHODS)}&variables=${encodeURIComponent(JSON.stringify({ c: cartId }))}`;
    const response = await request(url, {
      headers: { accept: 'application/json', 'X-Anonymous-Customer-Unique-Id': anon, [CSRF_HEADER]: '1' },
    });
    const body = (await response.body.json()) as { data?: unknown };
    expect(response.statusCode).toBe(200);
    expect(body.data).toEqual({ paymentMethods: { __typename: 'PaymentMethodList' } });
  });

  it('masks an internal error as "Unexpected error." with INTERNAL_SERVER_ERROR, never sending its message or stack (logged instead)', async () => {
    // A gateway whose Glue port has a bug: it throws a plain Error. No src change needed: only the composition differs.
    const secret = 'secret-internal-detail-7f3a';
    const loaded = loadConfig({ NODE_ENV: 'test', GLUE_BASE_URL: stack.sandboxUrl, LOG_LEVEL: 'debug' });
    if (!loaded.ok) throw new Error(loaded.message);
    const logLines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const adapters = createAdapters(loaded.config, stack.sandboxUrl, logger);
    const broken = (): GluePort => {
      const real = adapters.glueForRequest();
      return {
        ...real,
        checkoutData: () => {
          throw new Error(`${secret}: connection string postgres://admin:hunter2@db`);
        },
      };
    };
    const gateway = createGateway({ config: loaded.config, logger, adapters: { ...adapters, glueForRequest: broken } });
    const server: Server = createServer(gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const response = await rawGraphQL(
        url,
        { query: PAYMENT_METHODS, variables: { c: 'any-cart' } },
        { 'X-Anonymous-Customer-Unique-Id': 'anon-masking' },
      );
      expect([200, 500]).toContain(response.status);
      expect(response.json.errors).toHaveLength(1);
      expect(response.json.errors?.[0]?.message).toBe('Unexpected error.');
      expect(response.json.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(response.text).not.toContain(secret);
      expect(response.text).not.toContain('hunter2');
      expect(response.text).not.toMatch(/\bat .*\.ts:\d+/);
      expect(response.headers['x-request-id']).toMatch(UUID);
      // The operator still learns what happened.
      expect(logLines.join('\n')).toContain(secret);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await adapters.close();
    }
  });
});
