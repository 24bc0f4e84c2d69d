import type { GatewayError } from '../../domain/errors.ts';
import { glueFailureToError } from '../../domain/glue-outcomes.ts';
import type { Caller, Owner } from '../../domain/identity.ts';
import { customerOwnerKey, guestOwnerKey, tokenHash, tokenLifetimeSeconds } from '../../domain/owner-key.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/** Cache lifetime for tokens whose expiry cannot be read. */
const UNKNOWN_TOKEN_LIFETIME_SECONDS = 300;

/**
 * The owner key of a caller (docs/identity-and-ownership.md): guests by their anonymous id,
 * customers by the customerReference Glue reports for the token, cached so token refreshes keep
 * the same owner.
 */
export async function resolveOwner(deps: UseCaseDeps, caller: Caller): Promise<Result<Owner, GatewayError>> {
  const { identity } = caller;
  if (identity.kind === 'guest') {
    return ok({
      key: guestOwnerKey(deps.settings.ownerKeySecret, identity.anonymousId),
      kind: 'guest',
      customerReference: null,
    });
  }
  const hash = tokenHash(identity.accessToken);
  const cached = await deps.store.getCachedCustomerReference(hash);
  if (!cached.ok) return cached;
  let reference = cached.value;
  if (reference === null) {
    const fetched = await deps.glue.customerReference(caller);
    if (!fetched.ok) return err(glueFailureToError(fetched.error));
    reference = fetched.value;
    const ttl = tokenLifetimeSeconds(identity.accessToken, deps.clock.now(), UNKNOWN_TOKEN_LIFETIME_SECONDS);
    if (ttl > 0) {
      const stored = await deps.store.cacheCustomerReference(hash, fetched.value, ttl);
      if (!stored.ok) return stored;
    }
  }
  return ok({
    key: customerOwnerKey(deps.settings.ownerKeySecret, reference),
    kind: 'customer',
    customerReference: reference,
  });
}
