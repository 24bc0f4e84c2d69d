import DataLoader from 'dataloader';
import type { Caller } from '../../domain/identity.ts';
import type { GluePort, OrderPageRequest } from '../../domain/ports/glue-port.ts';
import type { CartReader, GlueClient } from './glue-client.ts';

/**
 * One GraphQL request's view of Glue: each read happens at most once per request (a DataLoader per
 * read, created with the request and dropped with it), writes pass straight through. Failures are
 * not remembered, so a later read in the same request tries again.
 */

type Outcome<M extends keyof GluePort> = Awaited<ReturnType<GluePort[M]>>;

interface Keyed<T> {
  readonly caller: Caller;
  readonly value: T;
}

/** Who is asking, as a cache key. Kept in memory for one request only, never logged. */
function whoKey(caller: Caller): string {
  const identity = caller.identity;
  const who = identity.kind === 'customer' ? `c:${identity.accessToken}` : `g:${identity.anonymousId}`;
  return `${who}\u0000${caller.acceptLanguage ?? ''}`;
}

/**
 * Glue has no batch reads, so each key is its own call; `batch: false` dispatches at once instead
 * of waiting a tick. The loader still de-duplicates and caches per key.
 */
function loader<T, R extends { ok: boolean }>(
  read: (caller: Caller, value: T) => Promise<R>,
  key: (value: T) => string,
) {
  const cacheKey = (keyed: Keyed<T>) => `${whoKey(keyed.caller)}\u0000${key(keyed.value)}`;
  const instance = new DataLoader<Keyed<T>, R, string>(
    async (keys) =>
      Promise.all(
        keys.map(async (keyed) => {
          const result = await read(keyed.caller, keyed.value);
          if (!result.ok) instance.clear(keyed);
          return result;
        }),
      ),
    { batch: false, cacheKeyFn: cacheKey },
  );
  return instance;
}

export function createRequestGlue(client: GlueClient): GluePort {
  const carts = loader<string, Outcome<'cart'>>(
    (caller, cartId) => client.cart(caller, cartId),
    (cartId) => cartId,
  );
  const customerReferences = loader<null, Outcome<'customerReference'>>(
    (caller) => client.customerReference(caller),
    () => '',
  );
  const orderLists = loader<OrderPageRequest, Outcome<'listOrders'>>(
    (caller, page) => client.listOrders(caller, page),
    (page) => `${page.offset}:${page.limit}`,
  );
  const orders = loader<string, Outcome<'order'>>(
    (caller, reference) => client.order(caller, reference),
    (reference) => reference,
  );

  const readCart: CartReader = (caller, cartId) => carts.load({ caller, value: cartId });

  /** After a /checkout the cart may be gone and an order may exist: nothing read before holds. */
  const forgetCheckoutState = () => {
    carts.clearAll();
    orderLists.clearAll();
    orders.clearAll();
  };

  return {
    checkoutData: (caller, request) => client.checkoutData(caller, request, readCart),
    cart(caller, cartId, options) {
      const key = { caller, value: cartId };
      if (options?.fresh) carts.clear(key);
      return carts.load(key);
    },
    customerReference: (caller) => customerReferences.load({ caller, value: null }),
    createPayment: (caller, request) => client.createPayment(caller, request),
    cancelPayment: (caller, request) => client.cancelPayment(caller, request),
    async checkout(caller, request) {
      try {
        return await client.checkout(caller, request, readCart);
      } finally {
        forgetCheckoutState();
      }
    },
    listOrders: (caller, page) => orderLists.load({ caller, value: page }),
    order: (caller, orderReference) => orders.load({ caller, value: orderReference }),
  };
}
