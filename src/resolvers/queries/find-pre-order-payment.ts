import type { GatewayError } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import { resolveOwner } from '../caller/resolve-owner.ts';
import { reconcile } from '../order-outcome/reconcile.ts';
import { loadOwnedPayment } from '../payment-record/load-owned-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/** preOrderPayment(id): the caller's pre-order payment, or null for unknown and foreign ids alike. */
export async function findPreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  id: string,
): Promise<Result<PreOrderPaymentRecord | null, GatewayError>> {
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  const loaded = await loadOwnedPayment(deps, owner.value, id);
  if (!loaded.ok) return loaded.error.code === 'PRE_ORDER_PAYMENT_NOT_FOUND' ? ok(null) : loaded;
  return ok(await reconcile(deps, { caller, record: loaded.value, force: false }));
}
