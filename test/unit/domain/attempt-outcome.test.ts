import { describe, expect, it } from 'vitest';
import { type AttemptOutcome, decideOutcomeWrite } from '../../../src/domain/attempt-outcome.ts';
import type { PreOrderPaymentRecord, PreOrderPaymentStatus } from '../../../src/domain/pre-order-payment.ts';
import { makeRecord } from '../../support/records.ts';

const ATTEMPT = 2;

function stored(status: PreOrderPaymentStatus, overrides: Partial<PreOrderPaymentRecord> = {}) {
  return makeRecord({
    status,
    attempts: ATTEMPT,
    placement: { attempt: ATTEMPT, startedAt: 0, checkoutSent: true },
    ...overrides,
  });
}

function known(record: PreOrderPaymentRecord, outcome: AttemptOutcome['outcome']): AttemptOutcome {
  return { preOrderPaymentId: record.id, attempt: ATTEMPT, outcome };
}

const placed = { kind: 'placed', orderReference: 'DE--7', orderTotal: null, mismatch: false } as const;
const refused = { kind: 'not-placed', refusal: 'Shipment address invalid.' } as const;
const notSent = { kind: 'not-placed', refusal: null } as const;

describe('decideOutcomeWrite: an order Glue confirmed (docs/place-order.md item 6a)', () => {
  it('writes an order whose total differs from the payment with its total and the operators’ event, also from the outbox', () => {
    const record = stored('PLACING_ORDER');
    const orderTotal = { amount: record.amount.amount + 1500, currency: record.amount.currency };
    const decision = decideOutcomeWrite(record, known(record, { ...placed, orderTotal, mismatch: true }));
    expect(decision).toMatchObject({
      kind: 'write',
      change: {
        changes: { status: 'ORDER_PLACED', orderTotal, orderMismatch: { acknowledged: false } },
        moreEvents: [{ type: 'ORDER_TOTAL_MISMATCH' }],
      },
    });
  });

  it.each<PreOrderPaymentStatus>(['PLACING_ORDER', 'ORDER_OUTCOME_UNKNOWN', 'INITIALIZED', 'CANCELING'])(
    'writes ORDER_PLACED over %s: the order exists',
    (status) => {
      const record = stored(status);
      expect(decideOutcomeWrite(record, known(record, placed))).toEqual({
        kind: 'write',
        change: {
          changes: {
            status: 'ORDER_PLACED',
            orderReference: 'DE--7',
            reconciliation: null,
            orderTotal: null,
            orderMismatch: null,
          },
          event: { type: 'ORDER_PLACED', message: 'DE--7' },
          stamp: { leaseForMs: null },
        },
      });
    },
  );

  it('counts ORDER_PLACED with the same order as recorded (a replay is idempotent)', () => {
    const record = stored('ORDER_PLACED', { orderReference: 'DE--7' });
    expect(decideOutcomeWrite(record, known(record, placed))).toEqual({ kind: 'recorded' });
  });

  it.each<[PreOrderPaymentStatus, string | null]>([
    ['ORDER_PLACED', 'DE--8'],
    ['CANCELED', null],
    ['EXPIRED', null],
  ])('never changes %s (order %s): a conflict for an operator', (status, orderReference) => {
    const record = stored(status, { orderReference });
    expect(decideOutcomeWrite(record, known(record, placed)).kind).toBe('conflict');
  });

  it('answers gone without a record', () => {
    expect(decideOutcomeWrite(null, known(makeRecord(), placed))).toEqual({ kind: 'gone' });
  });
});

describe('decideOutcomeWrite: no order was made (docs/place-order.md item 9)', () => {
  it('hands this attempt back from PLACING_ORDER, with or without "checkout sent", recording a refusal', () => {
    for (const checkoutSent of [true, false]) {
      const record = stored('PLACING_ORDER', { placement: { attempt: ATTEMPT, startedAt: 0, checkoutSent } });
      expect(decideOutcomeWrite(record, known(record, refused))).toEqual({
        kind: 'write',
        change: {
          changes: { status: 'INITIALIZED', placement: null, orderReference: null, reconciliation: null },
          event: { type: 'ORDER_PLACEMENT_REJECTED', message: 'Shipment address invalid.' },
          stamp: { leaseForMs: null },
        },
      });
    }
  });

  it('writes no event when nothing was sent', () => {
    const record = stored('PLACING_ORDER');
    const decision = decideOutcomeWrite(record, known(record, notSent));
    expect(decision).toMatchObject({ kind: 'write', change: { changes: { status: 'INITIALIZED' } } });
    expect(decision.kind === 'write' && decision.change.event).toBeUndefined();
  });

  it('corrects this attempt’s unknown outcome the lease expiry presumed (no order named)', () => {
    const record = stored('ORDER_OUTCOME_UNKNOWN', { reconciliation: { attempts: 1, nextAt: 0 } });
    expect(decideOutcomeWrite(record, known(record, notSent))).toMatchObject({
      kind: 'write',
      change: { changes: { status: 'INITIALIZED', reconciliation: null } },
    });
  });

  it('leaves an unknown outcome that names an order alone: that is not what the lease expiry writes', () => {
    const record = stored('ORDER_OUTCOME_UNKNOWN', { orderReference: 'DE--1106' });
    expect(decideOutcomeWrite(record, known(record, refused)).kind).toBe('superseded');
  });

  it('counts this attempt already handed back as recorded', () => {
    const record = stored('INITIALIZED', { placement: null });
    expect(decideOutcomeWrite(record, known(record, refused))).toEqual({ kind: 'recorded' });
  });

  it.each<[string, Partial<PreOrderPaymentRecord>]>([
    ['a later attempt holds it', { attempts: 3, placement: { attempt: 3, startedAt: 0, checkoutSent: true } }],
    ['a later attempt was handed back', { status: 'INITIALIZED', attempts: 3, placement: null }],
    ['it was placed', { status: 'ORDER_PLACED', orderReference: 'DE--9' }],
    ['it is being canceled', { status: 'CANCELING' }],
    ['it was canceled', { status: 'CANCELED' }],
  ])('writes nothing when %s (superseded)', (_why, overrides) => {
    const record = stored('PLACING_ORDER', overrides);
    expect(decideOutcomeWrite(record, known(record, refused)).kind).toBe('superseded');
  });
});
