import type { CartId, PreOrderPaymentId } from '../ids.ts';
import type { PreOrderPaymentRecord } from '../pre-order-payment.ts';

/** The session store could not be reached or answered in time: a retryable outage, never a bug. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export type CreateOutcome =
  | { readonly ok: true }
  /** The cart's index no longer points where the caller expected: someone else got there first. */
  | { readonly ok: false; readonly reason: 'cart-index-moved'; readonly currentId: PreOrderPaymentId | null };

export type UpdateOutcome =
  | { readonly ok: true }
  /** The stored version differs (or the record is gone): the caller lost the race and must re-read. */
  | { readonly ok: false; readonly reason: 'version-mismatch'; readonly current: PreOrderPaymentRecord | null };

/**
 * Short-lived pre-order payment sessions (CONTRACT.md §11). Every state change is an atomic
 * compare-and-set; every key has a TTL; all keys of one cart share one hash tag.
 * Methods throw StoreUnavailableError when the store cannot answer.
 */
export interface SessionStore {
  get(id: PreOrderPaymentId): Promise<PreOrderPaymentRecord | null>;
  /** The cart's current pre-order payment (live or not), if any. */
  getCurrentForCart(cartId: CartId): Promise<PreOrderPaymentRecord | null>;
  /**
   * Writes a new record and points the cart index at it, atomically, only if the index still
   * points at `expectedCurrentId` (null: no index entry).
   */
  create(
    record: PreOrderPaymentRecord,
    expectedCurrentId: PreOrderPaymentId | null,
    ttlSeconds: number,
  ): Promise<CreateOutcome>;
  /** Replaces a record only if the stored version is `next.version - 1`. */
  update(next: PreOrderPaymentRecord, ttlSeconds: number): Promise<UpdateOutcome>;

  /** A short exclusive lock around one cart's initialization; returns a token, or null when held. */
  acquireCartLock(cartId: CartId, ttlMs: number): Promise<string | null>;
  /** Releases the lock only if `token` still holds it. */
  releaseCartLock(cartId: CartId, token: string): Promise<void>;

  /** customerReference learned for a token hash, cached for at most the token's lifetime. */
  getCachedCustomerReference(tokenHash: string): Promise<string | null>;
  cacheCustomerReference(tokenHash: string, customerReference: string, ttlSeconds: number): Promise<void>;

  /** True when the store answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
