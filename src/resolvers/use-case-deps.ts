import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../domain/logger.ts';
import type { AttentionIndex } from '../domain/ports/attention-index.ts';
import type { GluePort } from '../domain/ports/glue-port.ts';
import type { IdempotencyStore } from '../domain/ports/idempotency-store.ts';
import type { Metrics } from '../domain/ports/metrics.ts';
import type { OrderOutbox } from '../domain/ports/order-outbox.ts';
import type { PaymentUpdates } from '../domain/ports/payment-updates.ts';
import type { RateLimiter } from '../domain/ports/rate-limiter.ts';
import type { ReleaseQueue } from '../domain/ports/release-queue.ts';
import type { SessionStore } from '../domain/ports/session-store.ts';

export interface UseCaseSettings {
  readonly ownerKeySecret: string;
  readonly preOrderPaymentTtlSeconds: number;
  /** How long a record is kept after its last write: TTL plus idempotency retention. */
  readonly recordTtlSeconds: number;
  /** How long a placement or a cancellation holds a payment before another may take over. */
  readonly placementLeaseMs: number;
  readonly glueTimeoutMs: number;
  /** How long a caller waits for a concurrent operation on the same payment, cart or key. */
  readonly waitMs: number;
  readonly idempotencyTtlSeconds: number;
  /** Initializations that reach `POST /payments` (docs/rate-limits.md). */
  readonly rateLimitInitPerCart: { readonly count: number; readonly windowSeconds: number };
  readonly rateLimitInitPerClient: { readonly count: number; readonly windowSeconds: number };
  /** Placements of one payment that may reach `POST /checkout` per window (docs/rate-limits.md). */
  readonly rateLimitPlacePerPayment: { readonly count: number; readonly windowSeconds: number };
  /** Release attempts of one expired payment before it is left to an operator (docs/expiry-and-release.md). */
  readonly releaseMaxAttempts: number;
  /** The first wait after a failed release; each further one doubles, with jitter, up to a cap. */
  readonly releaseBackoffMs: number;
  /** A due release not picked up within this is overdue: listed for operators. */
  readonly overdueGraceMs: number;
  /** Test-only fault hook (0 in production): lets a test kill a holder before its write-ahead mark. */
  readonly holdBeforeCheckoutSentMs?: number;
  /** Test-only fault hook (0 in production): lets a test kill a sweeper right after it claimed. */
  readonly holdAfterClaimMs?: number;
}

/** Everything a use case talks to, as ports; the composition root supplies the adapters. */
export interface UseCaseDeps {
  readonly glue: GluePort;
  readonly store: SessionStore;
  /** When each payment must next be looked at by the release sweeper. */
  readonly releases: ReleaseQueue;
  /** Payments an operator must look at. */
  readonly attention: AttentionIndex;
  readonly updates: PaymentUpdates;
  readonly idempotency: IdempotencyStore;
  readonly rateLimiter: RateLimiter;
  /** Known attempt outcomes the store could not take yet (docs/place-order.md item 10). */
  readonly outbox: OrderOutbox;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: UseCaseSettings;
}
