import { computeTotals, priceLines, shipmentExpenses } from '../../domain/money.ts';
import { saveOrder } from '../../domain/orders.ts';
import { authorize, confirmPayment } from '../../domain/psp.ts';
import type { SandboxState } from '../../state.ts';
import type { Cart, Order } from '../../types.ts';
import { countryExists } from '../countries.ts';
import { orderDetailsResource } from '../resources/order-resource.ts';
import { fail, failOne, type GlueErrorItem, type GlueResult, ok, orderNotPlaced } from '../results.ts';
import type { GlueRequest, GlueRoute } from '../route.ts';
import { CHECKOUT } from '../schemas.ts';
import { isRecord } from '../validation.ts';
import { checkoutRequestErrors } from './checkout-rules.ts';
import {
  checkoutCart,
  findPaymentMethod,
  findShipmentMethod,
  isExpressCheckout,
  requestedShipments,
} from './checkout-shared.ts';

/** The B2C demo shop's order threshold (Robot: "The cart value cannot be higher than €10,000.00 ..."). */
const MAX_ORDER_VALUE = 1_000_000;

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** Zed's checkout pre-conditions, each refusal a 1102 whose detail is the checkout error message. */
function preconditionErrors(state: SandboxState, request: GlueRequest, cart: Cart): GlueErrorItem[] {
  const errors: GlueErrorItem[] = [];
  const billingCountry = String(record(request.attributes.billingAddress).iso2Code ?? '');
  if (!countryExists(billingCountry))
    errors.push(orderNotPlaced(`Billing address country not found for country code: ${billingCountry}`));
  const shipments = requestedShipments(request.attributes);
  for (const shipment of shipments) {
    const code = String(shipment.shippingAddress?.iso2Code ?? '');
    if (!countryExists(code))
      errors.push(orderNotPlaced(`Shipping address country not found for country code: ${code}`));
  }
  if (shipments.some((shipment) => !findShipmentMethod(state, shipment.idShipmentMethod)))
    errors.push(orderNotPlaced('Shipment method not found.'));
  const payments = Array.isArray(request.attributes.payments) ? (request.attributes.payments as unknown[]) : [];
  if (!findPaymentMethod(state, payments[0])) errors.push(orderNotPlaced('Checkout payment is not valid'));
  const methods = shipments
    .map((shipment) => findShipmentMethod(state, shipment.idShipmentMethod))
    .filter((method) => method !== undefined);
  if (computeTotals(priceLines(cart, state.products), shipmentExpenses(methods)).grandTotal > MAX_ORDER_VALUE) {
    errors.push(
      orderNotPlaced(
        'The cart value cannot be higher than €10,000.00. Please remove some items to proceed with the order',
      ),
    );
  }
  return errors;
}

function checkoutResponse(request: GlueRequest, order: Order): GlueResult {
  const data: Record<string, unknown> = {
    type: 'checkout',
    id: null,
    attributes: { orderReference: order.orderReference, redirectUrl: null, isExternalRedirect: null },
    links: { self: `${request.baseUrl}/checkout` },
  };
  if (!request.includes.has('orders')) return ok(201, { data }, order.orderReference);
  data.relationships = { orders: { data: [{ type: 'orders', id: order.orderReference }] } };
  return ok(201, { data, included: [orderDetailsResource(order, request.baseUrl)] }, order.orderReference);
}

/**
 * `POST /checkout` (placeOrder). The order is saved before the post-save hooks: an express-checkout
 * method then confirms its pre-order payment, and a failed confirmation answers 1102 naming the
 * saved order while the cart is kept. Other app methods get no confirmation (docs/glue-backend.md §4).
 */
export const checkoutRoute: GlueRoute = {
  method: 'POST',
  template: '/checkout',
  resourceType: 'checkout',
  protected: false,
  schema: CHECKOUT,
  handle(request, state) {
    const requestErrors = checkoutRequestErrors(request);
    if (requestErrors.length > 0) return fail(requestErrors);
    const found = checkoutCart(state, request);
    if (!found.ok) return failOne(found.error);
    const preconditions = preconditionErrors(state, request, found.cart);
    if (preconditions.length > 0) return fail(preconditions);

    const payments = request.attributes.payments as unknown[];
    const paymentMethod = findPaymentMethod(state, payments[0]);
    if (!paymentMethod) return fail([orderNotPlaced('Checkout payment is not valid')]);
    const shipments = requestedShipments(request.attributes);
    const preOrderPaymentData = record(request.attributes.preOrderPaymentData);
    const order = saveOrder(state, {
      cart: found.cart,
      customer: request.identity.kind === 'customer' ? request.identity.customer : null,
      requestCustomer: record(request.attributes.customer),
      billingAddress: record(request.attributes.billingAddress),
      shippingAddress: shipments[0]?.shippingAddress ?? null,
      paymentMethod,
      shipmentMethods: shipments
        .map((shipment) => findShipmentMethod(state, shipment.idShipmentMethod))
        .filter((method) => method !== undefined),
      preOrderPaymentData,
    });

    const transactionId = String(preOrderPaymentData.transactionId ?? '');
    if (isExpressCheckout(paymentMethod) && Object.keys(preOrderPaymentData).length > 0) {
      const confirmation = confirmPayment(state, transactionId, order.orderReference);
      if (!confirmation.ok) {
        const detail = `Failed to confirm pre-order payment for order ${order.orderReference}. Response: ${confirmation.error}`;
        return fail([orderNotPlaced(detail)], order.orderReference);
      }
    } else {
      // Non-express app payments are authorized by the PSP itself (browser + webhooks).
      const transaction = state.transactions.get(transactionId);
      if (transaction && transaction.status === 'new') authorize(transaction, order.orderReference);
    }
    if (!request.keepCart) state.carts.delete(found.cart.id);
    return checkoutResponse(request, order);
  },
};
