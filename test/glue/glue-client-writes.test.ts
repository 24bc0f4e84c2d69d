import { describe, expect, it } from 'vitest';
import type { CartSnapshot, CheckoutDataSnapshot, CreatePaymentRequest } from '../../src/domain/ports/glue-port.ts';
import { customer, guest } from './support/callers.ts';
import { useCleanups } from './support/cleanups.ts';
import { type FakeAnswer, glueWithFake } from './support/fake-glue.ts';
import {
  address,
  canceledDocument,
  cartDocument,
  customerInput,
  placedWithOrderDocument,
  writeDocument,
} from './support/glue-documents.ts';

const glueWith = glueWithFake(useCleanups());

const cart: CartSnapshot = {
  cartId: 'c-1',
  currency: 'EUR',
  priceMode: 'GROSS_MODE',
  store: 'DE',
  items: [{ sku: '066_23294028', quantity: 1, groupKey: '066_23294028', name: 'Sony SmartWatch 3', unitPrice: 39353 }],
};
const checkoutData: CheckoutDataSnapshot = {
  amount: { amount: 39843, currency: 'EUR' },
  priceMode: 'GROSS_MODE',
  store: 'DE',
  expenses: [{ type: 'SHIPMENT_EXPENSE_TYPE', name: 'Standard', quantity: 1, unitPrice: 490 }],
  paymentMethods: [],
};
const paymentRequest: CreatePaymentRequest = {
  amount: checkoutData.amount,
  paymentMethodName: 'Stripe',
  paymentProviderName: 'Stripe',
  cart,
  checkoutData,
  customer: customerInput,
  customerReference: 'DE--6',
  billingAddress: address,
  shippingAddress: address,
  preOrderPaymentData: null,
};
const fullAddress = { ...address, address3: '', company: '', phone: '' };
const paymentCreated: FakeAnswer = {
  status: 201,
  body: writeDocument('payments', {
    isSuccessful: true,
    error: null,
    preOrderPaymentData: { transactionId: 'pi_1', clientSecret: 'pi_1_secret' },
  }),
};

describe('Glue client: createPayment', () => {
  it('sends the Glue amount, the method and the whitelisted quote, and no preOrderPaymentData on a first initialization', async () => {
    const { fake, client } = await glueWith({ 'POST /payments': paymentCreated });
    const outcome = await client.createPayment(customer(), paymentRequest);
    expect(outcome).toEqual({
      kind: 'created',
      preOrderPaymentData: { transactionId: 'pi_1', clientSecret: 'pi_1_secret' },
      transactionId: 'pi_1',
    });
    expect(fake.bodies('POST /payments')[0]).toEqual({
      data: {
        type: 'payments',
        attributes: {
          payment: { amount: 39843, paymentMethodName: 'Stripe', paymentProviderName: 'Stripe' },
          quote: {
            uuid: 'c-1',
            customer: { ...customerInput, customerReference: 'DE--6' },
            billingAddress: fullAddress,
            shippingAddress: fullAddress,
            currency: { code: 'EUR' },
            store: { name: 'DE' },
            priceMode: 'GROSS_MODE',
            items: [{ sku: '066_23294028', name: 'Sony SmartWatch 3', quantity: 1, unitPrice: 39353 }],
            expenses: [{ type: 'SHIPMENT_EXPENSE_TYPE', name: 'Standard', quantity: 1, unitPrice: 490 }],
          },
        },
      },
    });
  });

  it('sends the stored map on a re-initialization', async () => {
    const { fake, client } = await glueWith({ 'POST /payments': paymentCreated });
    await client.createPayment(guest(), {
      ...paymentRequest,
      customerReference: null,
      preOrderPaymentData: { transactionId: 'pi_1', clientSecret: 'pi_1_secret' },
    });
    const attributes = (fake.bodies('POST /payments')[0] as { data: { attributes: Record<string, unknown> } }).data
      .attributes;
    expect(attributes.preOrderPaymentData).toEqual({ transactionId: 'pi_1', clientSecret: 'pi_1_secret' });
    expect((attributes.quote as { customer: Record<string, unknown> }).customer).not.toHaveProperty(
      'customerReference',
    );
  });

  it('never sends an empty transactionId', async () => {
    const { fake, client } = await glueWith({ 'POST /payments': paymentCreated });
    await client.createPayment(customer(), { ...paymentRequest, preOrderPaymentData: { transactionId: '' } });
    expect(
      (fake.bodies('POST /payments')[0] as { data: { attributes: Record<string, unknown> } }).data.attributes,
    ).not.toHaveProperty('preOrderPaymentData');
  });

  it('answers provider-rejected for a 201 without a transactionId', async () => {
    const { client } = await glueWith({
      'POST /payments': {
        status: 201,
        body: { data: { type: 'payments', attributes: { isSuccessful: true, preOrderPaymentData: [] } } },
      },
    });
    expect((await client.createPayment(customer(), paymentRequest)).kind).toBe('provider-rejected');
  });
});

describe('Glue client: cancelPayment', () => {
  it('echoes the whole stored map with the method and answers canceled on 201', async () => {
    const { fake, client } = await glueWith({
      'POST /payment-cancellations': { status: 201, body: canceledDocument },
    });
    const stored = { transactionId: 'pi_1', clientSecret: 'pi_1_secret', extra: { nested: true } };
    const outcome = await client.cancelPayment(guest(), {
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      preOrderPaymentData: stored,
    });
    expect(outcome).toEqual({ kind: 'canceled' });
    expect(fake.bodies('POST /payment-cancellations')[0]).toEqual({
      data: {
        type: 'payment-cancellations',
        attributes: {
          payment: { paymentMethodName: 'Stripe', paymentProviderName: 'Stripe' },
          preOrderPaymentData: stored,
        },
      },
    });
  });
});

describe('Glue client: checkout', () => {
  const checkoutRequest = {
    cartId: 'c-1',
    customer: customerInput,
    billingAddress: address,
    shipments: [{ shipmentMethodId: 1, shippingAddress: address, requestedDeliveryDate: '2026-04-01' }],
    paymentMethodName: 'Stripe',
    paymentProviderName: 'Stripe',
    preOrderPaymentData: { transactionId: 'pi_1', clientSecret: 'pi_1_secret' },
    expressCheckout: false,
  };

  it('sends idCart, customer, addresses, one payment, shipments of all items and the stored map; 201 → placed', async () => {
    const { fake, client } = await glueWith({
      'GET /carts/c-1': { status: 200, body: cartDocument('carts', 'c-1') },
      'POST /checkout': { status: 201, body: placedWithOrderDocument({ grandTotal: 39843 }) },
    });
    expect(await client.checkout(customer(), checkoutRequest)).toEqual({
      kind: 'placed',
      orderReference: 'DE--1',
      redirectUrl: null,
      isExternalRedirect: null,
      orderTotal: { amount: 39843, currency: 'EUR' },
    });
    // The saved order's totals come with the answer (docs/place-order.md item 8).
    expect(fake.calls('POST /checkout')[0]?.url).toBe('/checkout?include=orders');
    expect(fake.bodies('POST /checkout')[0]).toEqual({
      data: {
        type: 'checkout',
        attributes: {
          idCart: 'c-1',
          customer: customerInput,
          billingAddress: fullAddress,
          payments: [{ paymentMethodName: 'Stripe', paymentProviderName: 'Stripe' }],
          shipments: [
            {
              items: ['066_23294028', '001_25904006-promo'],
              shippingAddress: fullAddress,
              idShipmentMethod: 1,
              requestedDeliveryDate: '2026-04-01',
            },
          ],
          preOrderPaymentData: { transactionId: 'pi_1', clientSecret: 'pi_1_secret' },
        },
      },
    });
  });

  it('sends nothing to /checkout when the cart read for "all items" fails, and says so (not-sent)', async () => {
    const { fake, client } = await glueWith({ 'GET /carts/c-1': { status: 503, headers: { 'retry-after': '4' } } });
    expect(await client.checkout(customer(), checkoutRequest)).toEqual({ kind: 'not-sent', retryAfterSeconds: 4 });
    expect(fake.calls('POST /checkout')).toHaveLength(0);
  });

  it('reports a confirmation failure naming an order as order-may-exist with its reference', async () => {
    const { client } = await glueWith({
      'POST /checkout': {
        status: 422,
        body: {
          errors: [
            {
              status: 422,
              code: '1102',
              detail: 'Failed to confirm pre-order payment for order DE--12. Response: {"error":"x"}',
            },
          ],
        },
      },
    });
    const outcome = await client.checkout(guest(), {
      ...checkoutRequest,
      shipments: [{ ...checkoutRequest.shipments[0]!, itemGroupKeys: ['a'] }],
      expressCheckout: true,
    });
    expect(outcome).toMatchObject({
      kind: 'order-may-exist',
      orderReference: 'DE--12',
      upstream: { detail: 'Failed to confirm pre-order payment for order DE--12.' },
    });
  });
});
