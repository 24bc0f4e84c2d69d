import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { Owner } from '../../domain/identity.ts';
import { parsePreOrderPaymentId } from '../../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { settle } from './settle-stale-work.ts';

/**
 * The caller's pre-order payment, with stale work settled. Unknown, malformed and foreign ids
 * all answer not-found, so nobody learns that someone else's payment exists.
 */
export async function loadOwnedPayment(
  deps: UseCaseDeps,
  owner: Owner,
  rawId: string,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  return ownedPayment(deps, owner, await replayedRecord(deps, rawId));
}

/** loadOwnedPayment from a record already read (replayedRecord, e.g. as a mutation's prefetch). */
export async function ownedPayment(
  deps: UseCaseDeps,
  owner: Owner,
  loaded: Result<PreOrderPaymentRecord, GatewayError>,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  if (!loaded.ok) return loaded;
  if (loaded.value.ownerKey !== owner.key) return err(Errors.notFound());
  return settle(deps, loaded.value);
}

/** The current state of a payment an idempotency record points at (the scope already fixed the owner). */
export async function replayedRecord(
  deps: UseCaseDeps,
  rawId: string,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  const id = parsePreOrderPaymentId(rawId);
  if (!id) return err(Errors.notFound());
  const loaded = await deps.store.get(id);
  if (!loaded.ok) return loaded;
  return loaded.value ? ok(loaded.value) : err(Errors.notFound());
}
