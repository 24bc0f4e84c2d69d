import type { Caller, GatewayCaller } from '../../domain/identity.ts';
import type { Logger } from '../../domain/logger.ts';
import type { CartReadFailure, CartSnapshot, GluePort } from '../../domain/ports/glue-port.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import {
  cancelPaymentOutcome,
  cartReadFailure,
  checkoutOutcome,
  checkoutOutcomeOfCartRead,
  createPaymentOutcome,
  lookupFailure,
  malformedAnswer,
  orderLookupFailure,
} from './answer-mapping.ts';
import type { GlueAnswer, GlueRequest } from './exchange.ts';
import type { GlueHttp } from './http.ts';
import { envelope } from './jsonapi.ts';
import type { StrategyOptions } from './payment-strategy.ts';
import { cartSnapshot, checkoutDataSnapshot, customerReferenceOf, orderPage, orderSummaries } from './read-models.ts';
import {
  cancelPaymentAttributes,
  checkoutAttributes,
  checkoutDataAttributes,
  createPaymentAttributes,
  needsAllItems,
} from './request-bodies.ts';

/** Reads a cart; the per-request wrapper passes its cached reader so one GraphQL request reads a cart once. */
export type CartReader = (caller: Caller, cartId: string) => Promise<Result<CartSnapshot, CartReadFailure>>;

/** The port, plus the cart reader that `/checkout-data` and `/checkout` use for "all items" shipments. */
export interface GlueClient extends GluePort {
  checkoutData(
    caller: Caller,
    request: Parameters<GluePort['checkoutData']>[1],
    readCart?: CartReader,
  ): ReturnType<GluePort['checkoutData']>;
  checkout(
    caller: Caller,
    request: Parameters<GluePort['checkout']>[1],
    readCart?: CartReader,
  ): ReturnType<GluePort['checkout']>;
}

export interface GlueClientOptions {
  readonly http: GlueHttp;
  readonly strategy?: StrategyOptions;
  readonly logger?: Logger;
}

const isGuest = (caller: Caller): boolean => caller.identity.kind === 'guest';
const is2xx = (answer: GlueAnswer): answer is Extract<GlueAnswer, { kind: 'response' }> =>
  answer.kind === 'response' && answer.status >= 200 && answer.status < 300;

/** Spryker Glue behind the GluePort; every Glue answer is mapped in `answer-mapping.ts`. */
export function createGlueClient(options: GlueClientOptions): GlueClient {
  const { http, logger } = options;

  const get = (caller: Caller, path: string) => http.send({ method: 'GET', path, caller });
  const post = (caller: Caller | GatewayCaller, path: string, document: ReturnType<typeof envelope>) =>
    http.send({ method: 'POST', path, caller, body: document });

  /** A 2xx without what the read needs: logged (no body, it may hold personal data) and treated as an outage. */
  const malformed = (request: Pick<GlueRequest, 'caller' | 'path'>, answer: GlueAnswer) => {
    logger?.warn(
      { requestId: request.caller.requestId, path: request.path.split('?')[0] },
      'glue answer lacks the expected fields',
    );
    return malformedAnswer(answer);
  };

  const cart: CartReader = async (caller, cartId) => {
    const guest = isGuest(caller);
    const path = guest
      ? `/guest-carts/${encodeURIComponent(cartId)}?include=guest-cart-items`
      : `/carts/${encodeURIComponent(cartId)}?include=items`;
    const answer = await get(caller, path);
    if (!is2xx(answer)) return err(cartReadFailure(answer));
    const snapshot = cartSnapshot(answer.body, cartId, guest ? 'guest-cart-items' : 'items');
    return snapshot ? ok(snapshot) : err(malformed({ caller, path }, answer));
  };

  /** Group keys of every cart item, read only when a shipment ships "all items". */
  const allItemGroupKeys = async (
    caller: Caller,
    request: { readonly cartId: string; readonly shipments?: Parameters<typeof needsAllItems>[0] },
    readCart: CartReader,
  ) => {
    if (!needsAllItems(request.shipments)) return ok<string[]>([]);
    const read = await readCart(caller, request.cartId);
    return read.ok ? ok(read.value.items.map((item) => item.groupKey)) : read;
  };

  return {
    async checkoutData(caller, request, readCart = cart) {
      const keys = await allItemGroupKeys(caller, request, readCart);
      if (!keys.ok) return keys;
      const path = `/checkout-data?include=${isGuest(caller) ? 'guest-carts' : 'carts'},payment-methods`;
      const answer = await post(caller, path, envelope('checkout-data', checkoutDataAttributes(request, keys.value)));
      if (!is2xx(answer)) return err(cartReadFailure(answer));
      const snapshot = checkoutDataSnapshot(answer.body, request.shipments ?? [], options.strategy);
      return snapshot ? ok(snapshot) : err(malformed({ caller, path }, answer));
    },

    // The client has no cache: `fresh` matters only to the per-request wrapper (loaders.ts).
    cart: (caller, cartId) => cart(caller, cartId),

    async customerReference(caller) {
      const answer = await get(caller, '/customers');
      if (!is2xx(answer)) return err(lookupFailure(answer));
      const reference = customerReferenceOf(answer.body);
      return reference ? ok(reference) : err(malformed({ caller, path: '/customers' }, answer));
    },

    async createPayment(caller, request) {
      return createPaymentOutcome(
        await post(caller, '/payments', envelope('payments', createPaymentAttributes(request))),
      );
    },

    async cancelPayment(caller, request) {
      return cancelPaymentOutcome(
        await post(
          caller,
          '/payment-cancellations',
          envelope('payment-cancellations', cancelPaymentAttributes(request)),
        ),
      );
    },

    async checkout(caller, request, readCart = cart) {
      const keys = await allItemGroupKeys(caller, request, readCart);
      if (!keys.ok) return checkoutOutcomeOfCartRead(keys.error);
      // The included order carries its totals: the use case compares them with the payment.
      const answer = await post(
        caller,
        '/checkout?include=orders',
        envelope('checkout', checkoutAttributes(request, keys.value)),
      );
      return checkoutOutcome(answer, { expressCheckout: request.expressCheckout });
    },

    async listOrders(caller, page) {
      const answer = await get(caller, `/orders?page[offset]=${page.offset}&page[limit]=${page.limit}`);
      if (!is2xx(answer)) return err(lookupFailure(answer));
      return ok(orderPage(answer.body, page.limit));
    },

    async order(caller, orderReference) {
      const path = `/orders/${encodeURIComponent(orderReference)}`;
      const answer = await get(caller, path);
      if (!is2xx(answer)) return err(orderLookupFailure(answer));
      const order = orderSummaries(answer.body)[0];
      return order ? ok(order) : err(malformed({ caller, path }, answer));
    },
  };
}
