import { describe, expect, it } from 'vitest';
import type { CartId } from '../../../../src/domain/ids.ts';
import { initializePreOrderPayment } from '../../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { findPreOrderPayment } from '../../../../src/resolvers/queries/find-pre-order-payment.ts';
import { address, customer, initializeInput, SKU } from '../../../support/fixtures.ts';
import { customerCaller, guestCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, placementStarted, rewrite, storedPayment } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

const TTL_MS = 1800 * 1000;
const PAYPAL = { paymentMethodName: 'PayPal Express', paymentProviderName: 'Payone' };
const EXPRESS_SHIPPING = { shipments: [{ shipmentMethodId: 2, shippingAddress: address() }] };

describe('initializePreOrderPayment: validation at the edge (docs/initialize.md item 1)', () => {
  it('refuses a bad e-mail, salutation and country with one violation per field and calls no Glue', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    const input = initializeInput(cartId, {
      customer: customer({ email: 'not-an-e-mail', salutation: 'Herr' }),
      billingAddress: address({ iso2Code: 'XX' }),
    });
    const error = expectError(await initializePreOrderPayment(deps, guestCaller(), input), 'VALIDATION_FAILED');
    expect(error.violations.map((violation) => violation.path).sort()).toEqual([
      'input.billingAddress.iso2Code',
      'input.customer.email',
      'input.customer.salutation',
    ]);
    expect(deps.glue.calls).toEqual([]);
  });

  it('refuses a malformed cart id as a VALIDATION_FAILED at input.cartId', async () => {
    const deps = useCaseDeps();
    const error = expectError(
      await initializePreOrderPayment(deps, guestCaller(), initializeInput('cart with spaces')),
      'VALIDATION_FAILED',
    );
    expect(error.violations).toEqual([{ path: 'input.cartId', message: 'is not a valid cart id' }]);
    expect(deps.glue.calls).toEqual([]);
  });

  it('refuses a shipment without a positive shipment method id and a blank shipping address field', async () => {
    const deps = useCaseDeps();
    const input = initializeInput(deps.glue.addCart(), {
      shipments: [{ shipmentMethodId: 0, shippingAddress: address({ city: ' ' }) }],
    });
    const error = expectError(await initializePreOrderPayment(deps, guestCaller(), input), 'VALIDATION_FAILED');
    expect(error.violations.map((violation) => violation.path)).toEqual([
      'input.shipments.0.shipmentMethodId',
      'input.shipments.0.shippingAddress.city',
    ]);
  });
});

describe('initializePreOrderPayment: reading the cart (item 2)', () => {
  it('answers CartNotFoundError for a cart Glue does not know and sends no POST /payments', async () => {
    const deps = useCaseDeps();
    const error = expectError(
      await initializePreOrderPayment(deps, guestCaller(), initializeInput('cart-unknown')),
      'CART_NOT_FOUND',
    );
    expect(error.cartId).toBe('cart-unknown');
    expect(deps.glue.writes()).toEqual([]);
  });

  it('answers CartEmptyError for a cart without items', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart({ items: [] });
    expectError(await initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId)), 'CART_EMPTY');
    expect(deps.glue.writes()).toEqual([]);
  });

  it('answers PaymentMethodNotAvailableError for a method the cart does not offer', async () => {
    const deps = useCaseDeps();
    const input = initializeInput(deps.glue.addCart(), { paymentMethodName: 'Klarna', paymentProviderName: 'Klarna' });
    const error = expectError(
      await initializePreOrderPayment(deps, guestCaller(), input),
      'PAYMENT_METHOD_NOT_AVAILABLE',
    );
    expect(error).toMatchObject({ paymentMethodName: 'Klarna', paymentProviderName: 'Klarna' });
    expect(deps.glue.writes()).toEqual([]);
  });

  it('answers PaymentMethodNotAvailableError for an offered method without pre-order payment support', async () => {
    const deps = useCaseDeps();
    const input = initializeInput(deps.glue.addCart(), {
      paymentMethodName: 'Invoice',
      paymentProviderName: 'DummyPayment',
    });
    expectError(await initializePreOrderPayment(deps, guestCaller(), input), 'PAYMENT_METHOD_NOT_AVAILABLE');
    expect(deps.glue.writes()).toEqual([]);
  });

  it('answers UpstreamUnavailableError with Glue’s Retry-After when /checkout-data is unavailable', async () => {
    const deps = useCaseDeps();
    deps.glue.next('checkoutData', {
      ok: false,
      error: { kind: 'unavailable', upstream: { status: 503 }, retryAfterSeconds: 4 },
    });
    const error = expectError(
      await initializePreOrderPayment(deps, guestCaller(), initializeInput(deps.glue.addCart())),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.retryAfterSeconds).toBe(4);
    expect(deps.glue.writes()).toEqual([]);
  });

  it('answers AuthenticationFailedError when Glue refuses the customer token, before reading the cart', async () => {
    const deps = useCaseDeps();
    deps.glue.next('customerReference', {
      ok: false,
      error: { kind: 'authentication-failed', upstream: { status: 401 } },
    });
    const input = initializeInput(deps.glue.addCart());
    expectError(await initializePreOrderPayment(deps, customerCaller(), input), 'AUTHENTICATION_FAILED');
    expect(deps.glue.callsOf('checkoutData')).toEqual([]);
  });
});

describe('initializePreOrderPayment: none, CANCELED or EXPIRED → create (item 4a)', () => {
  it('creates an INITIALIZED payment for the amount Glue computed incl. shipping, expiring after the TTL', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    const created = expectOk(await initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId)));
    const { record } = created;
    expect(created.replayed).toBe(false);
    expect(record).toMatchObject({
      cartId,
      status: 'INITIALIZED',
      version: 1,
      amount: { amount: 3490, currency: 'EUR' },
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      expiresAt: deps.clock.now() + TTL_MS,
      orderReference: null,
      placement: null,
    });
    expect(record.events.map((event) => event.type)).toEqual(['INITIALIZED']);
    expect(await storedPayment(deps, record.id)).toEqual(record);
    const current = await deps.store.getCurrentForCart(cartId as CartId);
    expect(current.ok && current.value?.id).toBe(record.id);
  });

  it('sends one POST /payments with Glue’s amount and no preOrderPaymentData, and keeps the provider’s map', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    expect(deps.glue.writes().map((call) => call.endpoint)).toEqual(['POST /payments']);
    const [request] = deps.glue.requestsOf('createPayment');
    expect(request?.amount).toEqual({ amount: 3490, currency: 'EUR' });
    expect(request?.preOrderPaymentData).toBeNull();
    expect(record.transactionId).not.toBeNull();
    expect(deps.glue.transaction(record.transactionId ?? '')?.amount).toEqual({ amount: 3490, currency: 'EUR' });
    expect(record.preOrderPaymentData).toMatchObject({ transactionId: record.transactionId });
  });

  it('prices every shipment: two shipments add both shipment prices to the items', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps, {
      input: {
        shipments: [
          { shipmentMethodId: 1, shippingAddress: address() },
          { shipmentMethodId: 2, shippingAddress: address({ city: 'Hamburg', zipCode: '20095' }) },
        ],
      },
    });
    expect(record.amount).toEqual({ amount: 3000 + 490 + 990, currency: 'EUR' });
  });

  it.each(['CANCELED', 'EXPIRED'] as const)(
    'creates a new payment with a new id when the cart’s payment is %s',
    async (status) => {
      const deps = useCaseDeps();
      const first = await initializedPayment(deps);
      await rewrite(deps, first.record, { status });
      const second = expectOk(
        await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId)),
      );
      expect(second.replayed).toBe(false);
      expect(second.record.id).not.toBe(first.record.id);
      expect(deps.glue.callsOf('createPayment')).toHaveLength(2);
      expect((await storedPayment(deps, first.record.id)).status).toBe(status);
    },
  );
});

describe('initializePreOrderPayment: unchanged INITIALIZED → replay (item 4b)', () => {
  it('answers the same payment with replayed true and no upstream write; expiresAt stays', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    deps.clock.advance(10 * 60_000);
    const again = expectOk(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId)),
    );
    expect(again.replayed).toBe(true);
    // The same record, read again: only the store's clock at the read differs.
    expect(again.record).toEqual({ ...first.record, observedAt: deps.clock.now() });
    expect(deps.glue.writes()).toHaveLength(1);
    expect(deps.glue.callsOf('checkoutData')).toHaveLength(2);
  });

  // Issue 8 finding 5: a corrected e-mail or billing address is kept, without a provider call.
  it('keeps a corrected e-mail and billing address of an unchanged cart, with no provider call, and places the order with them', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    const corrected = {
      customer: customer({ email: 'corrected@example.com' }),
      billingAddress: address({ address1: 'Corrected Street 1' }),
    };
    const again = expectOk(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId, corrected)),
    );
    expect(again).toMatchObject({ replayed: true, record: { id: first.record.id, expiresAt: first.record.expiresAt } });
    expect(again.record.inputs).toMatchObject(corrected);
    expect(deps.glue.callsOf('createPayment')).toHaveLength(1);

    expectOk(await placeOrder(deps, sameCaller(first.caller), { preOrderPaymentId: first.record.id }));
    expect(deps.glue.requestsOf('checkout')[0]).toMatchObject(corrected);
  });
});

describe('initializePreOrderPayment: same method, changed cart or shipments → re-initialize in place (item 4c)', () => {
  it('updates the same payment for a changed cart: new amount, stored map sent, transaction updated, expiry moved', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    deps.glue.setQuantity(first.cartId, SKU, 3);
    deps.clock.advance(5 * 60_000);
    const again = expectOk(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId)),
    );
    expect(again.replayed).toBe(false);
    expect(again.record).toMatchObject({
      id: first.record.id,
      status: 'INITIALIZED',
      // Two writes: the claim (REINITIALIZING), then the provider's answer.
      version: first.record.version + 2,
      amount: { amount: 3 * 1500 + 490, currency: 'EUR' },
      transactionId: first.record.transactionId,
      expiresAt: deps.clock.now() + TTL_MS,
    });
    expect(again.record.fingerprint).not.toBe(first.record.fingerprint);
    expect(again.record.events.map((event) => event.type)).toEqual(['INITIALIZED', 'REINITIALIZED']);
    const reinitialization = deps.glue.requestsOf('createPayment')[1];
    expect(reinitialization?.preOrderPaymentData).toEqual(first.record.preOrderPaymentData);
    const transaction = deps.glue.transaction(first.record.transactionId ?? '');
    expect(transaction).toMatchObject({ amount: { amount: 4990, currency: 'EUR' }, updates: 1, status: 'open' });
    expect(await storedPayment(deps, first.record.id)).toEqual(again.record);
  });

  it('re-initializes the same payment when only the shipments changed', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    const again = expectOk(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId, EXPRESS_SHIPPING)),
    );
    expect(again.record.id).toBe(first.record.id);
    expect(again.record.amount).toEqual({ amount: 3000 + 990, currency: 'EUR' });
    expect(again.record.shipmentsKey).not.toBe(first.record.shipmentsKey);
    expect(again.record.inputs.shipments).toEqual(EXPRESS_SHIPPING.shipments);
    expect(deps.glue.callsOf('createPayment')).toHaveLength(2);
  });

  it('re-initializes (never replays) an unchanged payment past its expiresAt, moving the expiry', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    deps.clock.advance(TTL_MS + 1);
    const again = expectOk(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId)),
    );
    expect(again.replayed).toBe(false);
    expect(again.record.id).toBe(first.record.id);
    expect(again.record.expiresAt).toBe(deps.clock.now() + TTL_MS);
    expect(deps.glue.callsOf('createPayment')).toHaveLength(2);
  });
});

describe('initializePreOrderPayment: another method → cancel first, then create (item 4d)', () => {
  it('cancels the old payment at Glue before creating the new one, and marks the old one CANCELED', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    const second = expectOk(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId, PAYPAL)),
    );
    expect(second.record.id).not.toBe(first.record.id);
    expect(second.record).toMatchObject({ status: 'INITIALIZED', ...PAYPAL });
    expect(deps.glue.writes().map((call) => call.method)).toEqual(['createPayment', 'cancelPayment', 'createPayment']);
    expect(deps.glue.transaction(first.record.transactionId ?? '')?.status).toBe('canceled');
    const old = await storedPayment(deps, first.record.id);
    expect(old.status).toBe('CANCELED');
    expect(old.events.at(-1)).toMatchObject({
      type: 'CANCELED',
      message: 'superseded by a Payone / PayPal Express payment',
    });
    const current = await deps.store.getCurrentForCart(first.cartId as CartId);
    expect(current.ok && current.value?.id).toBe(second.record.id);
  });

  it('fails with the refusal and creates nothing when the old payment cannot be canceled', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    deps.glue.next('cancelPayment', { kind: 'provider-rejected', upstream: { status: 422, detail: 'no' } });
    expectError(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId, PAYPAL)),
      'PAYMENT_PROVIDER_REJECTED',
    );
    expect(deps.glue.callsOf('createPayment')).toHaveLength(1);
    expect((await storedPayment(deps, first.record.id)).status).toBe('INITIALIZED');
    const current = await deps.store.getCurrentForCart(first.cartId as CartId);
    expect(current.ok && current.value?.id).toBe(first.record.id);
  });

  it('fails retryably and creates nothing when the cancellation of the old payment finds Glue unavailable', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    deps.glue.next('cancelPayment', { kind: 'unavailable', upstream: { status: 503 }, retryAfterSeconds: null });
    expectError(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId, PAYPAL)),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(deps.glue.callsOf('createPayment')).toHaveLength(1);
    expect((await storedPayment(deps, first.record.id)).status).toBe('INITIALIZED');
  });
});

describe('initializePreOrderPayment: a payment of another owner → supersede (README decision)', () => {
  it('cancels a guest’s unchanged payment and creates a new one for the customer who now uses the cart', async () => {
    const deps = useCaseDeps();
    const guest = await initializedPayment(deps);
    const customer = customerCaller();
    const taken = expectOk(await initializePreOrderPayment(deps, customer, initializeInput(guest.cartId)));
    expect(taken.replayed).toBe(false);
    expect(taken.record.id).not.toBe(guest.record.id);
    expect(taken.record.ownerKind).toBe('customer');
    expect(taken.record.ownerKey).not.toBe(guest.record.ownerKey);
    expect(deps.glue.transaction(guest.record.transactionId ?? '')?.status).toBe('canceled');
    const seenByGuest = expectOk(await findPreOrderPayment(deps, sameCaller(guest.caller), guest.record.id));
    expect(seenByGuest?.status).toBe('CANCELED');
    expect(expectOk(await findPreOrderPayment(deps, customer, guest.record.id))).toBeNull();
  });

  // Issue 8 finding 5: the owner is checked before the status, so no answer names someone else's payment or order.
  it('answers OperationInProgressError, naming nothing, while another owner’s payment on the cart has an unknown outcome', async () => {
    const deps = useCaseDeps();
    const guest = await initializedPayment(deps);
    await rewrite(deps, guest.record, { status: 'ORDER_OUTCOME_UNKNOWN', orderReference: 'DE--GUEST' });
    const answer = await initializePreOrderPayment(deps, customerCaller(), initializeInput(guest.cartId));
    const error = expectError(answer, 'OPERATION_IN_PROGRESS');
    expect(JSON.stringify(error)).not.toContain(guest.record.id);
    expect(JSON.stringify(error)).not.toContain('DE--GUEST');
    expect(deps.glue.writes()).toHaveLength(1);
  });

  it('answers CartNotFoundError, naming nothing, when the cart’s order was placed by another owner', async () => {
    const deps = useCaseDeps();
    const guest = await initializedPayment(deps);
    await rewrite(deps, guest.record, { status: 'ORDER_PLACED', orderReference: 'DE--GUEST', placement: null });
    const answer = await initializePreOrderPayment(deps, customerCaller(), initializeInput(guest.cartId));
    const error = expectError(answer, 'CART_NOT_FOUND');
    expect(JSON.stringify(error)).not.toContain(guest.record.id);
    expect(JSON.stringify(error)).not.toContain('DE--GUEST');
    expect(deps.glue.writes()).toHaveLength(1);
  });
});

describe('initializePreOrderPayment: work in progress or an order on the cart (items 4e, 4f)', () => {
  it('answers OperationInProgressError while the cart’s payment is PLACING_ORDER, with no upstream write', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 50 } });
    const first = await initializedPayment(deps);
    await placementStarted(deps, first.record, { leaseMs: 30_000, checkoutSent: true });
    deps.glue.setQuantity(first.cartId, SKU, 5);
    expectError(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId)),
      'OPERATION_IN_PROGRESS',
    );
    expect(deps.glue.writes()).toHaveLength(1);
  });

  it('answers OperationInProgressError while the cart’s payment is CANCELING', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 50 } });
    const first = await initializedPayment(deps);
    await rewrite(deps, first.record, { status: 'CANCELING' });
    expectError(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId, PAYPAL)),
      'OPERATION_IN_PROGRESS',
    );
    expect(deps.glue.writes()).toHaveLength(1);
  });

  it('answers OrderAlreadyPlacedError with the order reference when the cart’s order exists', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    await rewrite(deps, first.record, { status: 'ORDER_PLACED', orderReference: 'DE--77', placement: null });
    const error = expectError(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId)),
      'ORDER_ALREADY_PLACED',
    );
    expect(error).toMatchObject({ preOrderPaymentId: first.record.id, orderReference: 'DE--77' });
    expect(deps.glue.writes()).toHaveLength(1);
  });

  it('answers OrderOutcomeUnknownError when the cart’s order outcome is unknown', async () => {
    const deps = useCaseDeps();
    const first = await initializedPayment(deps);
    await rewrite(deps, first.record, { status: 'ORDER_OUTCOME_UNKNOWN' });
    const error = expectError(
      await initializePreOrderPayment(deps, sameCaller(first.caller), initializeInput(first.cartId, PAYPAL)),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error.preOrderPaymentId).toBe(first.record.id);
    expect(deps.glue.writes()).toHaveLength(1);
  });
});

describe('initializePreOrderPayment: one live payment per cart (item 3)', () => {
  it('sends exactly one POST /payments for concurrent initializations of one cart; all answer that payment', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 2000 } });
    const caller = guestCaller();
    const cartId = deps.glue.addCart();
    const held = deps.glue.hold('createPayment');
    const runs = Array.from({ length: 4 }, () =>
      initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId)),
    );
    await held.reached;
    held.release();
    const results = await Promise.all(runs);
    expect(deps.glue.callsOf('createPayment')).toHaveLength(1);
    const ids = new Set(results.map((result) => expectOk(result).record.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.ok && !result.value.replayed)).toHaveLength(1);
  });

  it('answers OperationInProgressError to a concurrent initialization that waited longer than the wait budget', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 50 } });
    const caller = guestCaller();
    const cartId = deps.glue.addCart();
    const held = deps.glue.hold('createPayment');
    const first = initializePreOrderPayment(deps, caller, initializeInput(cartId));
    await held.reached;
    const second = await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId));
    held.release();
    expectError(second, 'OPERATION_IN_PROGRESS');
    expectOk(await first);
    expect(deps.glue.callsOf('createPayment')).toHaveLength(1);
  });
});

describe('initializePreOrderPayment: POST /payments (item 5)', () => {
  it('sends the shopper’s customer, billing and first shipping address and the customer’s reference', async () => {
    const deps = useCaseDeps();
    const caller = customerCaller({ customerReference: 'DE--C42' });
    const shipping = address({ city: 'München', zipCode: '80331' });
    await initializedPayment(deps, {
      caller,
      input: { shipments: [{ shipmentMethodId: 1, shippingAddress: shipping }] },
    });
    const request = deps.glue.requestsOf('createPayment')[0];
    expect(request).toMatchObject({
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      customer: customer(),
      billingAddress: address(),
      shippingAddress: shipping,
      customerReference: 'DE--C42',
    });
    expect(request?.cart.items).toEqual([expect.objectContaining({ sku: SKU, quantity: 2 })]);
  });

  it('sends no customerReference for a guest', async () => {
    const deps = useCaseDeps();
    await initializedPayment(deps);
    expect(deps.glue.requestsOf('createPayment')[0]?.customerReference).toBeNull();
  });

  it('answers PaymentProviderRejectedError and records nothing when the provider refuses', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    deps.glue.next('createPayment', { kind: 'provider-rejected', upstream: { status: 422, detail: 'declined' } });
    const error = expectError(
      await initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId)),
      'PAYMENT_PROVIDER_REJECTED',
    );
    expect(error.upstream).toMatchObject({ detail: 'declined' });
    expect(await deps.store.getCurrentForCart(cartId as CartId)).toEqual({ ok: true, value: null });
  });

  it('answers ValidationError with Glue’s violations when /payments refuses the quote', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    const violations = [{ path: 'input.billingAddress.zipCode', message: 'invalid zip code' }];
    deps.glue.next('createPayment', { kind: 'validation', violations, upstream: { status: 422 } });
    const error = expectError(
      await initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId)),
      'VALIDATION_FAILED',
    );
    expect(error.violations).toEqual(violations);
    expect(await deps.store.getCurrentForCart(cartId as CartId)).toEqual({ ok: true, value: null });
  });

  it('answers UpstreamUnavailableError and records nothing when /payments is unavailable', async () => {
    const deps = useCaseDeps();
    const cartId = deps.glue.addCart();
    deps.glue.next('createPayment', { kind: 'unavailable', upstream: { status: 502 }, retryAfterSeconds: null });
    expectError(await initializePreOrderPayment(deps, guestCaller(), initializeInput(cartId)), 'UPSTREAM_UNAVAILABLE');
    expect(await deps.store.getCurrentForCart(cartId as CartId)).toEqual({ ok: true, value: null });
  });
});
