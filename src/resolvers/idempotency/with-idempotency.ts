import { hash, randomUUID } from 'node:crypto';
import type { GatewayError } from '../../domain/errors.ts';
import { Errors, isRetryable } from '../../domain/errors.ts';
import { canonicalJson } from '../../domain/fingerprint.ts';
import type { Owner } from '../../domain/identity.ts';
import type {
  IdempotencyRecord,
  IdempotencyScope,
  IdempotentOperation,
  RememberedOutcome,
} from '../../domain/ports/idempotency-store.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { pollUntil, sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export interface IdempotentRun<T, E = undefined> {
  readonly operation: IdempotentOperation;
  readonly owner: Owner;
  readonly key: string | null | undefined;
  /** The mutation's input; its fingerprint excludes the key itself. */
  readonly input: { readonly idempotencyKey?: string | null };
  /**
   * A read (never a write) the run starts from, sent together with the key's lookup so both share
   * one round trip; dropped when the key answers from what it holds, read again for a later run.
   */
  readonly prefetch: () => Promise<E>;
  readonly run: (prefetched: E) => Promise<Result<T, GatewayError>>;
  /** The ids to remember of a success. */
  readonly remember: (value: T) => RememberedOutcome & { kind: 'success' };
  /** Answers a remembered success again, objects in their current state, `replayed: true`. */
  readonly replay: (outcome: RememberedOutcome & { kind: 'success' }) => Promise<Result<T, GatewayError>>;
}

export function inputFingerprint(input: { readonly idempotencyKey?: string | null }): string {
  const { idempotencyKey: _key, ...rest } = input;
  return hash('sha256', canonicalJson(rest), 'hex');
}

/**
 * docs/idempotency.md, in a fixed order: look up the stored outcome → take the key → act → store
 * the outcome. Retryable errors are not remembered.
 */
export async function withIdempotency<T, E>(
  deps: UseCaseDeps,
  spec: IdempotentRun<T, E>,
): Promise<Result<T, GatewayError>> {
  if (!spec.key) return spec.run(await spec.prefetch());
  const scope: IdempotencyScope = { operation: spec.operation, ownerKey: spec.owner.key, key: spec.key };
  const fingerprint = inputFingerprint(spec.input);
  const inFlightTtlMs = deps.settings.placementLeaseMs + deps.settings.glueTimeoutMs;

  const claimId = randomUUID();
  const prefetched = spec.prefetch();
  // Awaited only when this request runs; a read that fails unawaited must not crash the process.
  prefetched.catch(() => undefined);
  const begun = await deps.idempotency.begin(scope, {
    fingerprint,
    claimId,
    startedAt: deps.clock.now(),
    inFlightTtlMs,
  });
  if (!begun.ok) {
    // A claim that timed out may still land when the store recovers; it must not block retries.
    void abandonLater(deps, scope, claimId);
    return begun;
  }
  if (begun.value.kind === 'exists') {
    return answerExisting(deps, { spec, scope, fingerprint, existing: begun.value.record });
  }

  let result: Result<T, GatewayError>;
  try {
    result = await spec.run(await prefetched);
  } catch (error) {
    await deps.idempotency.abandon(scope, claimId);
    throw error;
  }
  if (!result.ok && isRetryable(result.error)) {
    const abandoned = await deps.idempotency.abandon(scope, claimId);
    if (!abandoned.ok) void abandonLater(deps, scope, claimId);
    return result;
  }
  const outcome: RememberedOutcome = result.ok ? spec.remember(result.value) : { kind: 'error', error: result.error };
  const stored = await deps.idempotency.complete(scope, {
    fingerprint,
    outcome,
    ttlSeconds: deps.settings.idempotencyTtlSeconds,
  });
  // The effect happened; the caller must learn it even if the key could not be closed.
  if (!stored.ok)
    deps.logger.warn(
      { operation: spec.operation },
      'idempotency outcome not stored; a replay within the in-flight TTL answers OperationInProgress',
    );
  return result;
}

/** A request whose key was already claimed, and what it found there. */
interface ExistingKey<T, E> {
  readonly spec: IdempotentRun<T, E>;
  readonly scope: IdempotencyScope;
  readonly fingerprint: string;
  readonly existing: IdempotencyRecord;
}

async function answerExisting<T, E>(deps: UseCaseDeps, found: ExistingKey<T, E>): Promise<Result<T, GatewayError>> {
  const { spec, scope, fingerprint, existing } = found;
  if (existing.fingerprint !== fingerprint) return err(Errors.idempotencyConflict());
  const polled = await pollUntil<Result<IdempotencyRecord | null, GatewayError>>({
    budgetMs: deps.settings.waitMs,
    initial: ok(existing),
    read: () => deps.idempotency.get(scope),
    settled: (read) => !read.ok || read.value?.state !== 'in-flight',
  });
  if (!polled.ok) return polled;
  const record = polled.value;
  if (record === null) {
    // The first run ended with a retryable outcome and was forgotten: this request may run it.
    return withIdempotency(deps, spec);
  }
  if (record.state === 'in-flight') return err(Errors.inProgress());
  if (record.fingerprint !== fingerprint) return err(Errors.idempotencyConflict());
  return record.outcome.kind === 'error' ? err(record.outcome.error) : spec.replay(record.outcome);
}

/** Withdrawal attempts: every half second for up to half a minute, so a retry is free soon after recovery. */
const ABANDON_ATTEMPTS = 60;
const ABANDON_INTERVAL_MS = 500;

/** Keeps trying to forget this request's claim until the store answers (bounded). */
async function abandonLater(deps: UseCaseDeps, scope: IdempotencyScope, claimId: string): Promise<void> {
  for (let attempt = 0; attempt < ABANDON_ATTEMPTS; attempt += 1) {
    await sleep(ABANDON_INTERVAL_MS);
    const abandoned = await deps.idempotency.abandon(scope, claimId);
    if (abandoned.ok) return;
  }
  deps.logger.warn(
    { operation: scope.operation },
    'an idempotency claim could not be withdrawn; it expires with its in-flight TTL',
  );
}
