import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PreOrderPaymentStatus } from '../../../src/domain/pre-order-payment.ts';
import { decideDue, nextAttemptIn } from '../../../src/domain/release-decision.ts';
import { makeRecord } from '../../support/records.ts';

/** The store's clock at the read: deadlines and leases are judged by it, never by a process's clock. */
const NOW = Date.UTC(2025, 5, 1, 12, 40, 0);
const BASE_MS = 2000;
/** The cap release-decision.ts states: five minutes between two attempts at most. */
const MAX_BACKOFF_MS = 5 * 60_000;

function record(status: PreOrderPaymentStatus, overrides: Parameters<typeof makeRecord>[0] = {}) {
  return makeRecord({ status, placement: null, lease: null, expiresAt: NOW + 60_000, observedAt: NOW, ...overrides });
}

describe('decideDue: what the sweeper does with a due entry (docs/expiry-and-release.md)', () => {
  it('forgets an entry whose record is gone', () => {
    expect(decideDue(null)).toEqual({ kind: 'forget' });
  });

  it.each([
    'ORDER_PLACED',
    'ORDER_OUTCOME_UNKNOWN',
    'CANCELED',
    'EXPIRED',
  ] as const satisfies readonly PreOrderPaymentStatus[])(
    'forgets a %s payment, however far past its deadline and lease (never released, item 6)',
    (status) => {
      expect(decideDue(record(status, { expiresAt: NOW - 3_600_000, lease: NOW - 3_600_000 }))).toEqual({
        kind: 'forget',
      });
    },
  );

  describe('INITIALIZED', () => {
    it('looks again at its deadline while the deadline has not passed', () => {
      expect(decideDue(record('INITIALIZED', { expiresAt: NOW + 1 }))).toEqual({ kind: 'later', at: NOW + 1 });
    });

    it.each([
      ['exactly at', NOW],
      ['past', NOW - 60_000],
    ])('releases it %s its deadline', (_when, expiresAt) => {
      expect(decideDue(record('INITIALIZED', { expiresAt }))).toEqual({ kind: 'cancel' });
    });

    it('releases it again past its deadline after failed attempts that did not yet give up', () => {
      const retried = record('INITIALIZED', { expiresAt: NOW - 1, release: { attempts: 4, failed: false } });
      expect(decideDue(retried)).toEqual({ kind: 'cancel' });
    });

    it('forgets it once its release failed for good: an operator or the shopper’s cancel decides', () => {
      const given = record('INITIALIZED', { expiresAt: NOW - 1, release: { attempts: 5, failed: true } });
      expect(decideDue(given)).toEqual({ kind: 'forget' });
    });
  });

  describe('PLACING_ORDER (never released)', () => {
    it('looks again when the holder’s lease ends, even past the deadline', () => {
      const placing = record('PLACING_ORDER', { expiresAt: NOW - 60_000, lease: NOW + 5000 });
      expect(decideDue(placing)).toEqual({ kind: 'later', at: NOW + 5000 });
    });

    it.each([
      ['exactly at', NOW],
      ['past', NOW - 1],
    ])('settles the placement %s the end of its lease', (_when, lease) => {
      expect(decideDue(record('PLACING_ORDER', { lease }))).toEqual({ kind: 'settle-stale-work' });
    });

    it('looks again a second after the read when nothing holds a lease on it', () => {
      expect(decideDue(record('PLACING_ORDER', { lease: null }))).toEqual({ kind: 'later', at: NOW + 1000 });
    });
  });

  describe('REINITIALIZING (claimed by a re-initialization)', () => {
    it('looks again when the claim’s lease ends', () => {
      expect(decideDue(record('REINITIALIZING', { expiresAt: NOW - 1, lease: NOW + 5000 }))).toEqual({
        kind: 'later',
        at: NOW + 5000,
      });
    });

    it('settles the claim once its lease ran out (then decides again)', () => {
      expect(decideDue(record('REINITIALIZING', { lease: NOW }))).toEqual({ kind: 'settle-stale-work' });
    });
  });

  describe('CANCELING', () => {
    it('looks again when the cancellation’s lease ends', () => {
      expect(decideDue(record('CANCELING', { lease: NOW + 30_000 }))).toEqual({ kind: 'later', at: NOW + 30_000 });
    });

    it.each([
      ['exactly at', NOW],
      ['past', NOW - 1],
    ])('repeats the cancellation %s the end of its lease (item 7)', (_when, lease) => {
      expect(decideDue(record('CANCELING', { lease }))).toEqual({ kind: 'cancel' });
    });

    it('looks again a second after the read when nothing holds a lease on it', () => {
      expect(decideDue(record('CANCELING', { lease: null }))).toEqual({ kind: 'later', at: NOW + 1000 });
    });
  });
});

describe('nextAttemptIn: backoff between release attempts (docs/operations.md item 10)', () => {
  /** random() at the ends of its range: 0 gives half the wait, 1 (its open end) all of it. */
  const lowest = () => 0;
  const highest = () => 1;

  it.each([
    [1, 2000],
    [2, 4000],
    [3, 8000],
    [4, 16_000],
    [8, 256_000],
    [9, MAX_BACKOFF_MS],
    [50, MAX_BACKOFF_MS],
  ])('waits at most base × 2^(attempts − 1), capped at 5 minutes, after %i failed attempts', (attempts, full) => {
    expect(nextAttemptIn(attempts, BASE_MS, highest)).toBe(full);
    expect(nextAttemptIn(attempts, BASE_MS, lowest)).toBe(full / 2);
  });

  it.each([0, -3])('waits like after one attempt for %i attempts', (attempts) => {
    expect(nextAttemptIn(attempts, BASE_MS, highest)).toBe(BASE_MS);
  });

  it('stays between half and all of the exponential wait, whatever the jitter draws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, baseMs, draw) => {
          const full = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempts - 1));
          const wait = nextAttemptIn(attempts, baseMs, () => draw);
          expect(Number.isInteger(wait)).toBe(true);
          expect(wait).toBeGreaterThanOrEqual(Math.floor(full / 2));
          expect(wait).toBeLessThanOrEqual(full);
        },
      ),
    );
  });

  it('never waits less after more failures with the same draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, draw) => {
          const random = () => draw;
          expect(nextAttemptIn(n + 1, BASE_MS, random)).toBeGreaterThanOrEqual(nextAttemptIn(n, BASE_MS, random));
        },
      ),
    );
  });

  it('spreads payments that failed together over the jitter window (Math.random by default)', () => {
    const waits = new Set(Array.from({ length: 50 }, () => nextAttemptIn(3, BASE_MS)));
    // 50 draws over 4001 possible waits: a constant jitter would give one value.
    expect(waits.size).toBeGreaterThan(10);
    for (const wait of waits) expect(wait).toSatisfy((ms: number) => ms >= 4000 && ms <= 8000);
  });
});
