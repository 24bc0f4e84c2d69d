import { describe, expect, it } from 'vitest';
import { PROVIDER_AMOUNT_UNSETTLED, type PreOrderPaymentStatus } from '../../../src/domain/pre-order-payment.ts';
import { settleStaleWork } from '../../../src/domain/stale-work.ts';
import { makeRecord } from '../../support/records.ts';

/** The store's clock at the read: leases are judged by it, never by a process's clock. */
const NOW = Date.UTC(2025, 5, 1, 12, 10, 0);

function placing(lease: number, checkoutSent: boolean) {
  return makeRecord({
    status: 'PLACING_ORDER',
    attempts: 3,
    placement: { attempt: 3, startedAt: lease - 30_000, checkoutSent },
    lease,
    observedAt: NOW,
  });
}

describe('settleStaleWork', () => {
  it('marks a placement whose lease ran out after "checkout sent" ORDER_OUTCOME_UNKNOWN, to be reconciled now', () => {
    const record = placing(NOW - 1, true);
    const change = settleStaleWork(record);
    expect(change).toEqual({
      changes: {
        status: 'ORDER_OUTCOME_UNKNOWN',
        placement: record.placement,
        reconciliation: { attempts: 0, nextAt: NOW },
      },
      event: { type: 'ORDER_OUTCOME_UNKNOWN', message: 'placement attempt 3 ended without an answer' },
      stamp: { leaseForMs: null },
      require: 'lease-expired',
    });
  });

  it('hands a placement whose lease ran out before "checkout sent" back to INITIALIZED without a placement', () => {
    expect(settleStaleWork(placing(NOW - 1, false))).toEqual({
      changes: { status: 'INITIALIZED', placement: null },
      stamp: { leaseForMs: null },
      require: 'lease-expired',
    });
  });

  it('counts a lease ending exactly at the store’s now as run out', () => {
    expect(settleStaleWork(placing(NOW, true))?.changes.status).toBe('ORDER_OUTCOME_UNKNOWN');
  });

  it.each([true, false])('leaves a placement alone while its lease runs (checkoutSent %s)', (checkoutSent) => {
    expect(settleStaleWork(placing(NOW + 1, checkoutSent))).toBeNull();
  });

  it('hands a re-initialization whose lease ran out back to INITIALIZED, unplaceable until initialized again', () => {
    const record = makeRecord({ status: 'REINITIALIZING', lease: NOW, observedAt: NOW });
    expect(settleStaleWork(record)).toEqual({
      changes: { status: 'INITIALIZED', fingerprint: PROVIDER_AMOUNT_UNSETTLED },
      stamp: { leaseForMs: null },
      require: 'lease-expired',
    });
    expect(settleStaleWork({ ...record, lease: NOW + 1 })).toBeNull();
  });

  it('never settles a cancellation, however long ago its lease ran out: it may still take effect (docs/cancel.md item 8)', () => {
    const record = makeRecord({
      status: 'CANCELING',
      lease: NOW - 3_600_000,
      observedAt: NOW,
      updatedAt: NOW - 3_600_000,
    });
    expect(settleStaleWork(record)).toBeNull();
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
      placement: { attempt: 1, startedAt: 0, checkoutSent: true },
      lease: 1,
      observedAt: NOW,
    });
    expect(settleStaleWork(record)).toBeNull();
  });
});
