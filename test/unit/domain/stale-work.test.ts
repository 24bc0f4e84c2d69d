import { describe, expect, it } from 'vitest';
import type { PreOrderPaymentStatus } from '../../../src/domain/pre-order-payment.ts';
import { settleStaleWork } from '../../../src/domain/stale-work.ts';
import { makeRecord } from '../../support/records.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 10, 0);
const STALE_CANCEL_MS = 15_000;

function placing(leaseUntil: number, checkoutSent: boolean) {
  return makeRecord({
    status: 'PLACING_ORDER',
    attempts: 3,
    placement: { attempt: 3, startedAt: leaseUntil - 30_000, leaseUntil, checkoutSent },
  });
}

describe('settleStaleWork', () => {
  it('marks a placement whose lease ran out after "checkout sent" ORDER_OUTCOME_UNKNOWN, to be reconciled now', () => {
    const record = placing(NOW - 1, true);
    const change = settleStaleWork(record, NOW, STALE_CANCEL_MS);
    expect(change).toEqual({
      changes: {
        status: 'ORDER_OUTCOME_UNKNOWN',
        placement: record.placement,
        reconciliation: { attempts: 0, nextAt: NOW },
      },
      event: { type: 'ORDER_OUTCOME_UNKNOWN', message: 'placement attempt 3 ended without an answer' },
    });
  });

  it('hands a placement whose lease ran out before "checkout sent" back to INITIALIZED without a placement', () => {
    expect(settleStaleWork(placing(NOW - 1, false), NOW, STALE_CANCEL_MS)).toEqual({
      changes: { status: 'INITIALIZED', placement: null },
    });
  });

  it('counts a lease ending exactly now as run out', () => {
    expect(settleStaleWork(placing(NOW, true), NOW, STALE_CANCEL_MS)?.changes.status).toBe('ORDER_OUTCOME_UNKNOWN');
  });

  it.each([true, false])('leaves a placement alone while its lease runs (checkoutSent %s)', (checkoutSent) => {
    expect(settleStaleWork(placing(NOW + 1, checkoutSent), NOW, STALE_CANCEL_MS)).toBeNull();
  });

  it('puts a cancellation nobody finished within the stale limit back to INITIALIZED (current rule)', () => {
    const record = makeRecord({ status: 'CANCELING', updatedAt: NOW - STALE_CANCEL_MS });
    expect(settleStaleWork(record, NOW, STALE_CANCEL_MS)).toEqual({ changes: { status: 'INITIALIZED' } });
  });

  it('leaves a cancellation younger than the stale limit alone', () => {
    const record = makeRecord({ status: 'CANCELING', updatedAt: NOW - STALE_CANCEL_MS + 1 });
    expect(settleStaleWork(record, NOW, STALE_CANCEL_MS)).toBeNull();
  });

  it.each([
    'INITIALIZED',
    'ORDER_PLACED',
    'CANCELED',
    'EXPIRED',
    'ORDER_OUTCOME_UNKNOWN',
  ] as const satisfies readonly PreOrderPaymentStatus[])('finds nothing stale in %s, however old', (status) => {
    const record = makeRecord({
      status,
      updatedAt: NOW - 3_600_000,
      placement: { attempt: 1, startedAt: 0, leaseUntil: 1, checkoutSent: true },
    });
    expect(settleStaleWork(record, NOW, STALE_CANCEL_MS)).toBeNull();
  });
});
