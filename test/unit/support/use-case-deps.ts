import { createMemoryOrderOutbox } from '../../../src/adapters/outbox/memory-order-outbox.ts';
import { createMemoryAttentionIndex } from '../../../src/adapters/store/memory-attention-index.ts';
import { createMemoryIdempotencyStore } from '../../../src/adapters/store/memory-idempotency-store.ts';
import { createMemoryRateLimiter } from '../../../src/adapters/store/memory-rate-limiter.ts';
import { createMemoryReleaseQueue } from '../../../src/adapters/store/memory-release-queue.ts';
import { createMemorySessionStore } from '../../../src/adapters/store/memory-session-store.ts';
import { createMemoryUpdateBus } from '../../../src/adapters/store/memory-updates.ts';
import type { Clock } from '../../../src/domain/clock.ts';
import type { Logger } from '../../../src/domain/logger.ts';
import { type Metrics, noMetrics } from '../../../src/domain/ports/metrics.ts';
import type { UseCaseDeps, UseCaseSettings } from '../../../src/resolvers/use-case-deps.ts';
import { createMemoryGlue, type MemoryGlue } from './memory-glue.ts';

/** 2025-06-01T12:00:00Z: every test's clock starts here. */
export const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/** A clock only the test moves. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function testClock(start = T0): TestClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
  };
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** Prints nothing; keeps the lines so a test can assert what was logged. */
export interface RecordingLogger extends Logger {
  readonly entries: readonly LogEntry[];
}

export function silentLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (fields: Record<string, unknown>, message: string): void => {
      entries.push({ level, fields, message });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * The gateway's defaults (README, Configuration), except a short wait for concurrent work so
 * the tests that wait stay fast.
 */
export const UNIT_SETTINGS: UseCaseSettings = {
  ownerKeySecret: 'unit-test-owner-key-secret-0123456789abcdef',
  preOrderPaymentTtlSeconds: 1800,
  recordTtlSeconds: 1800 + 86400,
  placementLeaseMs: 30_000,
  glueTimeoutMs: 10_000,
  waitMs: 200,
  idempotencyTtlSeconds: 86400,
  rateLimitInitPerCart: { count: 10, windowSeconds: 600 },
  rateLimitInitPerClient: { count: 30, windowSeconds: 60 },
  rateLimitPlacePerPayment: { count: 10, windowSeconds: 600 },
  releaseMaxAttempts: 5,
  releaseBackoffMs: 2000,
  overdueGraceMs: 32_000,
  holdBeforeCheckoutSentMs: 0,
};

/** UseCaseDeps with the memory adapters exposed as such, so a test can arrange and inspect them. */
export interface TestDeps extends UseCaseDeps {
  readonly glue: MemoryGlue;
  readonly clock: TestClock;
  readonly logger: RecordingLogger;
  readonly metrics: RecordingMetrics;
}

/** Keeps what the use cases count, so a test can assert it. */
export interface RecordingMetrics extends Metrics {
  readonly releases: ('released' | 'failed')[];
  /** How many placed orders were counted as costing something else than their payment. */
  readonly orderPaymentMismatches: number;
}

function recordingMetrics(): RecordingMetrics {
  const releases: ('released' | 'failed')[] = [];
  let mismatches = 0;
  return {
    ...noMetrics,
    releases,
    release: (outcome) => releases.push(outcome),
    orderPaymentMismatch: () => {
      mismatches += 1;
    },
    get orderPaymentMismatches() {
      return mismatches;
    },
  };
}

export interface TestDepsOptions {
  readonly settings?: Partial<UseCaseSettings>;
  readonly startAt?: number;
}

/** Fresh, unshared dependencies for one test: memory stores, memory Glue, a test clock, a silent logger. */
export function useCaseDeps(options: TestDepsOptions = {}): TestDeps {
  const clock = testClock(options.startAt);
  const now = () => clock.now();
  // The stores share the test clock: it is the store's clock leases and deadlines are judged by.
  const updates = createMemoryUpdateBus();
  return {
    glue: createMemoryGlue({ now }),
    store: createMemorySessionStore({ now, updates }),
    releases: createMemoryReleaseQueue({ now }),
    attention: createMemoryAttentionIndex({ now }),
    updates,
    idempotency: createMemoryIdempotencyStore({ now }),
    rateLimiter: createMemoryRateLimiter({ now }),
    outbox: createMemoryOrderOutbox(),
    metrics: recordingMetrics(),
    clock,
    logger: silentLogger(),
    settings: { ...UNIT_SETTINGS, ...options.settings },
  };
}
