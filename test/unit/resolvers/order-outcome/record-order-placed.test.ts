import { afterEach, describe, expect, it, vi } from 'vitest';
import { RELAY_PACE, startOutboxRelay } from '../../../../src/resolvers/order-outcome/outbox-relay.ts';
import { withFaultyStore } from '../../support/faulty-store.ts';
import { placementHeldAt, storedPayment } from '../../support/payments.ts';
import { expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('recording ORDER_PLACED after a store failure (docs/place-order.md item 6a, CONTRACT.md §6.6)', () => {
  it('keeps trying past 8 tries and 49 s: the record lands when the store comes back after 2 minutes', async () => {
    vi.useFakeTimers();
    const deps = withFaultyStore(useCaseDeps());
    // The process's outbox relay, at the production pace, as startBackgroundWork runs it.
    const relay = startOutboxRelay({ ...RELAY_PACE, logger: deps.logger, depsFor: () => deps });
    const { record, held, pending } = await placementHeldAt(deps, 'checkout');
    deps.store.down();
    held.release();
    const placed = expectOk(await pending);
    // Kept before the shopper was answered.
    expect(await deps.outbox.pending()).toMatchObject([
      {
        preOrderPaymentId: record.id,
        attempt: 1,
        outcome: { kind: 'placed', orderReference: placed.order.orderReference },
      },
    ]);

    await vi.advanceTimersByTimeAsync(120_000);
    expect(deps.store.refusedWhileDown).toBeGreaterThan(8);
    deps.store.up();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'ORDER_PLACED',
      orderReference: placed.order.orderReference,
    });
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
    expect(await deps.outbox.pending()).toEqual([]);
    await relay.stop();
  });
});
