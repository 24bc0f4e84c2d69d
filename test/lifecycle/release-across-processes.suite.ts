import { describe, expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type GatewayProcess, type GatewayStack, type GatewayStackOptions, sleep } from '../support/processes.ts';
import { transactionIdOf } from '../support/sandbox-control.ts';

/** Runs `work` over `items` with at most `concurrency` at a time; answers the results in order. */
async function inParallel<T, R>(
  items: readonly T[],
  work: { concurrency: number; run: (item: T, index: number) => Promise<R> },
) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: work.concurrency }, async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work.run(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * The release sweeper's tests across processes (docs/expiry-and-release.md), for every Redis the
 * gateways may share: release-across-processes.test.ts runs them on one redis-server,
 * release-across-processes.cluster.test.ts on a Redis Cluster. `useStack` starts a stack for a
 * describe block (useCluster, useStackOnRedisCluster); `payments` is how many expire together.
 */
export function describeReleaseAcrossProcesses(
  useStack: (options: GatewayStackOptions) => GatewayStack,
  { payments }: { readonly payments: number },
): void {
  describe('the release sweeper across three gateway processes', () => {
    const PAYMENTS = payments;
    const TTL_SECONDS = 25;
    const cluster = useStack({ gateways: 3, env: { PRE_ORDER_PAYMENT_TTL_SECONDS: String(TTL_SECONDS) } });
    const count = PAYMENTS.toLocaleString('en-US');

    it(`releases ${count} payments expiring together exactly once each (${count} cancellations, none twice), each within 30 s of its deadline`, async () => {
      cluster.printLogsOnFailure();
      const guests = Array.from({ length: PAYMENTS }, () => anonymousId());
      const carts = await inParallel(guests, {
        concurrency: 20,
        run: (anon) => cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]),
      });
      const started = Date.now();
      const payments = await inParallel(guests, {
        concurrency: 30,
        run: async (anon, index) => {
          const gateway = cluster.gateways[index % cluster.gateways.length] as GatewayProcess;
          const result = (
            await gateway.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(carts[index] ?? '') })
          ).initializePreOrderPayment;
          if (result.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(JSON.stringify(result));
          return { anon, gateway, payment: result.preOrderPayment };
        },
      });
      const deadlines = payments.map(({ payment }) => Date.parse(payment.expiresAt));
      console.log(
        `${count} payments initialized in ${Date.now() - started} ms; deadlines spread over ${Math.max(...deadlines) - Math.min(...deadlines)} ms`,
      );

      // Wait for every release: one cancellation per transaction, or the test's own deadline.
      const byTransaction = new Map(payments.map(({ payment }, index) => [payment.transactionId, index]));
      const giveUpAt = Math.max(...deadlines) + 45_000;
      let cancellations = await cluster.control.calls('POST /payment-cancellations');
      while (cancellations.length < PAYMENTS && Date.now() < giveUpAt) {
        await sleep(500);
        cancellations = await cluster.control.calls('POST /payment-cancellations');
      }
      const perTransaction = new Map<string, number>();
      for (const call of cancellations) {
        const id = transactionIdOf(call.body) ?? '';
        perTransaction.set(id, (perTransaction.get(id) ?? 0) + 1);
      }
      expect(cancellations).toHaveLength(PAYMENTS);
      expect(perTransaction.size).toBe(PAYMENTS);
      expect([...perTransaction.values()].every((count) => count === 1)).toBe(true);
      expect([...perTransaction.keys()].every((id) => byTransaction.has(id))).toBe(true);

      const lags = cancellations
        .map((call) => {
          const index = byTransaction.get(transactionIdOf(call.body) ?? '') ?? 0;
          return Date.parse(call.startedAt) - (deadlines[index] ?? 0);
        })
        .sort((a, b) => a - b);
      console.log(
        `release lag after the deadline over ${PAYMENTS} payments: p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${lags.at(-1)} ms`,
      );
      expect(lags[0]).toBeGreaterThanOrEqual(0);
      expect(lags.at(-1)).toBeLessThan(30_000);
      const releasedBy = cluster.gateways.map(
        (gateway) => gateway.lines.filter((line) => line.includes('released a pre-order payment')).length,
      );
      console.log(`released per gateway process: ${releasedBy.join(', ')}`);
      expect(releasedBy.reduce((a, b) => a + b, 0)).toBe(PAYMENTS);

      const statuses = await inParallel(payments, {
        concurrency: 30,
        run: async ({ anon, gateway, payment }) =>
          (await gateway.guestSdk(anon).PreOrderPayment({ id: payment.id })).preOrderPayment?.status,
      });
      expect(statuses.filter((status) => status !== 'EXPIRED')).toEqual([]);
    }, 180_000);
  });

  describe('a sweeper process killed right after it claimed', () => {
    const LEASE_MS = 8000;
    const cluster = useStack({
      gateways: 0,
      env: { PRE_ORDER_PAYMENT_TTL_SECONDS: '2', PLACEMENT_LEASE_MS: String(LEASE_MS) },
    });

    it('leaves the payment to another process after the claim’s lease: released exactly once', async () => {
      cluster.printLogsOnFailure();
      // This one claims, then holds (a test hook) until it is killed.
      const doomed = await cluster.addGateway('doomed', { TEST_HOLD_AFTER_CLAIM_MS: '600000' });
      const anon = anonymousId();
      const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
      const result = (await doomed.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(cartId) }))
        .initializePreOrderPayment;
      if (result.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(JSON.stringify(result));
      const payment = result.preOrderPayment;

      const claimedBy = Date.now() + 15_000;
      while (!doomed.lines.some((line) => line.includes('holding claimed due payments') && line.includes(payment.id))) {
        if (Date.now() > claimedBy) throw new Error('the doomed sweeper never claimed the payment');
        await sleep(50);
      }
      const claimedAt = Date.now();
      await doomed.kill('SIGKILL');
      expect(await cluster.control.cancellationsFor(payment.transactionId)).toHaveLength(0);

      const survivor = await cluster.addGateway('survivor');
      const sdk = survivor.guestSdk(anon);
      const releasedBy = claimedAt + LEASE_MS + 15_000;
      let status = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status;
      while (status !== 'EXPIRED' && Date.now() < releasedBy) {
        await sleep(200);
        status = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status;
      }
      expect(status).toBe('EXPIRED');
      const calls = await cluster.control.cancellationsFor(payment.transactionId);
      expect(calls.map((call) => call.status)).toEqual([201]);
      const afterKill = Date.parse(calls[0]?.startedAt ?? '') - claimedAt;
      console.log(
        `killed after claiming: released by the survivor ${afterKill} ms after the kill (claim lease ${LEASE_MS} ms)`,
      );
      // Not before the dead sweeper's claim ran out.
      expect(afterKill).toBeGreaterThanOrEqual(LEASE_MS - 1000);
    }, 60_000);
  });
}
