import { orderDetailsResource, orderSummaryResource } from '../resources/order-resource.ts';
import { E, failOne, ok } from '../results.ts';
import type { GlueRoute } from '../route.ts';

/** A customer's orders (OrdersRestApi). Another customer's order is indistinguishable from an unknown one. */
export const orderRoutes: GlueRoute[] = [
  {
    method: 'GET',
    template: '/orders',
    resourceType: 'orders',
    protected: true,
    handle(request, state) {
      if (request.identity.kind !== 'customer') return failOne(E.missingToken);
      const reference = request.identity.customer.customerReference;
      const orders = [...state.orders.values()]
        .filter((order) => order.customerReference === reference)
        // Newest first; the reference number breaks ties within one millisecond.
        .sort(
          (a, b) => b.createdAt - a.createdAt || Number(b.orderReference.slice(4)) - Number(a.orderReference.slice(4)),
        );
      return ok(200, {
        data: orders.map((order) => orderSummaryResource(order, request.baseUrl)),
        links: { self: `${request.baseUrl}/orders` },
      });
    },
  },
  {
    method: 'GET',
    template: '/orders/{ref}',
    resourceType: 'orders',
    protected: true,
    handle(request, state) {
      if (request.identity.kind !== 'customer') return failOne(E.missingToken);
      const order = state.orders.get(request.params.ref ?? '');
      if (!order || order.customerReference !== request.identity.customer.customerReference)
        return failOne(E.orderNotFound);
      return ok(200, { data: orderDetailsResource(order, request.baseUrl) });
    },
  },
];
