import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { sweepDuePayments } from '../../../../src/resolvers/release/sweep-due-payments.ts';
import type { UseCaseDeps } from '../../../../src/resolvers/use-case-deps.ts';
import { sameCaller } from '../../support/callers.ts';
import { initializedPayment, storedPayment } from '../../support/payments.ts';
import { expectOk } from '../../support/results.ts';
import { type TestDeps, UNIT_SETTINGS, useCaseDeps } from '../../support/use-case-deps.ts';

const TTL_MS = UNIT_SETTINGS.preOrderPaymentTtlSeconds * 1000;
const LEASE_MS = UNIT_SETTINGS.placementLeaseMs;

/** One gateway process's sweep over the shared stores: its lag reports and how often it asked for deps. */
interface SweepingProcess {
  readonly lags: number[];
  readonly depsRequested: () => number;
  sweep(options?: { readonly batchSize?: number; readonly concurrency?: number }): ReturnType<typeof sweepDuePayments>;
}

function sweeper(deps: TestDeps): SweepingProcess {
  const lags: number[] = [];
  let requested = 0;
  // The recording metrics keep releases; the lag is kept here.
  const recorded: UseCaseDeps = { ...deps, metrics: { ...deps.metrics, sweeperLag: (seconds) => lags.push(seconds) } };
  return {
    lags,
    depsRequested: () => requested,
    sweep: (options = {}) =>
      sweepDuePayments({
        batchSize: options.batchSize ?? 10,
        concurrency: options.concurrency ?? 4,
        depsFor: () => {
          requested += 1;
          return recorded;
        },
      }),
  };
}

async function initializedPayments(deps: TestDeps, count: number) {
  const payments = [];
  for (let i = 0; i < count; i += 1) payments.push(await initializedPayment(deps));
  return payments;
}

describe('sweepDuePayments (docs/operations.md item 8)', () => {
  it('claims due entries batch by batch until none is left and releases each payment once', async () => {
    const deps = useCaseDeps();
    const payments = await initializedPayments(deps, 5);
    deps.clock.advance(TTL_MS + 5000);
    const process = sweeper(deps);

    expect(await process.sweep({ batchSize: 2, concurrency: 2 })).toEqual({ released: 5 });
    for (const { record } of payments) {
      expect((await storedPayment(deps, record.id)).status).toBe('EXPIRED');
      expect(deps.glue.transaction(record.transactionId ?? '')?.status).toBe('canceled');
    }
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(5);
    expect(deps.metrics.releases).toEqual(Array(5).fill('released'));
    // Claims of 2, 2 and 1: the first two left due entries waiting since the deadline, 5 s ago.
    expect(process.lags).toEqual([5, 5, 0]);
  });

  it('leaves entries that are not due yet alone', async () => {
    const deps = useCaseDeps();
    const early = (await initializedPayments(deps, 1))[0]!;
    deps.clock.advance(60_000);
    const late = (await initializedPayments(deps, 1))[0]!;
    deps.clock.advance(TTL_MS - 60_000);
    const process = sweeper(deps);

    expect(await process.sweep()).toEqual({ released: 1 });
    expect((await storedPayment(deps, early.record.id ?? '')).status).toBe('EXPIRED');
    expect((await storedPayment(deps, late.record.id ?? '')).status).toBe('INITIALIZED');
    expect(deps.glue.requestsOf('cancelPayment')).toEqual([
      expect.objectContaining({ preOrderPaymentData: early.record.preOrderPaymentData }),
    ]);
    expect(process.lags).toEqual([0]);
  });

  it('reports a lag of 0 and sends nothing when nothing is due', async () => {
    const deps = useCaseDeps();
    await initializedPayments(deps, 2);
    const process = sweeper(deps);
    expect(await process.sweep()).toEqual({});
    expect(process.lags).toEqual([0]);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('tallies how each look ended', async () => {
    const deps = useCaseDeps();
    const payments = await initializedPayments(deps, 3);
    const placed = payments[0]!;
    expectOk(await placeOrder(deps, sameCaller(placed.caller), { preOrderPaymentId: placed.record.id }));
    deps.clock.advance(TTL_MS);
    // The first release sent is refused, the second goes through.
    deps.glue.next('cancelPayment', { kind: 'provider-rejected', upstream: { status: 422 } });
    expect(await sweeper(deps).sweep({ concurrency: 1 })).toEqual({ forgotten: 1, 'retry-later': 1, released: 1 });
    const statuses = await Promise.all(
      payments.map(async ({ record }) => (await storedPayment(deps, record.id)).status),
    );
    expect(statuses.sort()).toEqual(['EXPIRED', 'INITIALIZED', 'ORDER_PLACED']);
  });

  it('looks at no more payments at once than its concurrency', async () => {
    const deps = useCaseDeps();
    await initializedPayments(deps, 3);
    deps.clock.advance(TTL_MS);
    const holds = [deps.glue.hold('cancelPayment'), deps.glue.hold('cancelPayment')];
    const sweeping = sweeper(deps).sweep({ concurrency: 2 });
    await Promise.all(holds.map((held) => held.reached));
    // Both workers wait at Glue: the third payment waits for one of them.
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(2);
    for (const held of holds) held.release();
    expect(await sweeping).toEqual({ released: 3 });
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(3);
  });

  it('gives each payment its own dependencies (per-request Glue loaders)', async () => {
    const deps = useCaseDeps();
    await initializedPayments(deps, 3);
    deps.clock.advance(TTL_MS);
    const process = sweeper(deps);
    await process.sweep();
    // One set for the claims, one per payment looked at.
    expect(process.depsRequested()).toBe(1 + 3);
  });

  it('never hands a claimed payment to a second process sweeping at the same time', async () => {
    const deps = useCaseDeps();
    const payment = (await initializedPayments(deps, 1))[0]!;
    deps.clock.advance(TTL_MS);
    const held = deps.glue.hold('cancelPayment');
    const first = sweeper(deps).sweep();
    await held.reached;

    expect(await sweeper(deps).sweep()).toEqual({});
    held.release();
    expect(await first).toEqual({ released: 1 });
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
    expect((await storedPayment(deps, payment.record.id)).status).toBe('EXPIRED');
  });

  it('releases what a process that died after claiming left behind, once the claim’s lease ran out', async () => {
    const deps = useCaseDeps();
    const payment = (await initializedPayments(deps, 1))[0]!;
    deps.clock.advance(TTL_MS);
    // The dead process claimed the entry and never looked at it.
    const claimed = await deps.releases.claimDue({ limit: 10, leaseMs: LEASE_MS });
    expect(claimed.ok && claimed.value.ids).toEqual([payment.record.id]);

    expect(await sweeper(deps).sweep()).toEqual({});
    deps.clock.advance(LEASE_MS);
    expect(await sweeper(deps).sweep()).toEqual({ released: 1 });
    expect((await storedPayment(deps, payment.record.id)).status).toBe('EXPIRED');
  });
});
