import { type CartId, type CartTag, cartTag, type PreOrderPaymentId, tagOfPaymentId } from '../../domain/ids.ts';

/** Shards of the release queue: each its own hash tag, so the queue spreads over a Redis Cluster. */
export const RELEASE_QUEUE_SHARDS = 16;

/**
 * The store's key layout (docs/redis-keys.md). Every key of one cart carries the hash tag
 * `{<cartTag>}`, so each atomic script on a payment touches a single Redis Cluster slot:
 *
 *   <prefix>hpg:{<tag>}:pop:<id>     the pre-order payment record (a hash: doc, v, exp, lease)
 *   <prefix>hpg:{<tag>}:cart         the cart index: the id of the cart's current payment
 *   <prefix>hpg:{<tag>}:initlock     the cart's initialization lock (a random token)
 *   <prefix>hpg:owner:<tokenHash>    customerReference cached for an access-token hash (one key, its own slot)
 *   <prefix>hpg:{rq<n>}:due          release queue shard n (a sorted set: id → due time), n from the cart tag
 *   <prefix>hpg:attention            payments operators must look at (a sorted set: id → listed since; one slot)
 *   <prefix>hpg:updates:<id>         the pub/sub channel of one payment's committed changes (not a key:
 *                                    classic PUBLISH reaches every node of a cluster)
 *
 * Elsewhere, each touched by one-key commands and scripts only: idempotency records
 * `hpg:idem:<operation>:<ownerKey>:<keyHash>` (idempotency-codec.ts; scoped per caller, not per
 * payment) and rate-limit windows `hpg:{rl:<bucket>}:<window>` (redis-rate-limiter.ts). No command
 * anywhere names keys of two slots. The memory store uses the same names, so both stores share one
 * notion of "a key".
 */
export interface StoreKeys {
  record(id: PreOrderPaymentId): string;
  /** The start of every record key of a cart's payments (the record key without the id). */
  recordPrefix(cartId: CartId): string;
  cartIndex(cartId: CartId): string;
  cartLock(cartId: CartId): string;
  owner(tokenHash: string): string;
  updates(id: PreOrderPaymentId): string;
  /** The release queue shard of a payment. */
  releaseQueue(id: PreOrderPaymentId): string;
  /** Every release queue shard, in order. */
  releaseQueues(): readonly string[];
  attention(): string;
}

export function storeKeys(prefix = ''): StoreKeys {
  // A brace in the prefix would become the hash tag and put all carts into one slot.
  if (/[{}]/.test(prefix)) throw new RangeError('session store keyPrefix must not contain "{" or "}"');
  const base = (tag: CartTag) => `${prefix}hpg:{${tag}}`;
  const queues = Array.from({ length: RELEASE_QUEUE_SHARDS }, (_, shard) => `${prefix}hpg:{rq${shard}}:due`);
  return {
    record: (id) => `${base(tagOfPaymentId(id))}:pop:${id}`,
    recordPrefix: (cartId) => `${base(cartTag(cartId))}:pop:`,
    cartIndex: (cartId) => `${base(cartTag(cartId))}:cart`,
    cartLock: (cartId) => `${base(cartTag(cartId))}:initlock`,
    owner: (tokenHash) => `${prefix}hpg:owner:${tokenHash}`,
    updates: (id) => `${prefix}hpg:updates:${id}`,
    releaseQueue: (id) => queues[Number.parseInt(tagOfPaymentId(id).slice(0, 4), 16) % RELEASE_QUEUE_SHARDS] ?? '',
    releaseQueues: () => queues,
    attention: () => `${prefix}hpg:attention`,
  };
}
