import { describe, expect, it } from 'vitest';
import { initializePreOrderPayment } from '../../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { address, initializeInput } from '../../../support/fixtures.ts';
import { guestCaller, sameCaller } from '../../support/callers.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

/** Shipments alternating between two methods, so each initialization of the cart reaches POST /payments. */
const shipping = (shipmentMethodId: number) => ({ shipments: [{ shipmentMethodId, shippingAddress: address() }] });

describe('initialization rate limits (docs/rate-limits.md)', () => {
  it('answers RateLimitedError once a cart’s initializations that reach POST /payments exceed the limit', async () => {
    const deps = useCaseDeps({ settings: { rateLimitInitPerCart: { count: 2, windowSeconds: 600 } } });
    const caller = guestCaller();
    const cartId = deps.glue.addCart();
    expectOk(await initializePreOrderPayment(deps, caller, initializeInput(cartId, shipping(1))));
    expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, shipping(2))));
    const error = expectError(
      await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, shipping(1))),
      'RATE_LIMITED',
    );
    expect(error.retryAfterSeconds).toBe(600);
    expect(deps.glue.callsOf('createPayment')).toHaveLength(2);
  });

  it('does not count replays, which send nothing upstream', async () => {
    const deps = useCaseDeps({ settings: { rateLimitInitPerCart: { count: 1, windowSeconds: 600 } } });
    const caller = guestCaller();
    const cartId = deps.glue.addCart();
    for (let round = 0; round < 4; round += 1) {
      expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId)));
    }
    expect(deps.glue.callsOf('createPayment')).toHaveLength(1);
  });

  it('lets the cart initialize again once the window has passed', async () => {
    const deps = useCaseDeps({ settings: { rateLimitInitPerCart: { count: 1, windowSeconds: 60 } } });
    const caller = guestCaller();
    const cartId = deps.glue.addCart();
    expectOk(await initializePreOrderPayment(deps, caller, initializeInput(cartId, shipping(1))));
    expectError(
      await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, shipping(2))),
      'RATE_LIMITED',
    );
    deps.clock.advance(60_000);
    expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, shipping(2))));
    expect(deps.glue.callsOf('createPayment')).toHaveLength(2);
  });

  it('limits one client address across carts, and leaves other addresses alone', async () => {
    const deps = useCaseDeps({ settings: { rateLimitInitPerClient: { count: 1, windowSeconds: 60 } } });
    const client = guestCaller({ clientAddress: '203.0.113.7' });
    expectOk(await initializePreOrderPayment(deps, client, initializeInput(deps.glue.addCart())));
    const error = expectError(
      await initializePreOrderPayment(deps, sameCaller(client), initializeInput(deps.glue.addCart())),
      'RATE_LIMITED',
    );
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const other = guestCaller({ clientAddress: '198.51.100.9' });
    expectOk(await initializePreOrderPayment(deps, other, initializeInput(deps.glue.addCart())));
    expect(deps.glue.callsOf('createPayment')).toHaveLength(2);
  });
});
