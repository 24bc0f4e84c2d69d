import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import type { Caller } from '../domain/identity.ts';
import { parseCartId } from '../domain/ids.ts';
import type { PaymentMethodInfo } from '../domain/ports/glue-port.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import { isLive } from '../domain/pre-order-payment.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';
import type { UseCaseDeps } from './deps.ts';
import { cartReadFailureToError } from './glue-failures.ts';
import { resolveOwner } from './owner.ts';
import { loadOwnedPayment, settle } from './payment-access.ts';
import { reconcile } from './reconcile.ts';
import { guardStore } from './store-guard.ts';

/** The caller's pre-order payment, or null for unknown and foreign ids alike. */
export async function findPreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  id: string,
): Promise<Result<PreOrderPaymentRecord | null, GatewayError>> {
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  const loaded = await loadOwnedPayment(deps, owner.value, id);
  if (!loaded.ok) return loaded.error.code === 'PRE_ORDER_PAYMENT_NOT_FOUND' ? ok(null) : loaded;
  return ok(await reconcile(deps, caller, loaded.value, { force: false }));
}

/** The cart's live pre-order payment, if it is the caller's. */
export async function findActivePreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  rawCartId: string,
): Promise<Result<PreOrderPaymentRecord | null, GatewayError>> {
  const cartId = parseCartId(rawCartId);
  if (!cartId) return ok(null);
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  const current = await guardStore(() => deps.store.getCurrentForCart(cartId));
  if (!current.ok) return current;
  const record = current.value;
  if (!record || record.ownerKey !== owner.value.key) return ok(null);
  const settled = await settle(deps, record);
  if (!settled.ok) return settled;
  const fresh = await reconcile(deps, caller, settled.value, { force: false });
  return ok(isLive(fresh) ? fresh : null);
}

export interface PaymentMethodList {
  readonly cartId: string;
  readonly methods: readonly PaymentMethodInfo[];
}

/** What Glue offers for the cart (`POST /checkout-data?include=payment-methods`). */
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
