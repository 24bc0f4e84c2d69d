import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../src/adapters/psp/generic.ts';
import { allSecretFields, providerDataFor, secretFieldsFor } from '../../src/adapters/psp/index.ts';
import { payonePaypalExpressAdapter } from '../../src/adapters/psp/payone-paypal-express.ts';
import { stripeAdapter } from '../../src/adapters/psp/stripe.ts';

const payment = (
  paymentProviderName: string,
  paymentMethodName: string,
  preOrderPaymentData: Record<string, unknown>,
) => ({
  paymentProviderName,
  paymentMethodName,
  preOrderPaymentData,
});

const stripeData = { transactionId: 'pi_1', clientSecret: 'pi_1_secret_x', publishableKey: 'pk_test_1' };
const paypalData = {
  transactionId: 'tx-1',
  orderId: 'o-1',
  workorderid: 'w-1',
  token: 'EC-1',
  currency: 'EUR',
  clientId: 'cid',
  merchantId: 'mid',
};

describe('Stripe adapter', () => {
  it('types the Stripe data, accountId null when absent', () => {
    expect(stripeAdapter.toProviderData(stripeData)).toEqual({ kind: 'stripe', ...stripeData, accountId: null });
  });

  it('passes accountId through in the Direct model', () => {
    expect(stripeAdapter.toProviderData({ ...stripeData, accountId: 'acct_1' })).toMatchObject({ accountId: 'acct_1' });
  });

  it.each(['transactionId', 'clientSecret', 'publishableKey'])('refuses data without %s', (key) => {
    expect(stripeAdapter.toProviderData({ ...stripeData, [key]: '' })).toBeNull();
  });

  it('declares the client secret as a secret field', () => {
    expect(stripeAdapter.secretFields).toEqual(['clientSecret']);
  });
});

describe('Payone PayPal Express adapter', () => {
  it('types the PayPal Express data', () => {
    expect(payonePaypalExpressAdapter.toProviderData(paypalData)).toEqual({
      kind: 'paypal-express',
      transactionId: 'tx-1',
      orderId: 'o-1',
      token: 'EC-1',
      clientId: 'cid',
      merchantId: 'mid',
      currency: 'EUR',
    });
  });

  it('needs only the transactionId; the rest is null when absent', () => {
    expect(payonePaypalExpressAdapter.toProviderData({ transactionId: 'tx-1' })).toMatchObject({
      orderId: null,
      token: null,
      currency: null,
    });
    expect(payonePaypalExpressAdapter.toProviderData({ orderId: 'o-1' })).toBeNull();
  });

  it('declares token and workorderid as secret fields', () => {
    expect(payonePaypalExpressAdapter.secretFields).toEqual(['token', 'workorderid']);
  });
});

describe('generic adapter', () => {
  it('lists every scalar entry as a string and leaves nested values out', () => {
    expect(
      genericAdapter.toProviderData({
        transactionId: 'x',
        amount: 100,
        live: false,
        nothing: null,
        nested: { a: 1 },
        list: [1],
      }),
    ).toEqual({
      kind: 'generic',
      transactionId: 'x',
      entries: [
        { key: 'transactionId', value: 'x' },
        { key: 'amount', value: '100' },
        { key: 'live', value: 'false' },
        { key: 'nothing', value: null },
      ],
    });
  });

  it('has a null transactionId when the data has none', () => {
    expect(genericAdapter.toProviderData({ foo: 'bar' })).toMatchObject({ transactionId: null });
  });
});

describe('providerDataFor', () => {
  it('chooses the adapter by Zed method key, whatever the letter case and spaces', () => {
    const warnings: string[] = [];
    expect(providerDataFor(payment('Stripe', 'Stripe', stripeData), (m) => warnings.push(m)).kind).toBe('stripe');
    expect(providerDataFor(payment('PayOne', 'PayPal Express', paypalData), (m) => warnings.push(m)).kind).toBe(
      'paypal-express',
    );
    expect(warnings).toEqual([]);
  });

  it('falls back to generic data with a warning for an unknown method key', () => {
    const warnings: string[] = [];
    const data = providerDataFor(payment('Adyen', 'Credit Card', { transactionId: 't', apiSecret: 's3cr3t' }), (m) =>
      warnings.push(m),
    );
    expect(data.kind).toBe('generic');
    expect(warnings).toEqual(['no provider adapter for method key "adyen-credit-card": providerData is generic']);
  });

  it('falls back to generic data with a warning that names no value when required fields are missing', () => {
    const warnings: string[] = [];
    const data = providerDataFor(
      payment('stripe', 'stripe', { transactionId: 'pi_1', clientSecret: 'pi_1_secret_leak' }),
      (m) => warnings.push(m),
    );
    expect(data).toMatchObject({ kind: 'generic', transactionId: 'pi_1' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('stripe-stripe');
    expect(warnings[0]).not.toContain('pi_1_secret_leak');
  });
});

describe('secret fields for the logger', () => {
  it('gives the adapter secret fields for a known method', () => {
    expect(secretFieldsFor('stripe', 'stripe')).toEqual(['clientSecret']);
    expect(secretFieldsFor('payone', 'paypal express')).toEqual(['token', 'workorderid']);
  });

  it("adds secret-looking keys of an unknown provider's data", () => {
    const fields = secretFieldsFor('adyen', 'card', {
      transactionId: 't',
      sessionToken: 'x',
      merchantPassword: 'y',
      publicKey: 'z',
    });
    expect(fields).toEqual(expect.arrayContaining(['sessionToken', 'merchantPassword']));
    expect(fields).not.toContain('transactionId');
    expect(fields).not.toContain('publicKey');
  });

  it("lists every adapter's secret fields once", () => {
    const all = allSecretFields();
    expect(all).toEqual(expect.arrayContaining(['clientSecret', 'token', 'workorderid', 'password']));
    expect(new Set(all).size).toBe(all.length);
  });
});
