import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.ts';
import { control, customerWithCart, glue, resource, useSandbox } from './helpers.ts';

const sandbox = useSandbox();

describe('control surface', () => {
  it('creates a customer whose password logs in and whose token reads its own customer', async () => {
    const created = await control(sandbox, {
      method: 'POST',
      path: '/customers',
      body: {
        email: 'max@example.com',
        password: 'secret1',
        firstName: 'Max',
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      email: 'max@example.com',
      password: 'secret1',
      customerReference: expect.stringMatching(/^DE--\d+$/),
    });
    const login = await glue(sandbox, {
      method: 'POST',
      path: '/access-tokens',
      body: resource('access-tokens', { username: 'max@example.com', password: 'secret1' }),
    });
    expect(login.status).toBe(201);
    const wrong = await glue(sandbox, {
      method: 'POST',
      path: '/access-tokens',
      body: resource('access-tokens', { username: 'max@example.com', password: 'nope' }),
    });
    expect(wrong.json.errors[0]).toEqual({ status: 401, code: '003', detail: 'Failed to authenticate user.' });
    const me = await glue(sandbox, { method: 'GET', path: '/customers', token: created.json.accessToken });
    expect(me.json.data[0]).toMatchObject({ id: created.json.customerReference, attributes: { firstName: 'Max' } });
    expect(
      (await control(sandbox, { method: 'POST', path: '/customers', body: { email: 'max@example.com' } })).status,
    ).toBe(409);
  });

  it('requires exactly one cart owner', async () => {
    expect((await control(sandbox, { method: 'POST', path: '/carts', body: { items: [] } })).status).toBe(400);
    expect(
      (
        await control(sandbox, {
          method: 'POST',
          path: '/carts',
          body: {
            customerReference: sandbox.demo.customer.customerReference,
            anonymousId: 'x',
            items: [],
          },
        })
      ).status,
    ).toBe(400);
  });

  it("replaces a cart's items (the cart changes after payment initialization) and deletes carts", async () => {
    const who = await customerWithCart(sandbox);
    const replaced = await control(sandbox, {
      method: 'PUT',
      path: `/carts/${who.cartId}/items`,
      body: {
        items: [{ sku: '024_21748906', quantity: 3 }],
      },
    });
    expect(replaced.status).toBe(200);
    const cart = await glue(sandbox, { method: 'GET', path: `/carts/${who.cartId}`, token: who.token });
    expect(cart.json.data.attributes.totals).toMatchObject({ subtotal: 14970, grandTotal: 14970 });
    expect((await control(sandbox, { method: 'DELETE', path: `/carts/${who.cartId}` })).status).toBe(204);
    expect((await glue(sandbox, { method: 'GET', path: `/carts/${who.cartId}`, token: who.token })).status).toBe(404);
  });

  it('serves 50 parallel requests over keep-alive connections', async () => {
    const token = sandbox.demo.customer.accessToken;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        glue(sandbox, { method: 'GET', path: `/carts/${sandbox.demo.customerCartId}`, token }),
      ),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });
});

describe('startSandbox options', () => {
  it('starts without seed data: empty demo ids, catalog still there, no demo customer', async () => {
    const bare = await startSandbox({ seed: false });
    try {
      expect(bare.url).toBe(`http://127.0.0.1:${bare.port}`);
      expect(bare.demo.customer.accessToken).toBe('');
      expect(bare.demo.skus).toContain('066_23294028');
      const login = await glue(bare, {
        method: 'POST',
        path: '/access-tokens',
        body: resource('access-tokens', { username: 'sonia@spryker.com', password: 'change123' }),
      });
      expect(login.status).toBe(401);
    } finally {
      await bare.close();
    }
  });

  it('logs one line per Glue call', async () => {
    const lines: string[] = [];
    const logged = await startSandbox({ log: (line) => lines.push(line) });
    try {
      await glue(logged, { method: 'GET', path: '/guest-carts', anonymousId: 'log-test' });
      expect(lines.some((line) => line.startsWith('GET /guest-carts -> 200'))).toBe(true);
    } finally {
      await logged.close();
    }
  });
});
