import { hash } from 'node:crypto';
import type { IdempotencyRecord, IdempotencyScope } from '../../domain/ports/idempotency-store.ts';

/** Idempotency keys are hashed into the Redis key: any printable ASCII, bounded length. */
export function idempotencyKeyName(prefix: string, scope: IdempotencyScope): string {
  const key = hash('sha256', scope.key, 'base64url');
  return `${prefix}hpg:idem:${scope.operation}:${scope.ownerKey}:${key}`;
}

export function decodeIdempotencyRecord(text: string): IdempotencyRecord {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !('state' in parsed) || !('fingerprint' in parsed)) {
    throw new Error('idempotency store: malformed record');
  }
  return parsed as IdempotencyRecord;
}
