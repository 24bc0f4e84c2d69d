import type { CartId, PreOrderPaymentId } from '../ids.ts';
import type { PreOrderPaymentRecord } from '../pre-order-payment.ts';
import type { StoreAnswer } from './store-answer.ts';

export type CreateOutcome =
  | { readonly kind: 'created' }
  /** The cart's index no longer points where the caller expected: someone else got there first. */
  | { readonly kind: 'cart-index-moved'; readonly currentId: PreOrderPaymentId | null };

export type UpdateOutcome =
  | { readonly kind: 'written' }
  /** The stored version differs (or the record is gone): the caller lost the race and must re-read. */
  | { readonly kind: 'version-mismatch'; readonly current: PreOrderPaymentRecord | null };

/**
 * Short-lived pre-order payment sessions (docs/redis-keys.md). Every state change is an atomic
 * compare-and-set; every key has a TTL; all keys of one cart share one hash tag. Every method
 * answers `StoreAnswer`: an outage is data, never an exception.
 */
export interface SessionStore {
  get(id: PreOrderPaymentId): Promise<StoreAnswer<PreOrderPaymentRecord | null>>;
  /** The cart's current pre-order payment (live or not), if any. */
  getCurrentForCart(cartId: CartId): Promise<StoreAnswer<PreOrderPaymentRecord | null>>;
  /**
   * Writes a new record and points the cart index at it, atomically, only if the index still
   * points at `expectedCurrentId` (null: no index entry).
   */
  create(
    record: PreOrderPaymentRecord,
    expectedCurrentId: PreOrderPaymentId | null,
    ttlSeconds: number,
  ): Promise<StoreAnswer<CreateOutcome>>;
  /** Replaces a record only if the stored version is `next.version - 1`. */
  update(next: PreOrderPaymentRecord, ttlSeconds: number): Promise<StoreAnswer<UpdateOutcome>>;

  /** A short exclusive lock around one cart's initialization; a token, or null when held. */
  acquireCartLock(cartId: CartId, ttlMs: number): Promise<StoreAnswer<string | null>>;
  /** Releases the lock only if `token` still holds it. */
  releaseCartLock(cartId: CartId, token: string): Promise<StoreAnswer<void>>;

  /** customerReference learned for a token hash, cached for at most the token's lifetime. */
  getCachedCustomerReference(tokenHash: string): Promise<StoreAnswer<string | null>>;
  cacheCustomerReference(tokenHash: string, customerReference: string, ttlSeconds: number): Promise<StoreAnswer<void>>;

  /** True when the store answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
