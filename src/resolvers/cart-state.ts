import type { CheckoutInputs } from '../domain/checkout-inputs.ts';
import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import { cartFingerprint } from '../domain/fingerprint.ts';
import type { Caller } from '../domain/identity.ts';
import type { CartSnapshot, CheckoutDataSnapshot } from '../domain/ports/glue-port.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';
import type { UseCaseDeps } from './deps.ts';
import { cartReadFailureToError } from './glue-failures.ts';

export interface CartState {
  readonly checkoutData: CheckoutDataSnapshot;
  readonly cart: CartSnapshot;
  readonly fingerprint: string;
}

/**
 * What the cart costs with these addresses and shipments, as Glue computes it with the caller's
 * credentials (CONTRACT.md §3): one `/checkout-data` for totals and methods, plus the cart's items.
 */
export async function readCartState(
  deps: UseCaseDeps,
  caller: Caller,
  cartId: string,
  inputs: CheckoutInputs,
  options: { fresh: boolean },
): Promise<Result<CartState, GatewayError>> {
  const [checkoutData, cart] = await Promise.all([
    deps.glue.checkoutData(caller, { cartId, ...inputs }),
    deps.glue.cart(caller, cartId, { fresh: options.fresh }),
  ]);
  if (!checkoutData.ok) return err(cartReadFailureToError(checkoutData.error, cartId));
  if (!cart.ok) return err(cartReadFailureToError(cart.error, cartId));
  if (cart.value.items.length === 0) return err(Errors.cartEmpty(cartId));
  return ok({
    checkoutData: checkoutData.value,
    cart: cart.value,
    fingerprint: cartFingerprint(checkoutData.value.amount, cart.value.items),
  });
}
