import { describe, expect, it } from 'vitest';
import type { OperatorError } from '../../../../src/domain/operator-errors.ts';
import { type PreOrderPaymentRecord, shopperVisibleEvents } from '../../../../src/domain/pre-order-payment.ts';
import type { Result } from '../../../../src/domain/result.ts';
import {
  type OutcomeResolution,
  resolveOrderOutcome,
} from '../../../../src/resolvers/operations/resolve-order-outcome.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { lookAtDuePayment } from '../../../../src/resolvers/release/look-at-due-payment.ts';
import { sameCaller } from '../../support/callers.ts';
import { initializedPayment, rewrite, storedPayment } from '../../support/payments.ts';
import { expectError, expectRefused } from '../../support/results.ts';
import { type TestDeps, UNIT_SETTINGS, useCaseDeps } from '../../support/use-case-deps.ts';

const LEASE_MS = UNIT_SETTINGS.placementLeaseMs;
const NOTE = 'checked the back office with the shopper on the phone';
const REQUEST_ID = 'ops-request-1';

/** The success of an operator's action; fails the test with the error's code otherwise. */
function expectDone(result: Result<PreOrderPaymentRecord, OperatorError>): PreOrderPaymentRecord {
  if (!result.ok) expect.fail(`expected a success, got ${result.error.code}: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A guest's payment whose checkout answered 1106: the order may exist, and guests cannot be reconciled. */
async function unknownOutcome(deps: TestDeps): Promise<PreOrderPaymentRecord> {
  const { caller, record } = await initializedPayment(deps);
  deps.glue.next('checkout', {
    kind: 'order-may-exist',
    orderReference: null,
    upstream: { status: 422, code: '1106' },
  });
  expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
  return storedPayment(deps, record.id);
}

function resolution(record: PreOrderPaymentRecord, decided: Partial<OutcomeResolution>): OutcomeResolution {
  return { preOrderPaymentId: record.id, note: NOTE, requestId: REQUEST_ID, ...decided };
}

async function listedIds(deps: TestDeps): Promise<string[]> {
  const listed = await deps.attention.list({ limit: 100, after: null });
  if (!listed.ok) throw new Error('the attention index is unavailable');
  return listed.value.map((entry) => entry.id);
}

describe('resolveOrderOutcome with the order an operator found (docs/operations.md item 13)', () => {
  it('records ORDER_PLACED with that order, after the operator’s note, and stops listing the payment', async () => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    expect(await listedIds(deps)).toEqual([record.id]);

    const placed = expectDone(await resolveOrderOutcome(deps, resolution(record, { orderReference: 'DE--77' })));
    expect(placed).toMatchObject({ status: 'ORDER_PLACED', orderReference: 'DE--77', reconciliation: null });
    expect(placed.events.slice(-2)).toEqual([
      expect.objectContaining({ type: 'OPERATOR_ACTION', message: `resolved as placed with order DE--77: ${NOTE}` }),
      expect.objectContaining({ type: 'ORDER_PLACED', message: 'DE--77, confirmed by an operator' }),
    ]);
    expect(await storedPayment(deps, record.id)).toEqual(placed);
    expect(await listedIds(deps)).toEqual([]);
    expect(deps.glue.writes().filter((call) => call.method === 'cancelPayment')).toEqual([]);
  });

  it('trims the order reference', async () => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    const placed = expectDone(await resolveOrderOutcome(deps, resolution(record, { orderReference: '  DE--77\t' })));
    expect(placed.orderReference).toBe('DE--77');
  });

  it('keeps the operator’s note out of the events shoppers see', async () => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    const placed = expectDone(await resolveOrderOutcome(deps, resolution(record, { orderReference: 'DE--77' })));
    expect(shopperVisibleEvents(placed.events).map((event) => event.type)).not.toContain('OPERATOR_ACTION');
  });
});

describe('resolveOrderOutcome with notPlaced: no order exists, the payment is released', () => {
  it('cancels it at the provider once, as the gateway, and records CANCELED', async () => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    const canceled = expectDone(await resolveOrderOutcome(deps, resolution(record, { notPlaced: true })));
    expect(canceled).toMatchObject({ status: 'CANCELED', cancellation: null, lease: null });
    expect(canceled.events.slice(-2)).toEqual([
      expect.objectContaining({ type: 'OPERATOR_ACTION', message: `resolved as not placed: ${NOTE}` }),
      expect.objectContaining({ type: 'CANCELED', message: 'released by an operator: no order was placed' }),
    ]);
    const calls = deps.glue.callsOf('cancelPayment');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.caller).toEqual({ identity: { kind: 'gateway' }, acceptLanguage: null, requestId: REQUEST_ID });
    expect(deps.glue.transaction(record.transactionId ?? '')?.status).toBe('canceled');
    expect(await listedIds(deps)).toEqual([]);
    // Not a release after the deadline.
    expect(deps.metrics.releases).toEqual([]);
  });

  it('answers the provider’s refusal', async () => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    deps.glue.next('cancelPayment', { kind: 'provider-rejected', upstream: { status: 422, detail: 'captured' } });
    const error = expectRefused(
      await resolveOrderOutcome(deps, resolution(record, { notPlaced: true })),
      'PAYMENT_PROVIDER_REJECTED',
    );
    expect(error).toMatchObject({ upstream: { detail: 'captured' } });
  });

  it('keeps the payment ORDER_OUTCOME_UNKNOWN and listed when its release was not sent, so the operator can retry', async () => {
    // Found in review: a failed release used to hand the payment "back to INITIALIZED", turning an
    // unknown outcome into a live, placeable payment (a second order if the first existed).
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    deps.glue.next('cancelPayment', { kind: 'unavailable', upstream: null, retryAfterSeconds: 5 });
    expectRefused(await resolveOrderOutcome(deps, resolution(record, { notPlaced: true })), 'UPSTREAM_UNAVAILABLE');
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_OUTCOME_UNKNOWN');
    expect(await listedIds(deps)).toEqual([record.id]);
    expectDone(await resolveOrderOutcome(deps, resolution(record, { notPlaced: true })));
  });

  it('leaves a release without a clear answer CANCELING; the sweeper repeats it after its lease and it ends CANCELED', async () => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    deps.glue.next('cancelPayment', { kind: 'no-answer', upstream: { status: 504 } });
    expectRefused(await resolveOrderOutcome(deps, resolution(record, { notPlaced: true })), 'UPSTREAM_UNAVAILABLE');
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'CANCELING',
      cancellation: { purpose: 'operator' },
    });
    deps.clock.advance(LEASE_MS);
    expect(await lookAtDuePayment(deps, record.id)).toBe('released');
    expect((await storedPayment(deps, record.id)).status).toBe('CANCELED');
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(2);
  });
});

describe('resolveOrderOutcome refusals', () => {
  it.each([
    ['both an order reference and notPlaced', { orderReference: 'DE--77', notPlaced: true }],
    ['neither', {}],
    ['a blank order reference', { orderReference: '   ' }],
    ['notPlaced false without an order reference', { orderReference: null, notPlaced: false }],
  ])('answers VALIDATION_FAILED for %s, and records nothing', async (_what, decided) => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    const error = expectRefused(await resolveOrderOutcome(deps, resolution(record, decided)), 'VALIDATION_FAILED');
    expect(error).toMatchObject({
      violations: [{ path: 'input', message: 'give either orderReference or notPlaced: true' }],
    });
    expect(await storedPayment(deps, record.id)).toEqual(record);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it.each([
    ['INITIALIZED', {}],
    ['ORDER_PLACED', { status: 'ORDER_PLACED', orderReference: 'DE--5' }],
    ['CANCELED', { status: 'CANCELED' }],
    ['EXPIRED', { status: 'EXPIRED' }],
  ] as const)(
    'answers NOT_APPLICABLE for a %s payment and writes nothing, not even the note',
    async (status, changes) => {
      const deps = useCaseDeps();
      const { record } = await initializedPayment(deps);
      const before = Object.keys(changes).length > 0 ? await rewrite(deps, record, changes) : record;
      for (const decided of [{ orderReference: 'DE--77' }, { notPlaced: true }]) {
        const error = expectRefused(await resolveOrderOutcome(deps, resolution(record, decided)), 'NOT_APPLICABLE');
        expect(error).toMatchObject({ status });
      }
      // A refused action is no action: the record keeps its version (work holding it is not disturbed).
      expect(await storedPayment(deps, record.id)).toEqual(before);
      expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
    },
  );

  it.each([
    ['an unknown id', (record: PreOrderPaymentRecord) => `${record.id.slice(0, -4)}AAAA`],
    ['a malformed id', () => 'pop_nope'],
  ])('answers PRE_ORDER_PAYMENT_NOT_FOUND for %s', async (_what, idOf) => {
    const deps = useCaseDeps();
    const record = await unknownOutcome(deps);
    const answer = await resolveOrderOutcome(deps, {
      ...resolution(record, { orderReference: 'DE--77' }),
      preOrderPaymentId: idOf(record),
    });
    expectRefused(answer, 'PRE_ORDER_PAYMENT_NOT_FOUND');
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_OUTCOME_UNKNOWN');
  });
});
