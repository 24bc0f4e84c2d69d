import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import { cartReadFailureToError } from '../../domain/glue-outcomes.ts';
import type { Caller } from '../../domain/identity.ts';
import { parseCartId } from '../../domain/ids.ts';
import type { PaymentMethodInfo } from '../../domain/ports/glue-port.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export interface PaymentMethodList {
  readonly cartId: string;
  readonly methods: readonly PaymentMethodInfo[];
}

/** paymentMethods(cartId): what Glue offers for the cart (`POST /checkout-data?include=payment-methods`). */
export async function listPaymentMethods(
  deps: UseCaseDeps,
  caller: Caller,
  rawCartId: string,
): Promise<Result<PaymentMethodList, GatewayError>> {
  const cartId = parseCartId(rawCartId);
  if (!cartId) return err(Errors.cartNotFound(rawCartId));
  const data = await deps.glue.checkoutData(caller, { cartId });
  if (!data.ok) {
    const error = cartReadFailureToError(data.error, cartId);
    // The result union offers only these; an empty cart still has a method list in Glue's eyes.
    if (
      error.code === 'CART_NOT_FOUND' ||
      error.code === 'AUTHENTICATION_FAILED' ||
      error.code === 'UPSTREAM_UNAVAILABLE'
    )
      return err(error);
    if (error.code === 'CART_EMPTY') return ok({ cartId, methods: [] });
    return err(Errors.upstreamUnavailable({ detail: 'the commerce backend refused the request' }));
  }
  return ok({ cartId, methods: data.value.paymentMethods });
}
