import type { CartOwner } from '../../types.ts';
import { type CartRendering, cartCollectionDocument, cartDocument } from '../resources/cart-resource.ts';
import { E, failOne, ok } from '../results.ts';
import type { GlueRequest, GlueRoute } from '../route.ts';
import { CART_ITEMS, CARTS } from '../schemas.ts';
import { addRequestedItem } from './cart-items.ts';

/** Protected routes have already refused callers without a customer token. */
function customerOwner(request: GlueRequest): CartOwner {
  if (request.identity.kind !== 'customer') throw new Error('customer route reached without a customer');
  return { kind: 'customer', customerReference: request.identity.customer.customerReference };
}

/** Cart documents link under the request's base URL and include the items when `?include=items` asks. */
function rendering(request: GlueRequest): CartRendering {
  return { baseUrl: request.baseUrl, includeItems: request.includes.has('items') };
}

/** Carts of registered customers (CartsRestApi): another customer's cart is "not found". */
export const cartRoutes: GlueRoute[] = [
  {
    method: 'GET',
    template: '/carts',
    resourceType: 'carts',
    protected: true,
    handle(request, state) {
      const carts = state.cartsOf(customerOwner(request));
      return ok(200, cartCollectionDocument(carts, state, { ...rendering(request), selfPath: '/carts' }));
    },
  },
  {
    method: 'POST',
    template: '/carts',
    resourceType: 'carts',
    protected: true,
    schema: CARTS,
    handle(request, state) {
      const name = typeof request.attributes.name === 'string' ? request.attributes.name : 'Shopping cart';
      const cart = state.createCart(customerOwner(request), name);
      return ok(201, cartDocument(cart, state, rendering(request)));
    },
  },
  {
    method: 'GET',
    template: '/carts/{id}',
    resourceType: 'carts',
    protected: true,
    handle(request, state) {
      const cart = state.ownedCart(request.params.id ?? '', customerOwner(request));
      if (!cart) return failOne(E.cartNotFound);
      return ok(200, cartDocument(cart, state, rendering(request)));
    },
  },
  {
    method: 'POST',
    template: '/carts/{id}/items',
    resourceType: 'items',
    protected: true,
    schema: CART_ITEMS,
    handle(request, state) {
      const cart = state.ownedCart(request.params.id ?? '', customerOwner(request));
      if (!cart) return failOne(E.cartNotFound);
      const refusal = addRequestedItem(state, cart, request.attributes);
      if (refusal) return failOne(refusal);
      return ok(201, cartDocument(cart, state, rendering(request)));
    },
  },
];
