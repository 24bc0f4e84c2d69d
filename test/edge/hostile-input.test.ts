import { afterAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/http/edge.ts';
import { QUERY_LIMITS } from '../../src/http/query-limits.ts';
import { anonymousId } from '../support/fixtures.ts';
import { type Stack, useStack } from '../support/stack.ts';
import { withBrokenGlue } from './broken-gateway.ts';
import { codesOf, postGraphQL, receivedBodies, send } from './http.ts';

const SHOP = 'https://shop.example';
const ADMIN = 'https://admin.example';
const FOREIGN = 'https://evil.example';
const LOCKED_BODY_LIMIT = 4096;

/** `open`: development defaults (introspection on, no CORS origins). `locked`: production-like edge. */
const open = useStack();
const locked = useStack({
  env: {
    GRAPHQL_INTROSPECTION: 'false',
    CORS_ORIGINS: `${SHOP}, ${ADMIN}`,
    MAX_BODY_BYTES: String(LOCKED_BODY_LIMIT),
  },
});
const anon = anonymousId();
const identity = { 'x-anonymous-customer-unique-id': anon };
/** Secrets sent during this file's run; no response body may ever contain one. */
const secretsSent: string[] = [anon];

afterAll(async () => {
  // Checked after every test of the file ran, whatever their shuffled order. GraphQL answers only:
  // GraphiQL's page is a static bundle whose minified code would look like anything.
  const answers = receivedBodies.filter((body) => body.startsWith('{'));
  expect(secretsSent.filter((secret) => answers.some((body) => body.includes(secret)))).toEqual([]);
  const leaky = answers.filter((body) =>
    /file:\/\/|node:internal|node_modules|\.[cm]?[jt]s:\d+|127\.0\.0\.1:\d+|originalError|"stack"/.test(body),
  );
  expect(leaky.map((body) => body.slice(0, 300))).toEqual([]);
});

const typename = (stack: Stack, headers: Record<string, string> = {}) =>
  postGraphQL(stack.url, { query: '{ __typename }' }, { ...identity, ...headers });
const tooComplex = (answer: Awaited<ReturnType<typeof send>>) => {
  expect(answer.status).toBe(400);
  expect(codesOf(answer)).toContain('QUERY_TOO_COMPLEX');
};

describe('CSRF prevention', () => {
  it('refuses a form POST, a text/plain POST and a header-less GET (what a foreign page can send without a preflight) with 403', async () => {
    const form = await send(open.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...identity },
      body: 'query=%7B__typename%7D',
    });
    const plain = await send(open.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...identity },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const multipart = await send(open.url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', ...identity },
      body: '--x--',
    });
    const get = await send(`${open.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', ...identity },
    });
    for (const answer of [form, plain, multipart, get]) {
      expect(answer.status).toBe(403);
      expect(answer.json?.data).toBeUndefined();
      expect(answer.text).toContain('CSRF');
    }
  });

  it('accepts a JSON POST as it is (a non-simple content type) and a GET that carries the CSRF header', async () => {
    expect((await typename(open)).json?.data).toEqual({ __typename: 'Query' });
    const get = await send(`${open.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', [CSRF_HEADER]: '1', ...identity },
    });
    expect(get.status).toBe(200);
    expect(get.json?.data).toEqual({ __typename: 'Query' });
  });

  it('still serves GraphiQL to a browser, configured to send the CSRF header', async () => {
    const page = await send(open.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain(CSRF_HEADER);
  });
});

describe('query limits (graphql-armor), each answered 400 with QUERY_TOO_COMPLEX', () => {
  // Valid with introspection on: __type's ofType chain nests without any type cycle in our schema.
  const nested = (levels: number) =>
    `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } } }`;

  it(`refuses a document deeper than ${QUERY_LIMITS.maxDepth} and answers one at the limit`, async () => {
    tooComplex(await postGraphQL(open.url, { query: nested(QUERY_LIMITS.maxDepth) }, identity));
    const atLimit = await postGraphQL(open.url, { query: nested(QUERY_LIMITS.maxDepth - 4) }, identity);
    expect(atLimit.status).toBe(200);
    expect(atLimit.json?.errors).toBeUndefined();
  });

  it(`refuses more than ${QUERY_LIMITS.maxAliases} aliases (each alias is one more resolver run)`, async () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    const over = await postGraphQL(open.url, { query: aliases(QUERY_LIMITS.maxAliases + 1) }, identity);
    tooComplex(over);
    expect(over.json?.errors?.[0]?.message).toMatch(/alias/i);
    expect((await postGraphQL(open.url, { query: aliases(QUERY_LIMITS.maxAliases) }, identity)).status).toBe(200);
  });

  it(`refuses more than ${QUERY_LIMITS.maxTokens} tokens before building the document`, async () => {
    const over = await postGraphQL(
      open.url,
      { query: `{ ${'__typename '.repeat(QUERY_LIMITS.maxTokens)} }` },
      identity,
    );
    tooComplex(over);
    expect(over.json?.errors?.[0]?.message).toMatch(/token/i);
  });

  it(`refuses a document whose cost exceeds ${QUERY_LIMITS.maxCost} though within the depth, alias and token limits`, async () => {
    // Ten full payment lookups: each is real work (a store read); the fragment keeps the token count low.
    const fragment = `fragment P on PreOrderPayment { id status cartId amount { amount currency decimals } paymentMethodName paymentProviderName
      transactionId providerData { __typename ... on StripePaymentData { transactionId clientSecret publishableKey accountId }
      ... on GenericPaymentData { entries { key value } } } preOrderPaymentData createdAt updatedAt expiresAt orderReference events { type at message } }`;
    const lookups = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `p${index}: preOrderPayment(id: "pop_${index}") { ...P }`).join(' ')} } ${fragment}`;
    const over = await postGraphQL(open.url, { query: lookups(QUERY_LIMITS.maxAliases) }, identity);
    tooComplex(over);
    expect(over.json?.errors?.map((error) => error.message)).toEqual([expect.stringMatching(/cost/i)]);
    const cheap = await postGraphQL(open.url, { query: lookups(2) }, identity);
    expect(cheap.status).toBe(200);
    expect(codesOf(cheap)).not.toContain('QUERY_TOO_COMPLEX');
  });
});

describe('request size and shape', () => {
  const padded = (bytes: number) => JSON.stringify({ query: `{ __typename } #${'x'.repeat(bytes)}` });

  it('answers a body over MAX_BODY_BYTES with 413 from its Content-Length alone, and closes the connection', async () => {
    const answer = await send(locked.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identity },
      body: padded(LOCKED_BODY_LIMIT),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    const within = await send(locked.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identity },
      body: padded(LOCKED_BODY_LIMIT - 200),
    });
    expect(within.status).toBe(200);
  });

  it('answers a chunked body (no Content-Length) with 413 once it passes the limit, without reading the rest of it', async () => {
    const chunks = 20_000;
    let produced = 0;
    async function* endless(): AsyncIterable<Buffer> {
      for (; produced < chunks; produced += 1) yield Buffer.alloc(1024, 0x20);
    }
    const answer = await send(locked.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identity },
      body: endless(),
    });
    expect(answer.status).toBe(413);
    // 20 MB offered; the gateway stopped after 4 KB (what the sender got rid of is socket buffers).
    expect(produced).toBeLessThan(chunks);
  });

  it('refuses a batch (an array of operations) with 400', async () => {
    const answer = await postGraphQL(open.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }], identity);
    expect(answer.status).toBe(400);
    expect(answer.json?.data).toBeUndefined();
    expect(answer.text).toMatch(/batching is not supported/i);
  });
});

describe('introspection and field suggestions', () => {
  const typo = '{ paymentMethod(cartId: "c") { __typename } }';
  const argumentTypo = '{ paymentMethods(cartID: "c") { __typename } }';
  const variableTypo = {
    query: 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename } }',
    variables: { input: { preOrderPaymentI: 'pop_x' } },
  };

  it('suggests field names while introspection is on (what the next test hides)', async () => {
    const answer = await postGraphQL(open.url, { query: typo }, identity);
    expect(answer.json?.errors?.[0]?.message).toContain('Did you mean "paymentMethods"?');
  });

  it('hides every "Did you mean" (fields, arguments, variable input fields) when introspection is off', async () => {
    const answers = [
      await postGraphQL(locked.url, { query: typo }, identity),
      await postGraphQL(locked.url, { query: argumentTypo }, identity),
      await postGraphQL(locked.url, variableTypo, identity),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(codesOf(answers[2]!)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    for (const answer of answers) {
      expect(answer.json?.errors?.length).toBeGreaterThan(0);
      expect(answer.text).not.toMatch(/did you mean/i);
      expect(answer.text).not.toContain('paymentMethods"?');
      expect(answer.text).not.toContain('preOrderPaymentId"?');
    }
  });

  it('refuses __schema and __type when introspection is off, and serves no GraphiQL', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
      const answer = await postGraphQL(locked.url, { query }, identity);
      expect(answer.status).toBe(400);
      expect(codesOf(answer).length).toBeGreaterThan(0);
      expect(new Set(codesOf(answer))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
      expect(answer.json?.data).toBeUndefined();
    }
    expect((await typename(locked)).json?.data).toEqual({ __typename: 'Query' });
    const page = await send(locked.url, { headers: { accept: 'text/html' } });
    expect(page.headers['content-type'] ?? '').not.toMatch(/text\/html/);
  });
});

describe('CORS from CORS_ORIGINS', () => {
  it('allows a listed origin (request and preflight), echoing exactly that origin, and varies on Origin', async () => {
    for (const origin of [SHOP, ADMIN]) {
      const answer = await typename(locked, { origin });
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(answer.headers.vary)).toMatch(/origin/i);
    }
    const preflight = await send(locked.url, {
      method: 'OPTIONS',
      headers: {
        origin: SHOP,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-anonymous-customer-unique-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SHOP);
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-anonymous-customer-unique-id');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('gives a foreign origin no Access-Control-Allow-Origin, on requests and preflights', async () => {
    const answer = await typename(locked, { origin: FOREIGN });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await send(locked.url, {
      method: 'OPTIONS',
      headers: { origin: FOREIGN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('allows no cross-origin access at all when CORS_ORIGINS is empty (Yoga would otherwise echo any origin)', async () => {
    for (const origin of [SHOP, FOREIGN]) {
      expect((await typename(open, { origin })).headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await send(open.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('masked internal errors', () => {
  it('answers a bug whose message holds the Glue URL and the caller\'s token with "Unexpected error." only: no stack, URL or token', async () => {
    const token = `glue-token-${anonymousId()}`;
    secretsSent.push(token);
    // What a careless adapter might put into an error: the Glue URL and the caller's token.
    await withBrokenGlue(
      open.sandboxUrl,
      `POST ${open.sandboxUrl}/checkout-data failed for Authorization: Bearer ${token}`,
      async (url) => {
        const answer = await postGraphQL(
          url,
          { query: '{ paymentMethods(cartId: "cart-1") { __typename } }' },
          { authorization: `Bearer ${token}` },
        );
        expect([200, 500]).toContain(answer.status);
        expect(answer.json?.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
          ['Unexpected error.', 'INTERNAL_SERVER_ERROR'],
        ]);
        expect(answer.text).not.toContain(token);
        expect(answer.text).not.toMatch(/127\.0\.0\.1:\d+/);
        expect(answer.text).not.toMatch(/\.[cm]?[jt]s:\d+/);
        expect(answer.text).not.toContain('stack');
        expect(answer.text).not.toContain('originalError');
      },
    );
  });
});
