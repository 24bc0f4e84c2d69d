import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../domain/logger.ts';
import type { GluePort } from '../domain/ports/glue-port.ts';
import type { IdempotencyStore } from '../domain/ports/idempotency-store.ts';
import type { RateLimiter } from '../domain/ports/rate-limiter.ts';
import type { SessionStore } from '../domain/ports/session-store.ts';

export interface UseCaseSettings {
  readonly ownerKeySecret: string;
  readonly preOrderPaymentTtlSeconds: number;
  /** How long a record is kept after its last write: TTL plus idempotency retention. */
  readonly recordTtlSeconds: number;
  readonly placementLeaseMs: number;
  readonly glueTimeoutMs: number;
  /** How long a caller waits for a concurrent operation on the same payment, cart or key. */
  readonly waitMs: number;
  readonly idempotencyTtlSeconds: number;
  /** Initializations that reach `POST /payments` (docs/rate-limits.md). */
  readonly rateLimitInitPerCart: { readonly count: number; readonly windowSeconds: number };
  readonly rateLimitInitPerClient: { readonly count: number; readonly windowSeconds: number };
  /** Test-only fault hook (0 in production): lets a test kill a holder before its write-ahead mark. */
  readonly holdBeforeCheckoutSentMs?: number;
}

/** Everything a use case talks to, as ports; the composition root supplies the adapters. */
export interface UseCaseDeps {
  readonly glue: GluePort;
  readonly store: SessionStore;
  readonly idempotency: IdempotencyStore;
  readonly rateLimiter: RateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: UseCaseSettings;
}
