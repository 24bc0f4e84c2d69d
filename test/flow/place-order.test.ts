import type { PlaceOrderMutation } from '@headless-payment-gateway/client';
import { describe, expect, it } from 'vitest';
import {
  address,
  CHECKOUT_FAILS_500,
  CHECKOUT_REFUSED_1101,
  CHECKOUT_SAVED_THEN_1106,
  initializeInput,
  SKU,
} from '../support/fixtures.ts';
import type { FaultSpec } from '../support/sandbox-control.ts';
import { startStack, useStack } from '../support/stack.ts';
import { guestWithCart, guestWithPayment } from './helpers.ts';

const stack = useStack();

type PlaceResult = PlaceOrderMutation['placeOrder'];

/** POST /checkout saves the order, then answers a 1102 that names it. */
const CHECKOUT_SAVED_THEN_1102: FaultSpec = {
  endpoint: 'POST /checkout',
  mode: 'after-effect',
  status: 422,
  code: '1102',
  detail: 'Failed to confirm pre-order payment for order {orderReference}. Response: {"error":"x"}',
  keepCart: true,
};

describe('placeOrder', () => {
  it('answers CartChangedError and sends no /checkout when the cart changed after initialization', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    await stack.control.setItems(cartId, [{ sku: SKU, quantity: 5 }]);
    const result = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    if (result.__typename !== 'CartChangedError') throw new Error(result.__typename);
    expect(result.preOrderPaymentId).toBe(payment.id);
    expect(result.previousAmount.amount).toBe(payment.amount.amount);
    expect(result.currentAmount.amount).toBeGreaterThan(payment.amount.amount);
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(0);
    // Re-initialize (same id), then place.
    const again = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    expect(again.__typename === 'InitializePreOrderPaymentSuccess' && again.preOrderPayment.id).toBe(payment.id);
    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(placed.__typename).toBe('PlaceOrderSuccess');
  });

  it('answers CheckoutRejectedError on a definite refusal, keeps the payment usable, and a corrected retry places one order', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    await stack.control.fault(CHECKOUT_REFUSED_1101);
    const refused = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    if (refused.__typename !== 'CheckoutRejectedError') throw new Error(refused.__typename);
    expect(refused.upstream).toMatchObject({ status: 422, code: '1101' });
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(placed.__typename).toBe('PlaceOrderSuccess');
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(2);
    expect((await stack.control.orders()).filter((o) => o.cartId === cartId)).toHaveLength(1);
  });

  it('uses the inputs given to placeOrder over those of initialization', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    const billing = address({ city: 'Hamburg', zipCode: '20095' });
    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, billingAddress: billing } }))
      .placeOrder;
    expect(placed.__typename).toBe('PlaceOrderSuccess');
    const [call] = await stack.control.checkoutsFor(cartId);
    expect(
      (call!.body as { data: { attributes: { billingAddress: { city: string } } } }).data.attributes.billingAddress
        .city,
    ).toBe('Hamburg');
  });

  const unknownOutcomes: { name: string; fault: FaultSpec }[] = [
    {
      name: '422/1106 (order saved, cart not deleted)',
      fault: CHECKOUT_SAVED_THEN_1106,
    },
    { name: '422/1102 naming the order', fault: CHECKOUT_SAVED_THEN_1102 },
    {
      name: 'a 500 after the order was saved (cart gone)',
      fault: { endpoint: 'POST /checkout', mode: 'after-effect', status: 500, detail: 'Internal Server Error' },
    },
    {
      name: 'a timeout after the order was saved',
      fault: { endpoint: 'POST /checkout', mode: 'hang', afterEffect: true },
    },
  ];

  for (const { name, fault } of unknownOutcomes) {
    it(`ends in ORDER_OUTCOME_UNKNOWN without a second /checkout after ${name}`, async () => {
      const { cartId, sdk, payment } = await guestWithPayment(stack);
      await stack.control.fault(fault);
      const first = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
      if (first.__typename !== 'OrderOutcomeUnknownError') throw new Error(JSON.stringify(first));
      expect(first.retryable).toBe(false);
      await stack.control.clearFaults();
      const retry: PlaceResult = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
      expect(retry.__typename).toBe('OrderOutcomeUnknownError');
      const cancel = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
        .cancelPreOrderPayment;
      expect(cancel.__typename).toBe('OrderOutcomeUnknownError');
      expect(await stack.control.checkoutsFor(cartId)).toHaveLength(1);
      expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('ORDER_OUTCOME_UNKNOWN');
      const transaction = (await stack.control.transactions()).find((t) => t.transactionId === payment.transactionId);
      expect(transaction?.status).not.toBe('canceled');
    });
  }

  it('names the order in OrderOutcomeUnknownError when a 1102 names it', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    await stack.control.fault(CHECKOUT_SAVED_THEN_1102);
    const result = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    if (result.__typename !== 'OrderOutcomeUnknownError') throw new Error(result.__typename);
    expect(result.knownOrderReference).toMatch(/^DE--\d+$/);
  });

  it('returns to INITIALIZED with a retryable error after a 500 that saved nothing, and a retry places exactly one order', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    await stack.control.fault(CHECKOUT_FAILS_500);
    const failed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(failed).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(placed.__typename).toBe('PlaceOrderSuccess');
    expect((await stack.control.orders()).filter((o) => o.cartId === cartId)).toHaveLength(1);
  });

  it('makes exactly one POST /checkout for 50 concurrent placeOrder calls; every answer is the same order or OperationInProgressError', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    await stack.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: 300 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })),
    );
    const references = new Set<string>();
    for (const { placeOrder: result } of results) {
      expect(['PlaceOrderSuccess', 'OperationInProgressError']).toContain(result.__typename);
      if (result.__typename === 'PlaceOrderSuccess') references.add(result.order.orderReference);
    }
    expect(references.size).toBe(1);
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(1);
  });

  it('answers PreOrderPaymentExpiredError past expiresAt and sends nothing to Glue', async () => {
    const shortLived = await startStack({ env: { PRE_ORDER_PAYMENT_TTL_SECONDS: '1' } });
    try {
      const { cartId, sdk } = await guestWithCart(shortLived);
      const init = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
      if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(init.__typename);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const before = (await shortLived.control.calls()).length;
      const result = (await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder;
      if (result.__typename !== 'PreOrderPaymentExpiredError') throw new Error(result.__typename);
      expect(result.expiredAt).toBe(init.preOrderPayment.expiresAt);
      expect((await shortLived.control.calls()).length).toBe(before);
    } finally {
      await shortLived.close();
    }
  });

  it('answers PreOrderPaymentCanceledError for a canceled payment', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    const canceled = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
      .cancelPreOrderPayment;
    expect(canceled.__typename).toBe('CancelPreOrderPaymentSuccess');
    const result = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(result).toMatchObject({ __typename: 'PreOrderPaymentCanceledError', preOrderPaymentId: payment.id });
  });

  it('sends Glue one cart read, one /checkout-data and one /checkout for a placeOrder', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    const before = (await stack.control.calls()).length;
    const result = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(result.__typename).toBe('PlaceOrderSuccess');
    const calls = (await stack.control.calls()).slice(before).filter((call) => JSON.stringify(call).includes(cartId));
    expect(calls.map((call) => call.endpoint).sort()).toEqual([
      'GET /guest-carts/{id}',
      'POST /checkout',
      'POST /checkout-data',
    ]);
  });
});
