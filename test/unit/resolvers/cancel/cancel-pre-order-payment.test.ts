import { describe, expect, it } from 'vitest';
import { cancelPreOrderPayment } from '../../../../src/resolvers/cancel/cancel-pre-order-payment.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { customerCaller, guestCaller, sameCaller } from '../../support/callers.ts';
import {
  cancellationStarted,
  initializedPayment,
  placementHeldAt,
  rewrite,
  storedPayment,
} from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

/** The settings' placement lease, which cancellations hold too. */
const LEASE_MS = 30_000;

describe('cancelPreOrderPayment by status (docs/cancel.md items 1-5)', () => {
  it('cancels an INITIALIZED payment at Glue with its stored map and records CANCELED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const canceled = expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(canceled.replayed).toBe(false);
    expect(canceled.record).toMatchObject({ id: record.id, status: 'CANCELED', version: record.version + 2 });
    expect(canceled.record.events.at(-1)).toMatchObject({ type: 'CANCELED', message: 'canceled by the shopper' });
    expect(deps.glue.requestsOf('cancelPayment')).toEqual([
      {
        paymentMethodName: 'Stripe',
        paymentProviderName: 'Stripe',
        preOrderPaymentData: record.preOrderPaymentData,
      },
    ]);
    expect(deps.glue.transaction(record.transactionId ?? '')?.status).toBe('canceled');
    expect(await storedPayment(deps, record.id)).toEqual(canceled.record);
  });

  it.each(['CANCELED', 'EXPIRED'] as const)(
    'answers success with replayed true and calls no Glue for a payment already %s',
    async (status) => {
      const deps = useCaseDeps();
      const { caller, record } = await initializedPayment(deps);
      await rewrite(deps, record, { status });
      const callsBefore = deps.glue.calls.length;
      const answer = expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
      expect(answer).toMatchObject({ replayed: true, record: { status } });
      expect(deps.glue.calls).toHaveLength(callsBefore);
    },
  );

  it('answers OrderAlreadyPlacedError with the reference for an ORDER_PLACED payment', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    const error = expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_ALREADY_PLACED',
    );
    expect(error.orderReference).toBe(placed.order.orderReference);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('answers OrderOutcomeUnknownError for an ORDER_OUTCOME_UNKNOWN payment and cancels nothing', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await rewrite(deps, record, { status: 'ORDER_OUTCOME_UNKNOWN', orderReference: 'DE--5' });
    const error = expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error.orderReference).toBe('DE--5');
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('answers OperationInProgressError while a placement is in flight, and sends no cancellation', async () => {
    const deps = useCaseDeps();
    const { caller, record, held, pending: placing } = await placementHeldAt(deps, 'checkout');
    expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'OPERATION_IN_PROGRESS',
    );
    held.release();
    expectOk(await placing);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('answers OperationInProgressError for a CANCELING payment whose cancellation still holds its lease', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 50 } });
    const { caller, record } = await initializedPayment(deps);
    await cancellationStarted(deps, record, LEASE_MS);
    deps.clock.advance(LEASE_MS - 1);
    expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'OPERATION_IN_PROGRESS',
    );
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('repeats a cancellation nobody finished once its lease ran out, and it ends CANCELED (docs/cancel.md item 8)', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('cancelPayment', { kind: 'no-answer', upstream: null });
    expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'UPSTREAM_UNAVAILABLE',
    );
    expect((await storedPayment(deps, record.id)).status).toBe('CANCELING');
    deps.clock.advance(LEASE_MS);
    const canceled = expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(canceled.record.status).toBe('CANCELED');
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(2);
  });

  // Issue 8 finding 2b: a cancel whose own CANCELED write lost answers what the record says, not "canceled".
  it('answers what the record says when its own CANCELED write lost to a repeat that took over after its lease', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const held = deps.glue.hold('cancelPayment');
    const slow = cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    await held.reached;
    deps.clock.advance(LEASE_MS);
    // The repeat finds the provider's cancellation done (the slow one's request arrived first).
    deps.glue.next('cancelPayment', { kind: 'already-canceled', upstream: { status: 422, code: '1703' } });
    const repeat = expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(repeat.record.status).toBe('CANCELED');
    held.release();
    const late = expectOk(await slow);
    expect(late).toMatchObject({ replayed: true, record: { status: 'CANCELED', version: repeat.record.version } });
    expect(deps.logger.entries.map((entry) => entry.message)).toContain(
      'payment canceled at the provider but not recorded as such',
    );
  });

  it('answers PreOrderPaymentNotFoundError for someone else’s payment, an unknown and a malformed id', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    for (const [caller, preOrderPaymentId] of [
      [guestCaller(), record.id],
      [customerCaller(), record.id],
      [guestCaller(), `${record.id.slice(0, -4)}AAAA`],
      [guestCaller(), 'pop_nope'],
    ] as const) {
      expectError(await cancelPreOrderPayment(deps, caller, { preOrderPaymentId }), 'PRE_ORDER_PAYMENT_NOT_FOUND');
    }
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  it('lets nobody place the order of a canceled payment', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'PRE_ORDER_PAYMENT_CANCELED',
    );
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });
});

describe('cancelPreOrderPayment by Glue’s answer (items 6-11)', () => {
  it('answers PaymentProviderRejectedError on a refusal and puts the payment back to INITIALIZED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('cancelPayment', { kind: 'provider-rejected', upstream: { status: 422, detail: 'captured' } });
    const error = expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'PAYMENT_PROVIDER_REJECTED',
    );
    expect(error.upstream).toMatchObject({ detail: 'captured' });
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  it('answers a retryable UpstreamUnavailableError when nothing was sent, payment back to INITIALIZED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('cancelPayment', { kind: 'unavailable', upstream: null, retryAfterSeconds: 5 });
    const error = expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.retryAfterSeconds).toBe(5);
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  it('keeps the payment CANCELING after an unclear cancellation (a 5xx), answering a retryable error (docs/cancel.md item 8)', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('cancelPayment', { kind: 'no-answer', upstream: { status: 502 } }, { effect: true });
    const error = expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    const stored = await storedPayment(deps, record.id);
    expect(stored.status).toBe('CANCELING');
    expect(stored.events.at(-1)?.type).toBe('CANCELLATION_UNCLEAR');
    expect(deps.glue.transaction(record.transactionId ?? '')?.status).toBe('canceled');
  });

  it('completes a repeated cancellation answered "already canceled": CANCELED, with a note in the event', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next(
      'cancelPayment',
      { kind: 'unavailable', upstream: { status: 504 }, retryAfterSeconds: null },
      { effect: true },
    );
    expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'UPSTREAM_UNAVAILABLE',
    );
    const canceled = expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(canceled.record.status).toBe('CANCELED');
    expect(canceled.record.events.at(-1)?.message).toBe(
      'canceled by the shopper; the provider reported the payment as already canceled',
    );
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(2);
  });

  it('sends one cancellation for two concurrent cancels; the second answers the first’s CANCELED', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 2000 } });
    const { caller, record } = await initializedPayment(deps);
    const held = deps.glue.hold('cancelPayment');
    const first = cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    await held.reached;
    const second = cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    held.release();
    const [one, two] = [expectOk(await first), expectOk(await second)];
    expect(one).toMatchObject({ replayed: false, record: { status: 'CANCELED' } });
    expect(two).toMatchObject({ replayed: true, record: { status: 'CANCELED' } });
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
  });

  it('forwards the caller’s own credentials to /payment-cancellations (item 13)', async () => {
    const deps = useCaseDeps();
    const caller = customerCaller();
    const { record } = await initializedPayment(deps, { caller });
    expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(deps.glue.callsOf('cancelPayment').map((call) => call.caller.identity)).toEqual([caller.identity]);
  });

  it('refuses a malformed idempotency key before reading anything', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const callsBefore = deps.glue.calls.length;
    const error = expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id, idempotencyKey: '' }),
      'VALIDATION_FAILED',
    );
    expect(error.violations).toEqual([
      { path: 'input.idempotencyKey', message: 'must be 1-255 characters from U+0021 to U+007E' },
    ]);
    expect(deps.glue.calls).toHaveLength(callsBefore);
  });
});
