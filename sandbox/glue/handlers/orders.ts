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
      // Glue's offset pagination (`page[offset]`, `page[limit]`): without `page[limit]`, every order.
      const limit = Number(request.query.get('page[limit]') ?? orders.length);
      const offset = Number(request.query.get('page[offset]') ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
        return ok(200, { data: [], links: { self: `${request.baseUrl}/orders` } });
      }
      const page = orders.slice(offset, offset + limit);
      const pageLink = (at: number) => `${request.baseUrl}/orders?page[offset]=${at}&page[limit]=${limit}`;
      return ok(200, {
        data: page.map((order) => orderSummaryResource(order, request.baseUrl)),
        links: {
          self: pageLink(offset),
          ...(offset + limit < orders.length ? { next: pageLink(offset + limit) } : {}),
        },
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
