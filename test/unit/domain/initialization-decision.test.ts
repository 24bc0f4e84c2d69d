import { describe, expect, it } from 'vitest';
import { inputsKey } from '../../../src/domain/fingerprint.ts';
import type { OwnerKey } from '../../../src/domain/ids.ts';
import { decideInitialization, type Wanted } from '../../../src/domain/initialization-decision.ts';
import type { PreOrderPaymentStatus } from '../../../src/domain/pre-order-payment.ts';
import { makeRecord } from '../../support/records.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 10, 0);
const OWNER = 'g_owner-a' as OwnerKey;

/** What the record below was made for: same owner, method, cart fingerprint and shipments. */
function wanted(overrides: Partial<Wanted> = {}): Wanted {
  return {
    ownerKey: OWNER,
    paymentMethodName: 'Stripe',
    paymentProviderName: 'Stripe',
    fingerprint: 'fp-1',
    shipmentsKey: 'sk-1',
    inputsKey: inputsKey(makeRecord().inputs),
    ...overrides,
  };
}

function current(status: PreOrderPaymentStatus, overrides: Parameters<typeof makeRecord>[0] = {}) {
  return makeRecord({
    status,
    ownerKey: OWNER,
    paymentMethodName: 'Stripe',
    paymentProviderName: 'Stripe',
    fingerprint: 'fp-1',
    shipmentsKey: 'sk-1',
    expiresAt: NOW + 60_000,
    // The store's clock at the read: deadlines are judged by it.
    observedAt: NOW,
    placement: null,
    ...overrides,
  });
}

describe('decideInitialization (docs/initialize.md item 4)', () => {
  it('creates a payment when the cart has none', () => {
    expect(decideInitialization(null, wanted())).toEqual({ kind: 'create' });
  });

  it.each(['CANCELED', 'EXPIRED'] as const)('creates a new payment when the current one is %s', (status) => {
    expect(decideInitialization(current(status), wanted())).toEqual({ kind: 'create' });
  });

  it.each(['PLACING_ORDER', 'CANCELING', 'REINITIALIZING'] as const)(
    'answers in-progress while the current one is %s',
    (status) => {
      expect(decideInitialization(current(status), wanted())).toEqual({ kind: 'in-progress' });
    },
  );

  it('answers order-placed with the record when the cart’s order exists', () => {
    const record = current('ORDER_PLACED', { orderReference: 'DE--1' });
    expect(decideInitialization(record, wanted())).toEqual({ kind: 'order-placed', record });
  });

  it('answers outcome-unknown with the record when the cart’s order outcome is unknown', () => {
    const record = current('ORDER_OUTCOME_UNKNOWN');
    expect(decideInitialization(record, wanted())).toEqual({ kind: 'outcome-unknown', record });
  });

  it('replays an INITIALIZED payment of the same owner, method, fingerprint and shipments', () => {
    const record = current('INITIALIZED');
    expect(decideInitialization(record, wanted())).toEqual({ kind: 'replay', record });
  });

  it('re-initializes when the cart fingerprint changed', () => {
    const record = current('INITIALIZED');
    expect(decideInitialization(record, wanted({ fingerprint: 'fp-2' }))).toEqual({
      kind: 'reinitialize',
      record,
    });
  });

  it('re-initializes when only the shipments changed', () => {
    const record = current('INITIALIZED');
    expect(decideInitialization(record, wanted({ shipmentsKey: 'sk-2' }))).toEqual({
      kind: 'reinitialize',
      record,
    });
  });

  it('re-initializes an unchanged payment whose expiresAt has passed, instead of replaying it', () => {
    const record = current('INITIALIZED', { expiresAt: NOW - 1 });
    expect(decideInitialization(record, wanted()).kind).toBe('reinitialize');
  });

  it('treats expiresAt equal to now as expired (re-initializes)', () => {
    const record = current('INITIALIZED', { expiresAt: NOW });
    expect(decideInitialization(record, wanted()).kind).toBe('reinitialize');
  });

  it('supersedes the payment when another method name is wanted', () => {
    const record = current('INITIALIZED');
    expect(decideInitialization(record, wanted({ paymentMethodName: 'PayPal Express' }))).toEqual({
      kind: 'supersede',
      record,
    });
  });

  it('supersedes the payment when the same method name of another provider is wanted', () => {
    const record = current('INITIALIZED');
    expect(decideInitialization(record, wanted({ paymentProviderName: 'Adyen' })).kind).toBe('supersede');
  });

  it('supersedes (never replays) an unchanged INITIALIZED payment of another owner', () => {
    const record = current('INITIALIZED');
    expect(decideInitialization(record, wanted({ ownerKey: 'c_owner-b' as OwnerKey }))).toEqual({
      kind: 'supersede',
      record,
    });
  });

  it('updates the inputs (no provider call) when only the customer or billing address changed', () => {
    const record = current('INITIALIZED');
    expect(decideInitialization(record, wanted({ inputsKey: 'another customer' }))).toEqual({
      kind: 'update-inputs',
      record,
    });
  });

  // Issue 8 finding 5: another owner's payment is judged by its owner first, so no answer names it.
  it.each([
    ['CANCELED', 'create'],
    ['EXPIRED', 'create'],
    ['INITIALIZED', 'supersede'],
    ['ORDER_PLACED', 'cart-taken'],
    ['ORDER_OUTCOME_UNKNOWN', 'in-progress'],
    ['PLACING_ORDER', 'in-progress'],
    ['CANCELING', 'in-progress'],
    ['REINITIALIZING', 'in-progress'],
  ] as const)('decides %s of another owner as %s, carrying none of its data', (status, kind) => {
    const decision = decideInitialization(current(status), wanted({ ownerKey: 'c_owner-b' as OwnerKey }));
    expect(decision.kind).toBe(kind);
    if (kind !== 'supersede') expect(decision).toEqual({ kind });
  });

  it('supersedes an expired payment of another method rather than re-initializing it', () => {
    const record = current('INITIALIZED', { expiresAt: NOW - 1 });
    expect(decideInitialization(record, wanted({ paymentMethodName: 'PayPal Express' })).kind).toBe('supersede');
  });
});
