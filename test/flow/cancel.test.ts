import { afterEach, describe, expect, it } from 'vitest';
import { initializeInput } from '../support/fixtures.ts';
import type { FaultSpec } from '../support/sandbox-control.ts';
import { type Sdk, type Stack, useStack } from '../support/stack.ts';
import { cancelSuccess, guestWithPayment, initSuccess, placeSuccess, transactionStatus } from './helpers.ts';

const stack = useStack();
afterEach(async () => {
  await stack.control.clearFaults();
});

interface CancellationBody {
  data: {
    type: string;
    attributes: { payment: { paymentMethodName: string; paymentProviderName: string }; preOrderPaymentData: unknown };
  };
}

/** A guest's payment, and its first cancelPreOrderPayment while POST /payment-cancellations fails as given. */
async function cancelWhileGlueFails(failure: Omit<FaultSpec, 'endpoint'>, on: Stack = stack) {
  const { sdk, payment } = await guestWithPayment(on);
  await on.control.fault({ endpoint: 'POST /payment-cancellations', ...failure });
  const first = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment;
  return { sdk, payment, first };
}

describe('cancelPreOrderPayment', () => {
  it('cancels: CANCELED, exactly one POST /payment-cancellations carrying the stored preOrderPaymentData, transaction canceled at the provider', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    expect(await transactionStatus(stack, payment.transactionId)).toBe('new');

    const canceled = cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    expect(canceled.replayed).toBe(false);
    expect(canceled.preOrderPayment.id).toBe(payment.id);
    expect(canceled.preOrderPayment.status).toBe('CANCELED');
    expect(canceled.preOrderPayment.events.map((event) => event.type)).toEqual(['INITIALIZED', 'CANCELED']);

    const calls = await stack.control.cancellationsFor(payment.transactionId);
    expect(calls).toHaveLength(1);
    const body = calls[0]?.body as CancellationBody;
    expect(body.data.type).toBe('payment-cancellations');
    expect(body.data.attributes.preOrderPaymentData).toEqual(payment.preOrderPaymentData);
    expect(body.data.attributes.payment).toMatchObject({
      paymentMethodName: payment.paymentMethodName,
      paymentProviderName: payment.paymentProviderName,
    });
    expect(calls[0]?.status).toBe(201);
    expect(await transactionStatus(stack, payment.transactionId)).toBe('canceled');
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('CANCELED');
  });

  it('answers a second cancel with success, replayed: true, and sends no second cancellation', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    const before = await stack.control.count('POST /payment-cancellations');
    const again = cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    expect(again.replayed).toBe(true);
    expect(again.preOrderPayment.status).toBe('CANCELED');
    expect(again.preOrderPayment.events.filter((event) => event.type === 'CANCELED')).toHaveLength(1);
    expect(await stack.control.count('POST /payment-cancellations')).toBe(before);
  });

  it('answers PaymentProviderRejectedError when Glue refuses (codeless 422, as PaymentsRestApi does) without passing the provider text on, and the payment is INITIALIZED and usable again', async () => {
    const detail = 'Request to payment provider failed. Cancellation not allowed.';
    const { sdk, payment, first } = await cancelWhileGlueFails({ mode: 'status', status: 422, detail });
    if (first.__typename !== 'PaymentProviderRejectedError') throw new Error(JSON.stringify(first));
    expect(first.code).toBe('PAYMENT_PROVIDER_REJECTED');
    expect(first.retryable).toBe(false);
    expect(first.upstream).toEqual({ status: 422, code: null, detail: null });
    // docs/errors.md: a detail without a Glue code is the provider's text and never reaches a client.
    expect(JSON.stringify(first)).not.toContain('Cancellation not allowed');

    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
    expect((await sdk.ActivePreOrderPayment({ cartId: payment.cartId })).activePreOrderPayment?.id).toBe(payment.id);
    expect(await transactionStatus(stack, payment.transactionId)).toBe('new');
    // Usable again: a later cancellation goes through.
    const canceled = cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    expect(canceled.preOrderPayment.status).toBe('CANCELED');
    expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(2);
  });

  it('passes the detail of a coded Glue refusal of the cancellation to the client, cut before any "Response:" part', async () => {
    const { sdk, payment, first } = await cancelWhileGlueFails({
      mode: 'status',
      status: 422,
      code: '1102',
      detail: 'The payment cannot be canceled. Response: {"psp":"raw body"}',
    });
    if (first.__typename !== 'PaymentProviderRejectedError') throw new Error(JSON.stringify(first));
    expect(first.upstream).toEqual({ status: 422, code: '1102', detail: 'The payment cannot be canceled.' });
    expect(JSON.stringify(first)).not.toContain('raw body');
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
  });

  it('answers OrderAlreadyPlacedError with the order reference after the order was placed, and sends no cancellation', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    const placed = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    const result = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
      .cancelPreOrderPayment;
    if (result.__typename !== 'OrderAlreadyPlacedError') throw new Error(JSON.stringify(result));
    expect(result.orderReference).toBe(placed.order.orderReference);
    expect(result.preOrderPaymentId).toBe(payment.id);
    expect(result.retryable).toBe(false);
    expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(0);
    expect(await transactionStatus(stack, payment.transactionId)).toBe('authorized');
  });

  it('creates a NEW pre-order payment (new id, new transaction) when the cart is initialized again after a cancellation', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    expect((await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment).toBeNull();

    const fresh = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment,
    );
    expect(fresh.replayed).toBe(false);
    expect(fresh.preOrderPayment.id).not.toBe(payment.id);
    expect(fresh.preOrderPayment.status).toBe('INITIALIZED');
    expect(fresh.preOrderPayment.transactionId).not.toBe(payment.transactionId);
    expect(fresh.preOrderPayment.events.map((event) => event.type)).toEqual(['INITIALIZED']);
    // The canceled one stays canceled; the new one is the cart's live payment.
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('CANCELED');
    expect((await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment?.id).toBe(fresh.preOrderPayment.id);
    // The new one never sent the canceled transaction's data back to Glue.
    const last = (await stack.control.calls('POST /payments')).filter(
      (call) =>
        (call.body as { data: { attributes: { quote?: { uuid?: string } } } }).data.attributes.quote?.uuid === cartId,
    );
    expect(last).toHaveLength(2);
    expect(
      (last[1]!.body as { data: { attributes: Record<string, unknown> } }).data.attributes.preOrderPaymentData,
    ).toBeUndefined();
  });
});

describe('cancelPreOrderPayment without a clear answer (docs/cancel.md item 8)', () => {
  // A short lease, so the repeat after it comes within the test; the sweeper repeats it.
  const brief = useStack({ env: { GLUE_TIMEOUT_MS: '1000', PLACEMENT_LEASE_MS: '6000', SWEEP_INTERVAL_MS: '200' } });
  afterEach(async () => {
    await brief.control.clearFaults();
  });

  /** Waits (up to 15 s) until the payment has left CANCELING, and answers what it became. */
  async function settledStatus(sdk: Sdk, id: string): Promise<string | undefined> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const status = (await sdk.PreOrderPayment({ id })).preOrderPayment?.status;
      if (status !== 'CANCELING' || Date.now() > deadline) return status;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('keeps a payment CANCELING after 503s, refuses to place it meanwhile, and repeats the cancellation after its lease until it is CANCELED', async () => {
    const { sdk, payment, first } = await cancelWhileGlueFails(
      { mode: 'status', status: 503, detail: 'Service Unavailable', count: 3 },
      brief,
    );
    if (first.__typename !== 'UpstreamUnavailableError') throw new Error(JSON.stringify(first));
    expect(first.retryable).toBe(true);
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('CANCELING');
    const place = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(place.__typename).toBe('OperationInProgressError');
    expect(await brief.control.checkoutsFor(payment.cartId)).toHaveLength(0);

    expect(await settledStatus(sdk, payment.id)).toBe('CANCELED');
    const calls = await brief.control.cancellationsFor(payment.transactionId);
    expect(calls.map((call) => call.status)).toEqual([503, 503, 503, 201]);
    expect(await transactionStatus(brief, payment.transactionId)).toBe('canceled');
  });

  it('finishes a cancellation whose answer was lost (a 500 after the effect): the repeat meets "already canceled" and it ends CANCELED with an event saying so', async () => {
    const { sdk, payment, first } = await cancelWhileGlueFails(
      { mode: 'after-effect', status: 500, detail: 'Internal Server Error' },
      brief,
    );
    expect(first).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });
    // The provider did cancel; the gateway could not know, so it stays CANCELING and repeats it.
    expect(await transactionStatus(brief, payment.transactionId)).toBe('canceled');
    const canceling = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    expect(canceling?.status).toBe('CANCELING');
    // The unclear attempt is an event for operators only: the shopper's history stays the contract's.
    expect(canceling?.events.map((event) => event.type)).toEqual(['INITIALIZED']);

    expect(await settledStatus(sdk, payment.id)).toBe('CANCELED');
    const calls = await brief.control.cancellationsFor(payment.transactionId);
    expect(calls.map((call) => call.status)).toEqual([500, 422]);
    const canceled = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    const event = canceled?.events.find((candidate) => candidate.type === 'CANCELED');
    expect(event?.message ?? '').toMatch(/already canceled/i);
    const again = cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    expect(again).toMatchObject({ replayed: true, preOrderPayment: { status: 'CANCELED' } });
  });
});
