import { describe, expect, it } from 'vitest';
import { listPaymentMethods } from '../../../../src/resolvers/queries/list-payment-methods.ts';
import { guestCaller } from '../../support/callers.ts';
import { DEFAULT_PAYMENT_METHODS, STRIPE } from '../../support/memory-glue.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

describe('listPaymentMethods (paymentMethods query)', () => {
  it('answers the methods Glue offers for the cart, with their pre-order support', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    const list = expectOk(await listPaymentMethods(deps, guestCaller(), cartId));
    expect(list).toEqual({ cartId, methods: DEFAULT_PAYMENT_METHODS });
    expect(list.methods.map((method) => [method.paymentMethodName, method.supportsPreOrderPayment])).toEqual([
      ['Stripe', true],
      ['PayPal Express', true],
      ['Invoice', false],
    ]);
    expect(deps.glue.callsOf('checkoutData').map((call) => call.request)).toEqual([{ cartId }]);
  });

  it('answers the cart’s own method list when the shop configured other methods', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart({ paymentMethods: [STRIPE] });
    expect(expectOk(await listPaymentMethods(deps, guestCaller(), cartId)).methods).toEqual([STRIPE]);
  });

  it('answers an empty list for an empty cart', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart({ items: [] });
    expect(expectOk(await listPaymentMethods(deps, guestCaller(), cartId))).toEqual({ cartId, methods: [] });
  });

  it('answers CartNotFoundError for an unknown cart, and for a malformed cart id without calling Glue', async () => {
    const deps = useCaseDeps();
    expectError(await listPaymentMethods(deps, guestCaller(), 'cart-unknown'), 'CART_NOT_FOUND');
    expect(deps.glue.calls).toHaveLength(1);
    expectError(await listPaymentMethods(deps, guestCaller(), '../etc'), 'CART_NOT_FOUND');
    expect(deps.glue.calls).toHaveLength(1);
  });

  it('passes AuthenticationFailedError and UpstreamUnavailableError through', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    deps.glue.next('checkoutData', { ok: false, error: { kind: 'authentication-failed', upstream: { status: 401 } } });
    deps.glue.next('checkoutData', { ok: false, error: { kind: 'unavailable', upstream: null, retryAfterSeconds: 2 } });
    expectError(await listPaymentMethods(deps, guestCaller(), cartId), 'AUTHENTICATION_FAILED');
    expect(
      expectError(await listPaymentMethods(deps, guestCaller(), cartId), 'UPSTREAM_UNAVAILABLE').retryAfterSeconds,
    ).toBe(2);
  });

  it('answers UpstreamUnavailableError when Glue refuses the read for another reason', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    deps.glue.next('checkoutData', { ok: false, error: { kind: 'rejected', upstream: { status: 400 } } });
    const error = expectError(await listPaymentMethods(deps, guestCaller(), cartId), 'UPSTREAM_UNAVAILABLE');
    expect(error.upstream).toEqual({ detail: 'the commerce backend refused the request' });
  });
});
