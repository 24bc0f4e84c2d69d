import { describe, expect, it } from 'vitest';
import { initializeInput, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';
import { customerInput, customerWithPayment, initSuccess, placeSuccess } from './helpers.ts';

const stack = useStack();

/** Newer orders than the one looked for: more than two pages of GET /orders (20 a page). */
const NEWER_ORDERS = 45;

describe('reconciliation past the first page of GET /orders (docs/place-order.md item 6)', () => {
  it('finds the order on page 3, newest first, when 45 newer orders of the same customer came after it', async () => {
    const { account, cartId, sdk, payment } = await customerWithPayment(stack);
    // The order is saved but /checkout answers 500, and the immediate look at GET /orders fails too.
    await stack.control.fault({ endpoint: 'POST /checkout', mode: 'after-effect', status: 500, detail: 'late' });
    await stack.control.fault({ endpoint: 'GET /orders', mode: 'status', status: 503, count: 1000 });
    const unknown = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(unknown.__typename).toBe('OrderOutcomeUnknownError');
    await stack.control.clearFaults();
    const saved = (await stack.control.orders()).find((order) => order.cartId === cartId);
    if (!saved) throw new Error('the sandbox saved no order');

    // The same customer orders 45 more times (two items each: another total), through the gateway.
    for (let index = 0; index < NEWER_ORDERS; index += 1) {
      const other = await stack.control.createCustomerCart(account.customerReference, [{ sku: SKU, quantity: 2 }]);
      const input = initializeInput(other, { customer: customerInput(account) });
      const init = initSuccess((await sdk.InitializePreOrderPayment({ input })).initializePreOrderPayment);
      placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder);
    }

    // The next look is due after its backoff; a read of the payment takes it.
    const listedBefore = (await stack.control.calls('GET /orders')).length;
    const deadline = Date.now() + 15_000;
    let seen = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    while (seen?.status === 'ORDER_OUTCOME_UNKNOWN' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      seen = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    }
    expect(seen).toMatchObject({ status: 'ORDER_PLACED', orderReference: saved.orderReference });

    const pages = (await stack.control.calls('GET /orders'))
      .slice(listedBefore)
      .map((call) => call.query['page[offset]']);
    expect(pages).toEqual(['0', '20', '40']);
  });
});
