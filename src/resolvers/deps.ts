import type { Clock } from '../domain/clock.ts';
import type { GluePort } from '../domain/glue-port.ts';
import type { Logger } from '../domain/logger.ts';
import type { SessionStore } from '../domain/session-store.ts';

export interface UseCaseSettings {
  readonly ownerKeySecret: string;
  readonly preOrderPaymentTtlSeconds: number;
  /** How long a record is kept after its last write: TTL plus idempotency retention. */
  readonly recordTtlSeconds: number;
  readonly placementLeaseMs: number;
  readonly glueTimeoutMs: number;
  /** How long a caller waits for a concurrent operation on the same payment or cart. */
  readonly waitMs: number;
}

/** Everything a use case talks to, as ports; the composition root supplies the adapters. */
export interface UseCaseDeps {
  readonly glue: GluePort;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: UseCaseSettings;
}
