import type { GatewayError } from '../errors.ts';
import type { StoreAnswer } from './store-answer.ts';

/** The three mutations that take an idempotency key (docs/idempotency.md). */
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

/** A claim on a key: the run that holds it, and how long the claim lasts if it is never completed. */
export interface Claim {
  readonly fingerprint: string;
  readonly claimId: string;
  readonly startedAt: number;
  readonly inFlightTtlMs: number;
}

/** What a finished run leaves behind, kept `ttlSeconds`. */
export interface Completion {
  readonly fingerprint: string;
  readonly outcome: RememberedOutcome;
  readonly ttlSeconds: number;
}

/** Idempotency records, scoped by operation + owner key + key (docs/idempotency.md). */
export interface IdempotencyStore {
  /** Atomically claims the key as in flight unless a record exists; answers the existing one. */
  begin(scope: IdempotencyScope, claim: Claim): Promise<StoreAnswer<BeginOutcome>>;
  /** Stores the outcome of the run that holds the key. */
  complete(scope: IdempotencyScope, completion: Completion): Promise<StoreAnswer<void>>;
  /** Forgets the in-flight claim `claimId`, and nothing else (retryable outcomes are not remembered). */
  abandon(scope: IdempotencyScope, claimId: string): Promise<StoreAnswer<void>>;
  get(scope: IdempotencyScope): Promise<StoreAnswer<IdempotencyRecord | null>>;
}

export interface IdempotencyScope {
  readonly operation: IdempotentOperation;
  readonly ownerKey: string;
  readonly key: string;
}
