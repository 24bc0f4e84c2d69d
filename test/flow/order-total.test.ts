import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGE_MISMATCH, ATTENTION_QUERY, opsCall } from '../lifecycle/helpers.ts';
import { SKU } from '../support/fixtures.ts';
import type { Stack } from '../support/stack.ts';
import { useStack } from '../support/stack.ts';
import { customerWithPayment, guestWithPayment, placeSuccess } from './helpers.ts';

/**
 * docs/place-order.md item 8: items added through Glue directly after the gateway's last cart read
 * end up in the order, so the order can cost more than the payment. The sandbox holds
 * `POST /checkout` (a `delay` fault waits before the handler reads the cart) while the shopper's
 * other tab adds an item through Glue's own cart-items endpoint.
 */

const OPS_TOKEN = 'order-total-tests-operator-token-0123456789';
const operator = { authorization: `Bearer ${OPS_TOKEN}` };
/** How long the sandbox holds /checkout: ample for the item to be added, well within GLUE_TIMEOUT_MS. */
const CHECKOUT_DELAY_MS = 2000;
const MISMATCHES = 'order_payment_mismatches_total';

const stack = useStack({ env: { OPS_TOKEN, GLUE_TIMEOUT_MS: '6000', PLACEMENT_LEASE_MS: '12000' } });

/** Waits until the sandbox has received this cart's `POST /checkout` (it is then held by the delay). */
async function untilCheckoutArrived(target: Stack, cartId: string): Promise<void> {
  const deadline = Date.now() + CHECKOUT_DELAY_MS;
  while ((await target.control.checkoutsFor(cartId)).length === 0) {
    if (Date.now() > deadline) throw new Error('POST /checkout did not reach the sandbox');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One more of SKU, through Glue itself as a storefront would add it (not the sandbox's control surface). */
async function addItemThroughGlue(
  target: Stack,
  cart: { readonly cartId: string; readonly anonymousId?: string; readonly accessToken?: string },
): Promise<number> {
  const guest = cart.anonymousId !== undefined;
  const path = guest
    ? `/guest-carts/${cart.cartId}/guest-cart-items`
    : `/carts/${encodeURIComponent(cart.cartId)}/items`;
  const response = await request(`${target.sandboxUrl}${path}`, {
    method: 'POST',
    headers: {
      accept: 'application/vnd.api+json',
      'content-type': 'application/vnd.api+json',
      ...(guest ? { 'x-anonymous-customer-unique-id': cart.anonymousId } : {}),
      ...(cart.accessToken ? { authorization: `Bearer ${cart.accessToken}` } : {}),
    },
    body: JSON.stringify({
      data: { type: guest ? 'guest-cart-items' : 'items', attributes: { sku: SKU, quantity: 1 } },
    }),
  });
  await response.body.dump();
  return response.statusCode;
}

async function mismatchesCounted(target: Stack): Promise<number> {
  const text = await (await request(`${target.baseUrl}/metrics`)).body.text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${MISMATCHES} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

async function attentionOf(target: Stack, preOrderPaymentId: string) {
  const listed = await opsCall(target.baseUrl, {
    query: ATTENTION_QUERY,
    variables: { first: 100 },
    headers: operator,
  });
  expect(listed.status).toBe(200);
  const nodes = listed.json.data.preOrderPaymentsNeedingAttention.edges.map(
    (edge: { node: { reason: string; payment: { id: string } } }) => edge.node,
  );
  return nodes.find((node: { payment: { id: string } }) => node.payment.id === preOrderPaymentId);
}

describe('placeOrder compares the order’s total with the payment (docs/place-order.md item 8)', () => {
  it('answers paymentMatchesOrder true and the order’s total when nothing changed', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    const placed = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    const calls = await stack.control.checkoutsFor(cartId);
    expect(calls[0]?.query).toMatchObject({ include: 'orders' });
    expect(placed.paymentMatchesOrder).toBe(true);
    expect(placed.orderTotal).toEqual(payment.amount);
  });

  it('a guest: an item added through Glue while /checkout is on its way → the order exists, paymentMatchesOrder false, an event, an error line, a metric, and the operators’ list until acknowledged', async () => {
    const countedBefore = await mismatchesCounted(stack);
    const { anon, cartId, sdk, payment } = await guestWithPayment(stack);
    await stack.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: CHECKOUT_DELAY_MS });
    const idempotencyKey = `k-${randomUUID()}`;
    const placing = sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } });
    await untilCheckoutArrived(stack, cartId);
    expect(await addItemThroughGlue(stack, { cartId, anonymousId: anon })).toBe(201);
    const placed = placeSuccess((await placing).placeOrder);

    // The premise: Glue's order holds the added item, and costs more than the payment.
    const orders = (await stack.control.orders()).filter((order) => order.cartId === cartId);
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    const orderTotal = { amount: order.totals.priceToPay ?? order.totals.grandTotal, currency: order.currency };
    expect(orderTotal.amount).toBeGreaterThan(payment.amount.amount);
    expect(placed.order.orderReference).toBe(order.orderReference);

    // The shopper is told; the order counts as placed.
    expect(placed.paymentMatchesOrder).toBe(false);
    expect(placed.orderTotal).toMatchObject(orderTotal);
    expect(placed.preOrderPayment.status).toBe('ORDER_PLACED');
    // The event is for operators: the public list keeps the contract's event types.
    expect(placed.preOrderPayment.events.map((event) => event.type)).not.toContain('ORDER_TOTAL_MISMATCH');

    // A replay answers the same, with the key and without it.
    const keyed = placeSuccess(
      (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } })).placeOrder,
    );
    const keyless = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    for (const replay of [keyed, keyless]) {
      expect(replay).toMatchObject({ replayed: true, paymentMatchesOrder: false, orderTotal });
    }
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(1);

    // One error log line, one count.
    const errorLines = stack.logLines.filter(
      (line) => line.includes(payment.id) && line.includes('"level":50') && line.includes('order total'),
    );
    expect(errorLines).toHaveLength(1);
    expect(await mismatchesCounted(stack)).toBe(countedBefore + 1);

    // Listed for operators with its event, until one acknowledges it.
    const listed = await attentionOf(stack, payment.id);
    expect(listed).toMatchObject({ reason: 'ORDER_TOTAL_MISMATCH', payment: { status: 'ORDER_PLACED' } });
    expect(listed.payment.events.map((event: { type: string }) => event.type)).toContain('ORDER_TOTAL_MISMATCH');
    const acknowledged = await opsCall(stack.baseUrl, {
      query: ACKNOWLEDGE_MISMATCH,
      variables: { input: { preOrderPaymentId: payment.id, note: 'refunded the difference in the back office' } },
      headers: operator,
    });
    expect(acknowledged.json.data.acknowledgeOrderMismatch).toMatchObject({
      __typename: 'OperatorActionDone',
      payment: { id: payment.id, status: 'ORDER_PLACED', paymentMatchesOrder: false, mismatchAcknowledged: true },
    });
    expect(await attentionOf(stack, payment.id)).toBeUndefined();
    const again = await opsCall(stack.baseUrl, {
      query: ACKNOWLEDGE_MISMATCH,
      variables: { input: { preOrderPaymentId: payment.id, note: 'twice' } },
      headers: operator,
    });
    expect(again.json.data.acknowledgeOrderMismatch).toMatchObject({ code: 'NOT_APPLICABLE' });
    // The shopper's answer does not change with the operator's acknowledgement.
    const later = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    expect(later.paymentMatchesOrder).toBe(false);
  });

  it('a customer: the same through `POST /carts/{id}/items` with the customer’s token', async () => {
    const { account, cartId, sdk, payment } = await customerWithPayment(stack);
    await stack.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: CHECKOUT_DELAY_MS });
    const placing = sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } });
    await untilCheckoutArrived(stack, cartId);
    expect(await addItemThroughGlue(stack, { cartId, accessToken: account.accessToken })).toBe(201);
    const placed = placeSuccess((await placing).placeOrder);
    const order = (await stack.control.orders()).find((candidate) => candidate.cartId === cartId);
    expect(order?.totals.grandTotal).toBeGreaterThan(payment.amount.amount);
    expect(placed.paymentMatchesOrder).toBe(false);
    expect(placed.orderTotal?.amount).toBe(order?.totals.priceToPay ?? order?.totals.grandTotal);
    expect((await attentionOf(stack, payment.id))?.reason).toBe('ORDER_TOTAL_MISMATCH');
  });
});
