import { describe, expect, it } from 'vitest';
import { address, anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import type { FaultSpec } from '../support/sandbox-control.ts';
import { useStack } from '../support/stack.ts';
import { guestWithCart, initSuccess } from './helpers.ts';

const stack = useStack();

/** A guest's cart, and its first initializePreOrderPayment while POST /payments answers the given Glue error. */
async function initializeWhileGlueFails(error: Pick<FaultSpec, 'status' | 'code' | 'detail'>) {
  const { cartId, sdk } = await guestWithCart(stack);
  await stack.control.fault({ endpoint: 'POST /payments', mode: 'status', ...error });
  const result = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
  return { cartId, sdk, result };
}

describe('initializePreOrderPayment', () => {
  it('answers an unchanged cart from the existing payment: replayed, same id and expiresAt, zero POST /payments', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const first = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment,
    );
    const before = await stack.control.count('POST /payments');
    const again = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment,
    );
    expect(again.replayed).toBe(true);
    expect(again.preOrderPayment.id).toBe(first.preOrderPayment.id);
    expect(again.preOrderPayment.expiresAt).toBe(first.preOrderPayment.expiresAt);
    expect(await stack.control.count('POST /payments')).toBe(before);
  });

  it('re-initializes the same pre-order payment in place after the cart changed, echoing preOrderPaymentData', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const first = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment,
    );
    await stack.control.setItems(cartId, [{ sku: SKU, quantity: 3 }]);
    const before = await stack.control.calls('POST /payments');
    const second = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment,
    );
    const after = await stack.control.calls('POST /payments');
    expect(second.replayed).toBe(false);
    expect(second.preOrderPayment.id).toBe(first.preOrderPayment.id);
    expect(second.preOrderPayment.amount.amount).toBeGreaterThan(first.preOrderPayment.amount.amount);
    expect(Date.parse(second.preOrderPayment.expiresAt)).toBeGreaterThanOrEqual(
      Date.parse(first.preOrderPayment.expiresAt),
    );
    expect(second.preOrderPayment.events.map((e) => e.type)).toEqual(['INITIALIZED', 'REINITIALIZED']);
    expect(after.length).toBe(before.length + 1);
    const body = after.at(-1)?.body as {
      data: { attributes: { preOrderPaymentData?: { transactionId?: string }; payment: { amount: number } } };
    };
    expect(body.data.attributes.preOrderPaymentData?.transactionId).toBe(first.preOrderPayment.transactionId);
    expect(body.data.attributes.payment.amount).toBe(second.preOrderPayment.amount.amount);
  });

  it('re-initializes when only the shipments changed, because the amount includes shipping', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const first = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment,
    );
    const express = initializeInput(cartId, { shipments: [{ shipmentMethodId: 2, shippingAddress: address() }] });
    const second = initSuccess((await sdk.InitializePreOrderPayment({ input: express })).initializePreOrderPayment);
    expect(second.preOrderPayment.id).toBe(first.preOrderPayment.id);
    expect(second.preOrderPayment.amount.amount).not.toBe(first.preOrderPayment.amount.amount);
  });

  it('cancels the old payment at Glue before creating a new one when the method changes', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const stripe = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment,
    );
    const cancellationsBefore = await stack.control.count('POST /payment-cancellations');
    const paypal = initSuccess(
      (
        await sdk.InitializePreOrderPayment({
          input: initializeInput(cartId, { paymentMethodName: 'PayPal Express', paymentProviderName: 'payone' }),
        })
      ).initializePreOrderPayment,
    );
    expect(paypal.preOrderPayment.id).not.toBe(stripe.preOrderPayment.id);
    expect(paypal.preOrderPayment.providerData.__typename).toBe('PayPalExpressPaymentData');
    expect(await stack.control.count('POST /payment-cancellations')).toBe(cancellationsBefore + 1);
    const old = (await sdk.PreOrderPayment({ id: stripe.preOrderPayment.id })).preOrderPayment;
    expect(old?.status).toBe('CANCELED');
    const transactions = await stack.control.transactions();
    expect(transactions.find((t) => t.transactionId === stripe.preOrderPayment.transactionId)?.status).toBe('canceled');
  });

  it('makes exactly one POST /payments for 20 concurrent initializations of one cart', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const before = await stack.control.count('POST /payments');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })),
    );
    expect(await stack.control.count('POST /payments')).toBe(before + 1);
    const ids = new Set<string>();
    for (const { initializePreOrderPayment: result } of results) {
      expect(['InitializePreOrderPaymentSuccess', 'OperationInProgressError']).toContain(result.__typename);
      if (result.__typename === 'InitializePreOrderPaymentSuccess') ids.add(result.preOrderPayment.id);
    }
    expect(ids.size).toBe(1);
  });

  it('answers ValidationError with one violation per bad field before anything reaches Glue', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const before = (await stack.control.calls()).length;
    const input = initializeInput(cartId, {
      customer: { salutation: 'Sir', firstName: '', lastName: 'W', email: 'not-an-email' },
      billingAddress: address({ iso2Code: 'XX', zipCode: '' }),
    });
    const result = (await sdk.InitializePreOrderPayment({ input })).initializePreOrderPayment;
    if (result.__typename !== 'ValidationError') throw new Error(result.__typename);
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(result.retryable).toBe(false);
    expect(result.violations.map((v) => v.path).sort()).toEqual(
      [
        'input.billingAddress.iso2Code',
        'input.billingAddress.zipCode',
        'input.customer.email',
        'input.customer.firstName',
        'input.customer.salutation',
      ].sort(),
    );
    expect((await stack.control.calls()).length).toBe(before);
  });

  it("answers CartNotFoundError for an unknown cart and for another guest's cart", async () => {
    const { cartId } = await guestWithCart(stack);
    const stranger = stack.guestSdk(anonymousId());
    const foreign = (await stranger.InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    expect(foreign).toMatchObject({ __typename: 'CartNotFoundError', cartId });
    const unknown = (
      await stranger.InitializePreOrderPayment({ input: initializeInput('00000000-0000-0000-0000-000000000000') })
    ).initializePreOrderPayment;
    expect(unknown.__typename).toBe('CartNotFoundError');
  });

  it('answers CartEmptyError for a cart without items', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    await stack.control.setItems(cartId, []);
    const result = (await stack.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    expect(result).toMatchObject({ __typename: 'CartEmptyError', cartId });
  });

  it('answers PaymentMethodNotAvailableError for an offline method and for an unknown one, with no POST /payments', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const before = await stack.control.count('POST /payments');
    const invoice = (
      await sdk.InitializePreOrderPayment({
        input: initializeInput(cartId, { paymentMethodName: 'Invoice', paymentProviderName: 'DummyPayment' }),
      })
    ).initializePreOrderPayment;
    expect(invoice).toMatchObject({
      __typename: 'PaymentMethodNotAvailableError',
      paymentMethodName: 'Invoice',
      paymentProviderName: 'DummyPayment',
    });
    const unknown = (
      await sdk.InitializePreOrderPayment({
        input: initializeInput(cartId, { paymentMethodName: 'Nope', paymentProviderName: 'Nobody' }),
      })
    ).initializePreOrderPayment;
    expect(unknown.__typename).toBe('PaymentMethodNotAvailableError');
    expect(await stack.control.count('POST /payments')).toBe(before);
  });

  it('answers PaymentProviderRejectedError when /payments is refused with a 422, and records nothing', async () => {
    const { cartId, sdk, result } = await initializeWhileGlueFails({
      status: 422,
      detail: 'Request to payment provider failed. Card declined.',
    });
    if (result.__typename !== 'PaymentProviderRejectedError') throw new Error(result.__typename);
    expect(result.retryable).toBe(false);
    expect(result.upstream?.status).toBe(422);
    expect((await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment).toBeNull();
  });

  it('answers a retryable UpstreamUnavailableError when /payments fails with a 5xx', async () => {
    const { cartId, sdk, result } = await initializeWhileGlueFails({ status: 503, detail: 'Service Unavailable' });
    expect(result).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });
    const retried = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    expect(retried.__typename).toBe('InitializePreOrderPaymentSuccess');
  });

  it('answers ValidationError mapped to input paths when /payments answers 422/901', async () => {
    const { result } = await initializeWhileGlueFails({
      status: 422,
      code: '901',
      detail: 'quote.customer.email => This value is not a valid email address.',
    });
    if (result.__typename !== 'ValidationError') throw new Error(result.__typename);
    expect(result.violations[0]?.path).toBe('input.customer.email');
  });

  it('answers PaymentMethodNotAvailableError when /payments says "Payment method not found"', async () => {
    const { result } = await initializeWhileGlueFails({ status: 422, detail: 'Payment method not found' });
    expect(result.__typename).toBe('PaymentMethodNotAvailableError');
  });
});
