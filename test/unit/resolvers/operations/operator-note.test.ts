import { describe, expect, it } from 'vitest';
import { noteOperatorAction } from '../../../../src/resolvers/operations/operator-note.ts';
import { retryRelease } from '../../../../src/resolvers/operations/retry-release.ts';
import { lookAtDuePayment } from '../../../../src/resolvers/release/look-at-due-payment.ts';
import { initializedPayment, placementHeldAt, storedPayment } from '../../support/payments.ts';
import { expectError, expectOk, expectRefused } from '../../support/results.ts';
import { UNIT_SETTINGS, useCaseDeps } from '../../support/use-case-deps.ts';

const LEASE_MS = UNIT_SETTINGS.placementLeaseMs;

describe('noteOperatorAction: every operator action is an event first (docs/operations.md item 15)', () => {
  it('records OPERATOR_ACTION with the action and the note, changes nothing else, and logs the action', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    const noted = expectOk(
      await noteOperatorAction(deps, {
        preOrderPaymentId: record.id,
        action: 'looked at it',
        note: 'ticket 4711',
        appliesTo: () => true,
      }),
    );
    expect(noted.events.at(-1)).toEqual({
      type: 'OPERATOR_ACTION',
      message: 'looked at it: ticket 4711',
      at: deps.clock.now(),
    });
    const { events: _after, version, updatedAt: _updated, ...rest } = noted;
    const { events: _before, version: previous, updatedAt: _previous, ...unchanged } = record;
    expect(rest).toEqual(unchanged);
    expect(version).toBe(previous + 1);
    expect(await storedPayment(deps, record.id)).toEqual(noted);
    expect(deps.logger.entries.at(-1)).toMatchObject({
      level: 'info',
      fields: { preOrderPaymentId: record.id, action: 'looked at it' },
    });
  });

  it.each([
    ['an unknown id', 'pop_AAAAAAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAA'],
    ['a malformed id', 'not-a-payment'],
  ])('answers PRE_ORDER_PAYMENT_NOT_FOUND for %s', async (_what, preOrderPaymentId) => {
    const deps = useCaseDeps();
    const noted = await noteOperatorAction(deps, {
      preOrderPaymentId,
      action: 'looked at it',
      note: 'ticket 4711',
      appliesTo: () => true,
    });
    expectRefused(noted, 'PRE_ORDER_PAYMENT_NOT_FOUND');
  });

  it('leaves a placement in flight alone: its refused checkout still hands the payment back to INITIALIZED', async () => {
    // Found in review: a note written on a payment a placement held moved the version under the
    // holder, so its hand-back after a refusal was lost and the lease's end made it an unknown outcome.
    const deps = useCaseDeps();
    const { record, held, pending } = await placementHeldAt(deps, 'checkout');
    deps.glue.next('checkout', { kind: 'rejected', upstream: { status: 422, code: '1101' }, violations: [] });
    const retried = await retryRelease(deps, { preOrderPaymentId: record.id, note: 'by mistake', requestId: 'ops-3' });
    expect(retried).toMatchObject({ ok: false, error: { code: 'NOT_APPLICABLE', status: 'PLACING_ORDER' } });
    held.release();
    expectError(await pending, 'CHECKOUT_REJECTED');
    deps.clock.advance(LEASE_MS);
    // The sweeper settles what the holder left: today ORDER_OUTCOME_UNKNOWN.
    await lookAtDuePayment(deps, record.id);
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });
});
