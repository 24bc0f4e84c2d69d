import type { CartId, PreOrderPaymentId } from '../ids.ts';
import type { PreOrderPaymentRecord, StoreClockRequirement, StoreClockStamp } from '../pre-order-payment.ts';
import type { StoreAnswer } from './store-answer.ts';

export type CreateOutcome =
  /** Written; the record as stored, with the times the store stamped. */
  | { readonly kind: 'created'; readonly record: PreOrderPaymentRecord }
  /** The cart's index no longer points where the caller expected: someone else got there first. */
  | { readonly kind: 'cart-index-moved'; readonly currentId: PreOrderPaymentId | null };

export type UpdateOutcome =
  /** Written; the record as stored, with the times the store stamped. */
  | { readonly kind: 'written'; readonly record: PreOrderPaymentRecord }
  /** The stored version differs (or the record is gone): the caller lost the race and must re-read. */
  | { readonly kind: 'version-mismatch'; readonly current: PreOrderPaymentRecord | null }
  /** The requirement failed by the store's clock (a lease still held, a deadline passed or not). */
  | { readonly kind: 'requirement-failed'; readonly current: PreOrderPaymentRecord };

export interface CreateOptions {
  /** The cart index must still point here (null: no index entry). */
  readonly expectedCurrentId: PreOrderPaymentId | null;
  readonly ttlSeconds: number;
  /** `expiresAt` = the store's now + this. */
  readonly expiresInMs: number;
}

export interface UpdateOptions {
  readonly ttlSeconds: number;
  readonly stamp?: StoreClockStamp;
  readonly require?: StoreClockRequirement;
  /**
   * Answer 'written' only once the write would survive a failover of the store (a Redis master
   * replaced by its replica); else 'unavailable', though it may have landed (docs/redis-keys.md).
   */
  readonly durable?: boolean;
}

/**
 * Short-lived pre-order payment sessions (docs/redis-keys.md). Every state change is an atomic
 * compare-and-set; every key has a TTL; all keys of one cart share one hash tag. The store is
 * the one clock of leases and deadlines: it stamps them and judges them when it writes, and tells
 * its time with every record it answers (`observedAt`). Every committed change is announced to
 * those watching the payment (PaymentUpdates). Every method answers `StoreAnswer`: an outage is
 * data, never an exception.
 */
/** A cart lock attempt: the token when taken (null when another holds it), and the cart's current payment. */
export interface CartLock {
  readonly token: string | null;
  readonly current: PreOrderPaymentRecord | null;
}

export interface SessionStore {
  get(id: PreOrderPaymentId): Promise<StoreAnswer<PreOrderPaymentRecord | null>>;
  /** The cart's current pre-order payment (live or not), if any. */
  getCurrentForCart(cartId: CartId): Promise<StoreAnswer<PreOrderPaymentRecord | null>>;
  /** Writes a new record and points the cart index at it, atomically, if the index is as expected. */
  create(record: PreOrderPaymentRecord, options: CreateOptions): Promise<StoreAnswer<CreateOutcome>>;
  /** Replaces a record only if the stored version is `next.version - 1` and the requirement holds. */
  update(next: PreOrderPaymentRecord, options: UpdateOptions): Promise<StoreAnswer<UpdateOutcome>>;

  /**
   * Takes the short exclusive lock around one cart's initialization, if free, and reads the cart's
   * current payment in the same atomic step (one round trip): while the lock is held, what was read
   * is what a write under the lock must start from. The token is null when another holds the lock.
   */
  lockCartAndRead(cartId: CartId, ttlMs: number): Promise<StoreAnswer<CartLock>>;
  /** Releases the lock only if `token` still holds it. */
  releaseCartLock(cartId: CartId, token: string): Promise<StoreAnswer<void>>;

  /** customerReference learned for a token hash, cached for at most the token's lifetime. */
  getCachedCustomerReference(tokenHash: string): Promise<StoreAnswer<string | null>>;
  cacheCustomerReference(tokenHash: string, customerReference: string, ttlSeconds: number): Promise<StoreAnswer<void>>;

  /** True when the store answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
