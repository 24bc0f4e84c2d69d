import { describe, expect, it } from 'vitest';
import { initializePreOrderPayment } from '../../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { address, customer, initializeInput, SKU } from '../../../support/fixtures.ts';
import { customerCaller, guestCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, rewrite, storedPayment } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

const TTL_MS = 1800 * 1000;

describe('placeOrder: a clean placement', () => {
  it('sends one POST /checkout and records ORDER_PLACED with Glue’s order reference', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    const [order] = deps.glue.orders;
    expect(placed.replayed).toBe(false);
    expect(placed.order.orderReference).toBe(order?.orderReference);
    expect(order?.total).toEqual(record.amount);
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
    expect(deps.glue.hasCart(cartId)).toBe(false);
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({
      status: 'ORDER_PLACED',
      orderReference: order?.orderReference,
      attempts: 1,
      placement: { attempt: 1, checkoutSent: true },
    });
    expect(stored.events.map((event) => event.type)).toEqual([
      'INITIALIZED',
      'ORDER_PLACEMENT_STARTED',
      'ORDER_PLACED',
    ]);
    expect(placed.record).toEqual(stored);
  });

  it('sends the cart, the stored inputs, the payment’s method and its stored preOrderPaymentData (item 5)', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    const request = deps.glue.requestsOf('checkout')[0];
    expect(request).toEqual({
      cartId,
      customer: record.inputs.customer,
      billingAddress: record.inputs.billingAddress,
      shipments: record.inputs.shipments,
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      preOrderPaymentData: record.preOrderPaymentData,
      expressCheckout: false,
    });
  });

  it('marks the checkout of an express-checkout method (PayPal Express) as expressCheckout', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps, {
      input: { paymentMethodName: 'PayPal Express', paymentProviderName: 'Payone' },
    });
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(deps.glue.requestsOf('checkout')[0]?.expressCheckout).toBe(true);
  });

  it('uses a billing address and customer given to placeOrder over the ones given at initialization (item 2)', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const billingAddress = address({ firstName: 'Max', lastName: 'Mustermann' });
    const buyer = customer({ email: 'max@example.com' });
    expectOk(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id, billingAddress, customer: buyer }),
    );
    const request = deps.glue.requestsOf('checkout')[0];
    expect(request?.billingAddress).toEqual(billingAddress);
    expect(request?.customer).toEqual(buyer);
    expect(request?.shipments).toEqual(record.inputs.shipments);
  });

  it('refuses invalid order inputs and a malformed idempotency key before any Glue call', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const callsBefore = deps.glue.calls.length;
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), {
        preOrderPaymentId: record.id,
        customer: customer({ email: 'nope' }),
        idempotencyKey: 'has space',
      }),
      'VALIDATION_FAILED',
    );
    expect(error.violations.map((violation) => violation.path)).toEqual([
      'input.customer.email',
      'input.idempotencyKey',
    ]);
    expect(deps.glue.calls).toHaveLength(callsBefore);
  });
});

describe('placeOrder: the status answers first, nothing sent to Glue (item 1)', () => {
  it('answers an ORDER_PLACED payment’s order again with replayed true and no Glue call', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const first = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    const callsBefore = deps.glue.calls.length;
    const again = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(again.replayed).toBe(true);
    expect(again.order.orderReference).toBe(first.order.orderReference);
    expect(deps.glue.calls).toHaveLength(callsBefore);
  });

  it('answers PreOrderPaymentCanceledError for a CANCELED payment and sends nothing', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await rewrite(deps, record, { status: 'CANCELED' });
    const callsBefore = deps.glue.calls.length;
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'PRE_ORDER_PAYMENT_CANCELED',
    );
    expect(error.preOrderPaymentId).toBe(record.id);
    expect(deps.glue.calls).toHaveLength(callsBefore);
  });

  it('answers PreOrderPaymentExpiredError for an EXPIRED payment, naming when it expired', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await rewrite(deps, record, { status: 'EXPIRED' });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'PRE_ORDER_PAYMENT_EXPIRED',
    );
    expect(error.expiredAt).toBe(new Date(record.expiresAt).toISOString());
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });

  it('answers PreOrderPaymentExpiredError for an INITIALIZED payment past expiresAt and sends no checkout', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS);
    expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'PRE_ORDER_PAYMENT_EXPIRED',
    );
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });

  it('answers OrderOutcomeUnknownError for a guest’s ORDER_OUTCOME_UNKNOWN payment and sends no checkout', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await rewrite(deps, record, { status: 'ORDER_OUTCOME_UNKNOWN', reconciliation: { attempts: 0, nextAt: 0 } });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error.preOrderPaymentId).toBe(record.id);
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    expect(deps.glue.callsOf('listOrders')).toEqual([]);
  });

  it('answers PreOrderPaymentNotFoundError for someone else’s payment, an unknown id and a malformed id', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    const stranger = guestCaller();
    const unknownId = `${record.id.slice(0, -4)}AAAA`;
    for (const preOrderPaymentId of [record.id, unknownId, 'not-a-payment-id']) {
      expectError(await placeOrder(deps, stranger, { preOrderPaymentId }), 'PRE_ORDER_PAYMENT_NOT_FOUND');
    }
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  it('does not let a customer place a guest’s payment', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    expectError(
      await placeOrder(deps, customerCaller(), { preOrderPaymentId: record.id }),
      'PRE_ORDER_PAYMENT_NOT_FOUND',
    );
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });
});

describe('placeOrder: the cart must be unchanged (item 3)', () => {
  it('answers CartChangedError and sends no checkout when the cart total changed after initialization', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    deps.glue.setQuantity(cartId, SKU, 3);
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'CART_CHANGED',
    );
    expect(error).toMatchObject({
      preOrderPaymentId: record.id,
      previousAmount: { amount: 3490, currency: 'EUR' },
      currentAmount: { amount: 4990, currency: 'EUR' },
    });
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    expect(await storedPayment(deps, record.id)).toEqual(record);
  });

  it('answers CartChangedError when the items changed although the total stayed the same', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    deps.glue.setQuantity(cartId, SKU, 1);
    deps.glue.setQuantity(cartId, 'other-sku', 1);
    deps.glue.setUnitPrice(cartId, 'other-sku', 1500);
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'CART_CHANGED',
    );
    expect(error.currentAmount).toEqual(error.previousAmount);
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });

  it('answers CartChangedError when shipments given to placeOrder change the amount', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), {
        preOrderPaymentId: record.id,
        shipments: [{ shipmentMethodId: 2, shippingAddress: address() }],
      }),
      'CART_CHANGED',
    );
    expect(error.currentAmount).toEqual({ amount: 3990, currency: 'EUR' });
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });

  it('reads the cart bypassing any cache before placing', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(deps.glue.callsOf('cart').at(-1)?.request).toMatchObject({ fresh: true });
  });

  it('answers CartNotFoundError and sends no checkout when the cart is gone', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    deps.glue.deleteCart(cartId);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CART_NOT_FOUND');
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });

  it('places the order after the shopper re-initializes the same payment for the changed cart', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    deps.glue.setQuantity(cartId, SKU, 3);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CART_CHANGED');
    const again = expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId)));
    expect(again.record.id).toBe(record.id);
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(placed.record.amount).toEqual({ amount: 4990, currency: 'EUR' });
    expect(deps.glue.orders[0]?.total).toEqual({ amount: 4990, currency: 'EUR' });
  });
});
