import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { sameCaller } from '../../support/callers.ts';
import { initializedPayment, storedPayment } from '../../support/payments.ts';
import { expectError } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

/** Issue 8 finding 5: refused placements are counted per payment, and no payment's history grows without bound. */
const REFUSED = {
  kind: 'rejected',
  upstream: { status: 422, code: '1101', detail: 'Checkout data is invalid.' },
  violations: [],
} as const;

describe('placeOrder refusals per payment (docs/rate-limits.md)', () => {
  it('answers RateLimitedError, sending nothing, once a payment used its placements of the window', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const { count, windowSeconds } = deps.settings.rateLimitPlacePerPayment;
    for (let attempt = 0; attempt < count; attempt += 1) {
      deps.glue.next('checkout', REFUSED);
      expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');
    }
    const limited = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'RATE_LIMITED',
    );
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
    expect(deps.glue.callsOf('checkout')).toHaveLength(count);
    // The limited attempt took the fence, then handed the payment back unsent.
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'INITIALIZED',
      attempts: count + 1,
      placement: null,
      lease: null,
    });

    deps.clock.advance(windowSeconds * 1000);
    deps.glue.next('checkout', REFUSED);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');
  });

  it('keeps at most 100 events per payment: the first, and the latest', async () => {
    const deps = useCaseDeps({ settings: { rateLimitPlacePerPayment: { count: 1000, windowSeconds: 600 } } });
    const { caller, record } = await initializedPayment(deps);
    for (let attempt = 0; attempt < 80; attempt += 1) {
      deps.glue.next('checkout', REFUSED);
      expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');
    }
    const stored = await storedPayment(deps, record.id);
    // Each refused attempt is two events (started, rejected): 160 written, 100 kept.
    expect(stored.events).toHaveLength(100);
    expect(stored.events[0]?.type).toBe('INITIALIZED');
    expect(stored.events.at(-1)?.type).toBe('ORDER_PLACEMENT_REJECTED');
    expect(stored.attempts).toBe(80);
  });
});
