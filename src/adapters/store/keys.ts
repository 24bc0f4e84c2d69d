import { type CartId, type CartTag, cartTag, type PreOrderPaymentId, tagOfPaymentId } from '../../domain/ids.ts';

/**
 * The session store's key layout (docs/redis-keys.md). Every key of one cart carries the hash tag
 * `{<cartTag>}`, so each atomic script touches a single Redis Cluster slot:
 *
 *   <prefix>hpg:{<tag>}:pop:<id>     the pre-order payment record (JSON)
 *   <prefix>hpg:{<tag>}:cart         the cart index: the id of the cart's current payment
 *   <prefix>hpg:{<tag>}:initlock     the cart's initialization lock (a random token)
 *   <prefix>hpg:owner:<tokenHash>    customerReference cached for an access-token hash
 *
 * The memory store uses the same names, so both stores share one notion of "a key".
 */
export interface StoreKeys {
  record(id: PreOrderPaymentId): string;
  cartIndex(cartId: CartId): string;
  cartLock(cartId: CartId): string;
  owner(tokenHash: string): string;
}

export function storeKeys(prefix = ''): StoreKeys {
  // A brace in the prefix would become the hash tag and put all carts into one slot.
  if (/[{}]/.test(prefix)) throw new RangeError('session store keyPrefix must not contain "{" or "}"');
  const base = (tag: CartTag) => `${prefix}hpg:{${tag}}`;
  return {
    record: (id) => `${base(tagOfPaymentId(id))}:pop:${id}`,
    cartIndex: (cartId) => `${base(cartTag(cartId))}:cart`,
    cartLock: (cartId) => `${base(cartTag(cartId))}:initlock`,
    owner: (tokenHash) => `${prefix}hpg:owner:${tokenHash}`,
  };
}
