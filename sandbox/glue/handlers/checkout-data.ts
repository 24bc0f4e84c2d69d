import { shipmentExpenses } from '../../domain/money.ts';
import { cartDocumentParts, cartKindOf, type Resource } from '../resources/cart-resource.ts';
import {
  paymentMethodResource,
  paymentProviders,
  selectedPaymentMethod,
  shipmentMethodAttributes,
  shipmentMethodResource,
  shipmentResources,
} from '../resources/checkout-resources.ts';
import { failOne, ok } from '../results.ts';
import type { GlueRoute } from '../route.ts';
import { CHECKOUT_DATA } from '../schemas.ts';
import { checkoutCart, findPaymentMethod, knownShipmentMethods, requestedShipments } from './checkout-shared.ts';

/**
 * `POST /checkout-data` (answers 200). Zed recalculates a copy of the quote with the requested
 * shipments, so the included cart's totals contain shipping here and nowhere else before the order.
 */
export const checkoutDataRoute: GlueRoute = {
  method: 'POST',
  template: '/checkout-data',
  resourceType: 'checkout-data',
  protected: false,
  schema: CHECKOUT_DATA,
  handle(request, state) {
    const found = checkoutCart(state, request);
    if (!found.ok) return failOne(found.error);
    const cart = found.cart;
    const shipments = requestedShipments(request.attributes);
    const selectedMethods = knownShipmentMethods(state, shipments);
    const payments = Array.isArray(request.attributes.payments) ? (request.attributes.payments as unknown[]) : [];
    const selectedPayments = payments
      .map((entry) => findPaymentMethod(state, entry))
      .filter((method) => method !== undefined);

    const relationships: Record<string, { data: { type: string; id: string }[] }> = {};
    const included: Resource[] = [];
    const relate = (name: string, resources: Resource[]): void => {
      if (resources.length === 0) return;
      relationships[name] = { data: resources.map((resource) => ({ type: resource.type, id: resource.id ?? '' })) };
      for (const resource of resources) {
        if (!included.some((known) => known.type === resource.type && known.id === resource.id))
          included.push(resource);
      }
    };

    const kind = cartKindOf(cart);
    // `carts` only ever includes a customer's cart, `guest-carts` a guest's (two relationship plugins).
    if (request.includes.has(kind.type)) {
      const parts = cartDocumentParts(cart, state, {
        baseUrl: request.baseUrl,
        includeItems: request.includes.has(kind.itemType),
        expenses: shipmentExpenses(selectedMethods),
      });
      relate(kind.type, [parts.resource]);
      included.push(...parts.included);
    }
    if (request.includes.has('payment-methods'))
      relate(
        'payment-methods',
        state.paymentMethods.map((method) => paymentMethodResource(method, request.baseUrl)),
      );
    const multiShipment =
      Array.isArray(request.attributes.shipments) && (request.attributes.shipments as unknown[]).length > 0;
    if (request.includes.has('shipments') && multiShipment) {
      const resources = shipmentResources(state, shipments, request.baseUrl);
      relate('shipments', resources.shipments);
      if (request.includes.has('shipment-methods'))
        included.push(
          ...resources.methods.filter((m) => !included.some((known) => known.type === m.type && known.id === m.id)),
        );
    } else if (request.includes.has('shipment-methods')) {
      relate(
        'shipment-methods',
        [...state.shipmentMethods.values()].map((method) => shipmentMethodResource(method, request.baseUrl)),
      );
    }

    const data: Record<string, unknown> = {
      type: 'checkout-data',
      id: null,
      attributes: {
        addresses: [],
        paymentProviders: paymentProviders(state.paymentMethods),
        shipmentMethods: [...state.shipmentMethods.values()].map((method) => ({
          id: method.id,
          ...shipmentMethodAttributes(method),
        })),
        selectedShipmentMethods: selectedMethods.map((method) => ({
          id: method.id,
          ...shipmentMethodAttributes(method),
        })),
        selectedPaymentMethods: selectedPayments.map(selectedPaymentMethod),
      },
      links: { self: `${request.baseUrl}/checkout-data` },
    };
    if (Object.keys(relationships).length > 0) data.relationships = relationships;
    return ok(200, included.length > 0 ? { data, included } : { data });
  },
};
