import type { GatewayError } from '../errors.ts';

/** The three mutations that take an idempotency key (CONTRACT.md §7). */
export type IdempotentOperation = 'initializePreOrderPayment' | 'cancelPreOrderPayment' | 'placeOrder';

/** What is remembered of a finished run: ids to re-read, never a snapshot of objects. */
export type RememberedOutcome =
  | {
      readonly kind: 'success';
      readonly preOrderPaymentId: string;
      readonly order?: {
        readonly orderReference: string;
        readonly redirectUrl: string | null;
        readonly isExternalRedirect: boolean | null;
      } | null;
    }
  | { readonly kind: 'error'; readonly error: GatewayError };

export type IdempotencyRecord =
  | { readonly state: 'in-flight'; readonly fingerprint: string; readonly startedAt: number; readonly claimId: string }
  | { readonly state: 'done'; readonly fingerprint: string; readonly outcome: RememberedOutcome };

export type BeginOutcome =
  | { readonly kind: 'started' }
  | { readonly kind: 'exists'; readonly record: IdempotencyRecord };

/**
 * Idempotency records, scoped by operation + owner key + key. Throws StoreUnavailableError
 * (session-store.ts) when the store cannot answer.
 */
export interface IdempotencyStore {
  /** Atomically claims the key as in flight (as `claimId`) unless a record exists; returns the existing one. */
  begin(
    scope: IdempotencyScope,
    fingerprint: string,
    inFlightTtlMs: number,
    now: number,
    claimId: string,
  ): Promise<BeginOutcome>;
  /** Stores the outcome of the run that holds the key (retention `ttlSeconds`). */
  complete(scope: IdempotencyScope, fingerprint: string, outcome: RememberedOutcome, ttlSeconds: number): Promise<void>;
  /** Forgets the in-flight claim `claimId`, and nothing else (retryable outcomes are not remembered). */
  abandon(scope: IdempotencyScope, claimId: string): Promise<void>;
  get(scope: IdempotencyScope): Promise<IdempotencyRecord | null>;
}

export interface IdempotencyScope {
  readonly operation: IdempotentOperation;
  readonly ownerKey: string;
  readonly key: string;
}
