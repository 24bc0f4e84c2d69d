import type { CheckoutInputs } from '../../domain/checkout-inputs.ts';
import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import { cartFingerprint } from '../../domain/fingerprint.ts';
import { cartReadFailureToError } from '../../domain/glue-outcomes.ts';
import type { Caller } from '../../domain/identity.ts';
import type { CartSnapshot, CheckoutDataSnapshot } from '../../domain/ports/glue-port.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export interface CartState {
  readonly checkoutData: CheckoutDataSnapshot;
  readonly cart: CartSnapshot;
  readonly fingerprint: string;
}

export interface CartStateQuery {
  readonly caller: Caller;
  readonly cartId: string;
  /** The addresses and shipments the amount is computed for. */
  readonly inputs: CheckoutInputs;
  /** Bypass this request's cached cart read (a re-read before an order). */
  readonly fresh: boolean;
}

/**
 * What the cart costs with these addresses and shipments, as Glue computes it with the caller's
 * credentials (docs/money.md): one `/checkout-data` for totals and methods, plus the cart's items.
 */
export async function readCartState(
  deps: UseCaseDeps,
  query: CartStateQuery,
): Promise<Result<CartState, GatewayError>> {
  const { caller, cartId, inputs } = query;
  // The cart first: a fresh read drops this request's cached one, and /checkout-data, which may
  // need the cart's items too, then shares the read under way instead of sending a second one.
  const cartRead = deps.glue.cart(caller, cartId, { fresh: query.fresh });
  const [checkoutData, cart] = await Promise.all([deps.glue.checkoutData(caller, { cartId, ...inputs }), cartRead]);
  if (!checkoutData.ok) return err(cartReadFailureToError(checkoutData.error, cartId));
  if (!cart.ok) return err(cartReadFailureToError(cart.error, cartId));
  if (cart.value.items.length === 0) return err(Errors.cartEmpty(cartId));
  return ok({
    checkoutData: checkoutData.value,
    cart: cart.value,
    fingerprint: cartFingerprint(checkoutData.value.amount, cart.value.items),
  });
}
