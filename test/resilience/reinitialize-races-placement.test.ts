import { describe, expect, it } from 'vitest';
import { address, anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type GatewayProcess, sleep, timed, useCluster } from '../support/processes.ts';

/**
 * Issue 8 finding 1 (docs/initialize.md item 4c): a re-initialization with a dearer shipment racing
 * placeOrder on another process. The sandbox's Stripe updates a PaymentIntent's amount in place, so
 * a re-initialization that reached the provider but not the record would leave the provider at
 * another amount than the order.
 */

const ROUNDS = 50;
const STANDARD = { shipmentMethodId: 1, shippingAddress: address() };
const EXPRESS = { shipmentMethodId: 2, shippingAddress: address() };

const cluster = useCluster({ gateways: 2 });

describe('re-initialization racing placeOrder on two processes', () => {
  it(`leaves, in each of ${ROUNDS} rounds, the provider's amount equal to the order's total, or no order`, async () => {
    cluster.printLogsOnFailure();
    const [placing, reinitializing] = cluster.gateways as [GatewayProcess, GatewayProcess];
    const outcomes: Record<string, number> = {};
    const mismatches: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const anon = anonymousId();
      const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
      const init = (
        await placing
          .guestSdk(anon)
          .InitializePreOrderPayment({ input: initializeInput(cartId, { shipments: [STANDARD] }) })
      ).initializePreOrderPayment;
      if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(JSON.stringify(init));
      const payment = init.preOrderPayment;
      // Glue takes its time with both writes, so each side's write overlaps the other's work.
      await cluster.control.fault({
        endpoint: 'POST /checkout',
        mode: 'delay',
        delayMs: 50,
        delayMaxMs: 300,
        count: 1,
      });
      await cluster.control.fault({
        endpoint: 'POST /payments',
        mode: 'delay',
        delayMs: 50,
        delayMaxMs: 300,
        count: 1,
      });
      const head = round % 3;
      const [placed, again] = await Promise.all([
        sleep(head === 0 ? 20 : 0).then(() =>
          timed('placing', () => placing.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })),
        ),
        sleep(head === 1 ? 20 : 0).then(() =>
          timed('reinitializing', () =>
            reinitializing
              .guestSdk(anon)
              .InitializePreOrderPayment({ input: initializeInput(cartId, { shipments: [EXPRESS] }) }),
          ),
        ),
      ]);
      await cluster.control.clearFaults();
      const key = `${placed.result?.placeOrder.__typename ?? placed.failure} + ${
        again.result?.initializePreOrderPayment.__typename ?? again.failure
      }`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;

      const order = (await cluster.control.orders()).find((candidate) => candidate.cartId === cartId);
      if (!order) continue;
      const transactions = await cluster.control.transactions();
      const charged = transactions.find((transaction) => transaction.orderReference === order.orderReference);
      const orderTotal = order.totals.priceToPay ?? order.totals.grandTotal;
      if (charged?.amount !== orderTotal) {
        mismatches.push(
          `round ${round}: order ${order.orderReference} total ${orderTotal}, provider amount ${charged?.amount} (${key})`,
        );
      }
    }
    console.log(`outcomes over ${ROUNDS} rounds: ${JSON.stringify(outcomes)}`);
    expect(mismatches).toEqual([]);
  });
});
