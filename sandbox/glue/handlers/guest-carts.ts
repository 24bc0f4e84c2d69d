import type { CartOwner } from '../../types.ts';
import { type CartRendering, cartCollectionDocument, cartDocument } from '../resources/cart-resource.ts';
import { E, failOne, ok } from '../results.ts';
import type { GlueRequest, GlueRoute } from '../route.ts';
import { CART_ITEMS } from '../schemas.ts';
import { addRequestedItem } from './cart-items.ts';

/** Guest routes are flagged `guest`, so the pipeline already answered 400/109 without the header. */
function guestOwner(request: GlueRequest): CartOwner {
  return { kind: 'guest', anonymousId: request.anonymousId };
}

const INCLUDE = 'guest-cart-items';

/** Cart documents link under the request's base URL and include the items when `?include=guest-cart-items` asks. */
function rendering(request: GlueRequest): CartRendering {
  return { baseUrl: request.baseUrl, includeItems: request.includes.has(INCLUDE) };
}

/** Guest carts (CartsRestApi guest resources), keyed by X-Anonymous-Customer-Unique-Id. */
export const guestCartRoutes: GlueRoute[] = [
  {
    // Not in the generated spec, but Glue serves it: it creates the guest cart on first use.
    method: 'POST',
    template: '/guest-cart-items',
    resourceType: 'guest-cart-items',
    protected: false,
    guest: true,
    schema: CART_ITEMS,
    handle(request, state) {
      const owner = guestOwner(request);
      const existing = state.cartsOf(owner)[0];
      const cart = existing ?? state.createCart(owner);
      const refusal = addRequestedItem(state, cart, request.attributes);
      if (refusal) {
        // A refused first item must not leave an empty guest cart behind.
        if (!existing) state.carts.delete(cart.id);
        return failOne(refusal);
      }
      return ok(201, cartDocument(cart, state, rendering(request)));
    },
  },
  {
    method: 'GET',
    template: '/guest-carts',
    resourceType: 'guest-carts',
    protected: false,
    guest: true,
    handle(request, state) {
      const carts = state.cartsOf(guestOwner(request));
      return ok(200, cartCollectionDocument(carts, state, { ...rendering(request), selfPath: '/guest-carts' }));
    },
  },
  {
    method: 'GET',
    template: '/guest-carts/{id}',
    resourceType: 'guest-carts',
    protected: false,
    guest: true,
    handle(request, state) {
      const cart = state.ownedCart(request.params.id ?? '', guestOwner(request));
      if (!cart) return failOne(E.cartNotFound);
      return ok(200, cartDocument(cart, state, rendering(request)));
    },
  },
  {
    method: 'POST',
    template: '/guest-carts/{id}/guest-cart-items',
    resourceType: 'guest-cart-items',
    protected: false,
    guest: true,
    schema: CART_ITEMS,
    handle(request, state) {
      const cart = state.ownedCart(request.params.id ?? '', guestOwner(request));
      if (!cart) return failOne(E.cartNotFound);
      const refusal = addRequestedItem(state, cart, request.attributes);
      if (refusal) return failOne(refusal);
      return ok(201, cartDocument(cart, state, rendering(request)));
    },
  },
];
