import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type GatewayProcess, sleep, useCluster } from '../support/processes.ts';
import { DONE, paymentOf, subscribe } from '../support/subscriptions.ts';

const run = promisify(execFile);

/** Every command Redis has run so far (INFO commandstats), the INFO calls themselves left out. */
async function commandsRun(port: number): Promise<number> {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'INFO', 'commandstats']);
  return [...stdout.matchAll(/^cmdstat_(\S+):calls=(\d+)/gm)]
    .filter(([, command]) => command !== 'info')
    .reduce((sum, [, , calls]) => sum + Number(calls), 0);
}

describe('preOrderPaymentUpdated across gateway processes (Redis pub/sub)', () => {
  // No sweeps during these tests: the only Redis traffic is what the test itself causes.
  const cluster = useCluster({ gateways: 2, env: { SWEEP_INTERVAL_MS: '3600000' } });
  const processes = () => cluster.gateways as [GatewayProcess, GatewayProcess];

  async function guestPayment(on: GatewayProcess) {
    const anon = anonymousId();
    const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const result = (await on.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    if (result.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(JSON.stringify(result));
    return { anon, payment: result.preOrderPayment };
  }

  it('shows a subscriber on process A each change made on process B once, in order (INITIALIZED, PLACING_ORDER, ORDER_PLACED), then completes', async () => {
    cluster.printLogsOnFailure();
    const [a, b] = processes();
    const { anon, payment } = await guestPayment(b);
    const stream = subscribe({ url: a.url, headers: { 'X-Anonymous-Customer-Unique-Id': anon }, id: payment.id });
    try {
      expect(paymentOf(await stream.next()).status).toBe('INITIALIZED');
      const placed = (await b.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
      if (placed.__typename !== 'PlaceOrderSuccess') throw new Error(JSON.stringify(placed));
      const later = (await stream.rest()).map(paymentOf);
      expect(later.map((update) => update.status)).toEqual(['PLACING_ORDER', 'ORDER_PLACED']);
      expect(later.at(-1)?.orderReference).toBe(placed.order.orderReference);
    } finally {
      stream.dispose();
    }
  });

  it('answers a foreign caller one PRE_ORDER_PAYMENT_NOT_FOUND error on another process, and completes', async () => {
    const [a, b] = processes();
    const { payment } = await guestPayment(b);
    const stream = subscribe({
      url: a.url,
      headers: { 'X-Anonymous-Customer-Unique-Id': anonymousId() },
      id: payment.id,
    });
    try {
      const results = await stream.rest();
      expect(results).toHaveLength(1);
      expect(results[0]?.data ?? null).toBeNull();
      expect(results[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'PRE_ORDER_PAYMENT_NOT_FOUND' });
    } finally {
      stream.dispose();
    }
  });

  it('costs Redis nothing while subscribers wait: 20 open subscriptions over 5 s run no command', async () => {
    const [a, b] = processes();
    const watched = await Promise.all(Array.from({ length: 20 }, (_, index) => guestPayment(index % 2 ? a : b)));
    const streams = watched.map(({ anon, payment }, index) =>
      subscribe({ url: (index % 2 ? b : a).url, headers: { 'X-Anonymous-Customer-Unique-Id': anon }, id: payment.id }),
    );
    try {
      for (const stream of streams) expect(paymentOf(await stream.next()).status).toBe('INITIALIZED');
      const before = await commandsRun(cluster.redis.port);
      await sleep(5000);
      const idle = (await commandsRun(cluster.redis.port)) - before;
      console.log(
        `Redis commands run by 20 idle subscribers over 5 s: ${idle} (${(idle / 20) * 12} per subscriber per minute)`,
      );
      expect(idle).toBe(0);
      // Still live: a change reaches its subscriber at once.
      const [first] = watched;
      if (!first) throw new Error('no payment');
      await a.guestSdk(first.anon).CancelPreOrderPayment({ input: { preOrderPaymentId: first.payment.id } });
      const update = await streams[0]?.next();
      expect(update === DONE ? DONE : paymentOf(update ?? DONE).status).toMatch(/^CANCEL/);
    } finally {
      for (const stream of streams) stream.dispose();
    }
  });

  it('loses nothing when the gateway’s pub/sub connection drops: after it reconnects it reads the payment again', async () => {
    cluster.printLogsOnFailure();
    const [a, b] = processes();
    const { anon, payment } = await guestPayment(b);
    const stream = subscribe({ url: a.url, headers: { 'X-Anonymous-Customer-Unique-Id': anon }, id: payment.id });
    try {
      expect(paymentOf(await stream.next()).status).toBe('INITIALIZED');
      // Drops every subscriber connection (the gateways' own); the order is placed while they reconnect.
      await run('redis-cli', ['-p', String(cluster.redis.port), 'CLIENT', 'KILL', 'TYPE', 'pubsub']);
      const placed = (await b.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
      expect(placed.__typename).toBe('PlaceOrderSuccess');
      const later = (await stream.rest(10_000)).map(paymentOf);
      expect(later.at(-1)?.status).toBe('ORDER_PLACED');
    } finally {
      stream.dispose();
    }
  });
});
