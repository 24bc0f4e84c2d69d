import { describe, expect, it } from 'vitest';
import { attentionReason } from '../../../src/domain/attention.ts';
import type { PreOrderPaymentStatus } from '../../../src/domain/pre-order-payment.ts';
import { makeRecord } from '../../support/records.ts';

/** The store's clock at the read: the reason is judged by it. */
const NOW = Date.UTC(2025, 5, 1, 12, 40, 0);
const FAILED = { attempts: 5, failed: true } as const;

function record(status: PreOrderPaymentStatus, overrides: Parameters<typeof makeRecord>[0] = {}) {
  return makeRecord({ status, placement: null, lease: null, expiresAt: NOW + 60_000, observedAt: NOW, ...overrides });
}

describe('attentionReason: why an operator should look at a payment (docs/operations.md item 12)', () => {
  it('lists an unknown order outcome, whatever its deadline', () => {
    expect(attentionReason(record('ORDER_OUTCOME_UNKNOWN', { expiresAt: NOW + 600_000 }))).toBe(
      'ORDER_OUTCOME_UNKNOWN',
    );
  });

  it.each([
    ['INITIALIZED after a refusal', 'INITIALIZED'],
    ['CANCELING after no clear answer', 'CANCELING'],
  ] as const)('lists a release that failed for good, left %s', (_left, status) => {
    // A live lease does not hide it: the sweeper has stopped, only an operator moves it now.
    expect(attentionReason(record(status, { expiresAt: NOW - 1, lease: NOW + 30_000, release: FAILED }))).toBe(
      'RELEASE_FAILED',
    );
  });

  it.each([
    ['exactly at', NOW],
    ['past', NOW - 60_000],
  ])('lists an INITIALIZED payment %s its deadline as RELEASE_OVERDUE', (_when, expiresAt) => {
    expect(attentionReason(record('INITIALIZED', { expiresAt }))).toBe('RELEASE_OVERDUE');
  });

  it('lists an overdue payment whose release is still being retried as RELEASE_OVERDUE', () => {
    const retrying = record('INITIALIZED', { expiresAt: NOW - 1, release: { attempts: 2, failed: false } });
    expect(attentionReason(retrying)).toBe('RELEASE_OVERDUE');
  });

  it('lists a placement whose holder’s lease ran out as PLACEMENT_STALE', () => {
    expect(attentionReason(record('PLACING_ORDER', { lease: NOW }))).toBe('PLACEMENT_STALE');
  });

  it('lists a cancellation whose holder’s lease ran out as CANCELLATION_STALE', () => {
    expect(attentionReason(record('CANCELING', { lease: NOW - 1 }))).toBe('CANCELLATION_STALE');
  });

  it.each([
    ['INITIALIZED before its deadline', record('INITIALIZED', { expiresAt: NOW + 1 })],
    ['a placement holding its lease', record('PLACING_ORDER', { expiresAt: NOW - 1, lease: NOW + 1 })],
    ['a placement without a lease', record('PLACING_ORDER', { expiresAt: NOW - 1, lease: null })],
    ['a cancellation holding its lease', record('CANCELING', { expiresAt: NOW - 1, lease: NOW + 1 })],
    ['a cancellation without a lease', record('CANCELING', { lease: null })],
    ['ORDER_PLACED', record('ORDER_PLACED', { expiresAt: NOW - 1, lease: NOW - 1 })],
    ['CANCELED', record('CANCELED', { expiresAt: NOW - 1, release: FAILED })],
    ['EXPIRED', record('EXPIRED', { expiresAt: NOW - 1, release: FAILED })],
  ])('does not list %s', (_what, payment) => {
    expect(attentionReason(payment)).toBeNull();
  });
});
