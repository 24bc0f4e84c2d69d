import type { GatewayError } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import { parseCartId } from '../../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { isLive } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import { resolveOwner } from '../caller/resolve-owner.ts';
import { reconcile } from '../order-outcome/reconcile.ts';
import { settle } from '../payment-record/settle-stale-work.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/** activePreOrderPayment(cartId): the cart's live pre-order payment, if it is the caller's. */
export async function findActivePreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  rawCartId: string,
): Promise<Result<PreOrderPaymentRecord | null, GatewayError>> {
  const cartId = parseCartId(rawCartId);
  if (!cartId) return ok(null);
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  const current = await deps.store.getCurrentForCart(cartId);
  if (!current.ok) return current;
  const record = current.value;
  if (!record || record.ownerKey !== owner.value.key) return ok(null);
  const settled = await settle(deps, record);
  if (!settled.ok) return settled;
  const fresh = await reconcile(deps, { caller, record: settled.value, force: false });
  return ok(isLive(fresh) ? fresh : null);
}
