import { cartTag, tagOfPaymentId } from '../../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';

/**
 * How both stores turn records into stored text and back, and the argument checks they share.
 * The memory store stores the same JSON text as Redis, so a record round-trips identically in
 * both (undefined fields dropped, no shared references) and tests of one hold for the other.
 */

/** The store's own times of a record: its clock at the read or write, and what it stamped. */
export interface StoreTimes {
  readonly now: number;
  readonly expiresAt: number;
  /** 0 or null: no lease. */
  readonly lease: number | null;
}

/** The record as stored text, without the times only the store sets (they live beside it). */
export function encodeRecord(record: PreOrderPaymentRecord): string {
  const { expiresAt: _expiresAt, lease: _lease, observedAt: _observedAt, ...stored } = record;
  return JSON.stringify(stored);
}

/** Stored text and the store's times back to a record. Corrupt data is a bug, not an outage: a plain Error. */
export function decodeRecord(text: string, key: string, times: StoreTimes): PreOrderPaymentRecord {
  return { ...decodeDoc(text, key), expiresAt: times.expiresAt, lease: times.lease || null, observedAt: times.now };
}

/**
 * One announced change (lua-scripts.ts: `{"v","exp","lease","at","doc"}`) as the record it
 * announces. Corrupt data is a bug, not an outage: a plain Error.
 */
export function decodeAnnouncement(message: string, channel: string): PreOrderPaymentRecord {
  const parsed: unknown = JSON.parse(message);
  if (typeof parsed !== 'object' || parsed === null || !('doc' in parsed) || !('at' in parsed)) {
    throw new Error(`session store: ${channel} carried something other than a change`);
  }
  const { doc, at, exp, lease } = parsed as { doc: unknown; at: unknown; exp: unknown; lease: unknown };
  const record = validDoc(doc, channel);
  return { ...record, expiresAt: Number(exp), lease: Number(lease) || null, observedAt: Number(at) };
}

type StoredDoc = Omit<PreOrderPaymentRecord, 'expiresAt' | 'lease' | 'observedAt'>;

function decodeDoc(text: string, key: string): StoredDoc {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`session store: ${key} does not hold JSON`);
  }
  return validDoc(value, key);
}

function validDoc(value: unknown, key: string): StoredDoc {
  if (
    typeof value !== 'object' ||
    value === null ||
    !('id' in value) ||
    typeof value.id !== 'string' ||
    !('cartId' in value) ||
    typeof value.cartId !== 'string' ||
    !('version' in value) ||
    typeof value.version !== 'number'
  ) {
    throw new Error(`session store: ${key} does not hold a pre-order payment record`);
  }
  // Only this process writes these keys, from typed records; the check above catches foreign data.
  return value as StoredDoc;
}

/** A record whose id does not carry its cart's hash tag would land in another slot: a caller bug. */
export function assertWritable(record: PreOrderPaymentRecord): void {
  if (tagOfPaymentId(record.id) !== cartTag(record.cartId)) {
    throw new RangeError(`session store: payment id ${record.id} does not carry the hash tag of cart ${record.cartId}`);
  }
  if (!Number.isSafeInteger(record.version) || record.version < 1) {
    throw new RangeError(`session store: record version must be a positive integer, got ${record.version}`);
  }
}

/** Redis EX/PX need positive integers; a zero or negative lifetime is a configuration bug. */
export function positiveInteger(value: number, what: string): number {
  const rounded = Math.ceil(value);
  if (!Number.isFinite(rounded) || rounded < 1)
    throw new RangeError(`session store: ${what} must be ≥ 1, got ${value}`);
  return rounded;
}
