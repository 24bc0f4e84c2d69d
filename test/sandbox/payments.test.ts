import { describe, expect, it } from 'vitest';
import {
  CUSTOMER,
  checkoutAttributes,
  control,
  firstError,
  glue,
  guestWithCart,
  INVOICE,
  PAYPAL_EXPRESS,
  postPayment,
  resource,
  STRIPE,
  useSandbox,
} from './helpers.ts';

const sandbox = useSandbox();

async function initialize(payment: object, amount: number, preOrderPaymentData?: Record<string, unknown>) {
  return postPayment(sandbox, { payment, amount, preOrderPaymentData, who: { anonymousId: 'payer' } });
}

/** The guest's `POST /checkout` with PayPal Express and the stored map. */
async function expressCheckout(guest: { anonymousId: string; cartId: string }, preOrderPaymentData: unknown) {
  return glue(sandbox, {
    method: 'POST',
    path: '/checkout',
    anonymousId: guest.anonymousId,
    body: resource('checkout', checkoutAttributes(guest.cartId, PAYPAL_EXPRESS, { preOrderPaymentData })),
  });
}

async function cancel(payment: object, preOrderPaymentData: Record<string, unknown>) {
  return glue(sandbox, {
    method: 'POST',
    path: '/payment-cancellations',
    body: resource('payment-cancellations', { payment, preOrderPaymentData }),
  });
}

describe('POST /payments', () => {
  it('validates like payments.validation.yaml: one 422/901 per violation', async () => {
    const answer = await glue(sandbox, {
      method: 'POST',
      path: '/payments',
      body: resource('payments', {
        payment: { amount: 'abc', paymentMethodName: '', paymentProviderName: 'Stripe' },
        quote: {
          customer: { ...CUSTOMER, email: 'nope' },
          billingAddress: { iso2Code: 'XX' },
          currency: { code: 'EURO' },
        },
      }),
    });
    expect(answer.status).toBe(422);
    expect(answer.json.errors.map((error: { detail: string }) => error.detail)).toEqual([
      'quote.customer.email => This value is not a valid email address.',
      'quote.billingAddress.iso2Code => This value is not a valid country.',
      'quote.currency.code => This value is not a valid currency.',
      'payment.amount => This value should be of type numeric.',
      'payment.paymentMethodName => This value should not be blank.',
    ]);
    expect(firstError(answer)).toMatchObject({ status: 422, code: '901' });
  });

  it('answers 422 "Payment method not found" without a code for an unknown method', async () => {
    const answer = await initialize({ paymentMethodName: 'Nope', paymentProviderName: 'Stripe' }, 100);
    expect(answer.json).toEqual({ errors: [{ status: 422, detail: 'Payment method not found' }] });
  });

  it('refuses an offline method (no app, no authorization endpoint)', async () => {
    const answer = await initialize(INVOICE, 100);
    expect(answer.status).toBe(422);
    expect(firstError(answer).detail).toContain(
      'Could not find an authorization endpoint for the payment method "dummypayment-invoice"',
    );
  });

  it('re-initializes a Stripe payment: same amount same data, new amount same transaction with the amount updated', async () => {
    const first = (await initialize(STRIPE, 1000)).json.data.attributes.preOrderPaymentData;
    const again = (await initialize(STRIPE, 1000, first)).json.data.attributes.preOrderPaymentData;
    expect(again).toEqual(first);
    const changed = (await initialize(STRIPE, 1500, first)).json.data.attributes.preOrderPaymentData;
    expect(changed.transactionId).toBe(first.transactionId);
    const transactions = (await control(sandbox, { method: 'GET', path: '/transactions' })).json.transactions;
    expect(transactions.find((t: { transactionId: string }) => t.transactionId === first.transactionId)).toMatchObject({
      amount: 1500,
      status: 'new',
      methodKey: 'stripe-stripe',
    });
  });

  it('re-initializes a Payone payment with a new amount under a new transaction id and forgets the old one', async () => {
    const first = (await initialize(PAYPAL_EXPRESS, 1000)).json.data.attributes.preOrderPaymentData;
    const changed = (await initialize(PAYPAL_EXPRESS, 1200, first)).json.data.attributes.preOrderPaymentData;
    expect(changed.transactionId).not.toBe(first.transactionId);
    const stale = await initialize(PAYPAL_EXPRESS, 1200, first);
    expect(stale.json).toEqual({
      errors: [{ status: 422, detail: 'Request to payment provider failed. Transaction not found.' }],
    });
  });

  it('refuses re-initialization of an unknown or canceled transaction', async () => {
    expect(firstError(await initialize(STRIPE, 1000, { transactionId: 'pi_unknown' })).detail).toBe(
      'Request to payment provider failed. Transaction not found.',
    );
    const data = (await initialize(STRIPE, 1000)).json.data.attributes.preOrderPaymentData;
    expect((await cancel(STRIPE, data)).status).toBe(201);
    expect(firstError(await initialize(STRIPE, 1000, data)).detail).toBe(
      'Request to payment provider failed. Transaction not found.',
    );
  });
});

describe('POST /payment-cancellations', () => {
  it('cancels once with 201, then answers "Payment is already canceled." without a code', async () => {
    const data = (await initialize(STRIPE, 700)).json.data.attributes.preOrderPaymentData;
    const first = await cancel(STRIPE, data);
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({
      type: 'payment-cancellations',
      id: null,
      attributes: { isSuccessful: true, error: null, preOrderPaymentData: [] },
    });
    const second = await cancel(STRIPE, data);
    expect(second.json).toEqual({
      errors: [{ status: 422, detail: 'Request to payment provider failed. Payment is already canceled.' }],
    });
  });

  it('answers unknown method, unknown transaction and 901 for a blank transactionId', async () => {
    expect(
      firstError(await cancel({ paymentMethodName: 'x', paymentProviderName: 'y' }, { transactionId: 'pi_1' })).detail,
    ).toBe('Payment method not found');
    expect(firstError(await cancel(STRIPE, { transactionId: 'pi_unknown' })).detail).toBe(
      'Request to payment provider failed. Transaction not found.',
    );
    expect(firstError(await cancel(STRIPE, { transactionId: '' }))).toEqual({
      status: 422,
      code: '901',
      detail: 'preOrderPaymentData.transactionId => This value should not be blank.',
    });
  });
});

describe('express-checkout confirmation at /checkout', () => {
  it('saves the order but keeps the cart and answers 1102 naming the order when the payment was canceled', async () => {
    const guest = await guestWithCart(sandbox);
    const data = (await initialize(PAYPAL_EXPRESS, 39843)).json.data.attributes.preOrderPaymentData;
    await cancel(PAYPAL_EXPRESS, data);
    const checkout = await expressCheckout(guest, data);
    expect(checkout.status).toBe(422);
    const error = firstError(checkout);
    expect(error.code).toBe('1102');
    expect(error.detail).toMatch(/^Failed to confirm pre-order payment for order DE--\d+\. Response: \{.*\}$/);
    const orderReference = /order (DE--\d+)\./.exec(error.detail)?.[1];
    const orders = (await control(sandbox, { method: 'GET', path: '/orders' })).json.orders;
    expect(orders.some((order: { orderReference: string }) => order.orderReference === orderReference)).toBe(true);
    expect(
      (await glue(sandbox, { method: 'GET', path: `/guest-carts/${guest.cartId}`, anonymousId: guest.anonymousId }))
        .status,
    ).toBe(200);
  });

  it('authorizes the express transaction and links the order on success', async () => {
    const guest = await guestWithCart(sandbox);
    const data = (await initialize(PAYPAL_EXPRESS, 39843)).json.data.attributes.preOrderPaymentData;
    const checkout = await expressCheckout(guest, data);
    expect(checkout.status).toBe(201);
    const transactions = (await control(sandbox, { method: 'GET', path: '/transactions' })).json.transactions;
    expect(transactions.find((t: { transactionId: string }) => t.transactionId === data.transactionId)).toMatchObject({
      status: 'authorized',
      orderReference: checkout.json.data.attributes.orderReference,
    });
  });
});
