import { afterEach, describe, expect, it, vi } from 'vitest';
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
    const { record, held, pending } = await placementHeldAt(deps, 'checkout');
    deps.store.down();
    held.release();
    const placed = expectOk(await pending);

    await vi.advanceTimersByTimeAsync(120_000);
    deps.store.up();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'ORDER_PLACED',
      orderReference: placed.order.orderReference,
    });
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });
});
