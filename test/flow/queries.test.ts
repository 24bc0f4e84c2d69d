import { describe, expect, it } from 'vitest';
import { initializeInput } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';
import {
  cancelSuccess,
  customerWithCart,
  guestWithCart,
  guestWithPayment,
  initSuccess,
  rawGraphQL,
  unknownPaymentId,
} from './helpers.ts';

const stack = useStack();

describe('queries', () => {
  for (const who of ['guest', 'customer'] as const) {
    it(`lists the ${who} cart's payment methods: Stripe EMBEDDED, PayPal Express EXPRESS_CHECKOUT (SDK config only), Invoice OFFLINE`, async () => {
      const { cartId, sdk } = who === 'guest' ? await guestWithCart(stack) : await customerWithCart(stack);
      const result = (await sdk.PaymentMethods({ cartId })).paymentMethods;
      if (result.__typename !== 'PaymentMethodList') throw new Error(JSON.stringify(result));
      expect(result.cartId).toBe(cartId);
      const byName = new Map(
        result.methods.map((method) => [`${method.paymentProviderName}/${method.paymentMethodName}`, method]),
      );
      expect([...byName.keys()].sort()).toEqual(['DummyPayment/Invoice', 'Stripe/Stripe', 'payone/PayPal Express']);

      expect(byName.get('Stripe/Stripe')).toMatchObject({ strategy: 'EMBEDDED', supportsPreOrderPayment: true });

      const paypal = byName.get('payone/PayPal Express');
      expect(paypal).toMatchObject({ strategy: 'EXPRESS_CHECKOUT', supportsPreOrderPayment: true });
      const configuration = paypal?.providerConfiguration as Record<string, unknown> | null;
      expect(configuration).toMatchObject({ clientId: 'sandbox-paypal-client-id', merchantId: 'SANDBOXMERCHANT01' });
      // Only the SDK configuration: the app's private base URL and endpoints never reach a browser.
      expect(configuration).not.toHaveProperty('baseUrl');
      expect(configuration).not.toHaveProperty('endpoints');
      expect(JSON.stringify(paypal)).not.toContain('sandbox.invalid');
      expect(JSON.stringify(paypal)).not.toContain('/private/');
      expect(paypal?.providerScripts).toEqual([
        { url: 'https://www.paypal.com/sdk/js', queryParams: { currency: 'currencyName', locale: 'localeName' } },
      ]);

      const invoice = byName.get('DummyPayment/Invoice');
      expect(invoice).toMatchObject({ strategy: 'OFFLINE', supportsPreOrderPayment: false, providerScripts: [] });
    });
  }

  it("answers CartNotFoundError for an unknown cart, a malformed cart id and another shopper's cart", async () => {
    const { cartId: foreignCart } = await guestWithCart(stack);
    const { sdk } = await guestWithCart(stack);
    for (const cartId of ['00000000-0000-0000-0000-000000000000', 'not a cart!', foreignCart]) {
      const result = (await sdk.PaymentMethods({ cartId })).paymentMethods;
      expect(result).toMatchObject({
        __typename: 'CartNotFoundError',
        code: 'CART_NOT_FOUND',
        cartId,
        retryable: false,
      });
    }
  });

  it('returns the live payment from activePreOrderPayment, and null once it is canceled (while preOrderPayment still shows it CANCELED)', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    const active = (await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment;
    expect(active?.id).toBe(payment.id);
    expect(active?.status).toBe('INITIALIZED');
    expect(active?.amount).toEqual(payment.amount);
    expect(active?.transactionId).toBe(payment.transactionId);

    cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    expect((await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment).toBeNull();
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('CANCELED');
  });

  it('returns null from activePreOrderPayment for a cart that never had a payment', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    expect((await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment).toBeNull();
  });

  it('returns null from preOrderPayment for an unknown id', async () => {
    const { sdk } = await guestWithCart(stack);
    expect((await sdk.PreOrderPayment({ id: unknownPaymentId() })).preOrderPayment).toBeNull();
  });

  it('answers an operation without any identity header (or with empty ones) with a top-level UNAUTHENTICATED error and no data', async () => {
    const { cartId } = await guestWithCart(stack);
    const operations = [
      { query: 'query($id: ID!) { preOrderPayment(id: $id) { id } }', variables: { id: unknownPaymentId() } },
      { query: 'query($c: ID!) { paymentMethods(cartId: $c) { __typename } }', variables: { c: cartId } },
      {
        query: 'mutation($id: ID!) { cancelPreOrderPayment(input: { preOrderPaymentId: $id }) { __typename } }',
        variables: { id: unknownPaymentId() },
      },
    ];
    const before = (await stack.control.calls()).length;
    const identityless: Record<string, string>[] = [
      {},
      { 'X-Anonymous-Customer-Unique-Id': '' },
      { Authorization: '' },
      { Authorization: 'Bearer ' },
    ];
    for (const headers of identityless) {
      for (const operation of operations) {
        const response = await rawGraphQL(stack.url, operation, headers);
        expect(response.status).toBe(200);
        expect(response.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(Object.values(response.json.data ?? {}).filter((value) => value !== null)).toEqual([]);
      }
    }
    // Nothing was asked of Glue on anyone's behalf.
    expect((await stack.control.calls()).length).toBe(before);
  });

  it('serves introspection without any identity header', async () => {
    const response = await rawGraphQL(stack.url, {
      query: '{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }',
    });
    expect(response.status).toBe(200);
    expect(response.json.errors).toBeUndefined();
    expect(response.json.data).toEqual({
      __schema: {
        queryType: { name: 'Query' },
        mutationType: { name: 'Mutation' },
        subscriptionType: { name: 'Subscription' },
      },
    });
  });

  it("types a Stripe payment's providerData as StripePaymentData with clientSecret and publishableKey, and EUR amounts with 2 decimals", async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    const read = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    expect(read?.amount.currency).toBe('EUR');
    expect(read?.amount.decimals).toBe(2);
    const data = read?.providerData;
    if (data?.__typename !== 'StripePaymentData') throw new Error(JSON.stringify(data));
    expect(data.transactionId).toBe(payment.transactionId);
    expect(data.transactionId).toMatch(/^pi_/);
    expect(data.clientSecret).toMatch(new RegExp(`^${data.transactionId}_secret_`));
    expect(data.publishableKey).toMatch(/^pk_/);
    // preOrderPaymentData is the raw map Glue returned, the typed view is derived from it.
    expect(read?.preOrderPaymentData).toMatchObject({
      transactionId: data.transactionId,
      clientSecret: data.clientSecret,
      publishableKey: data.publishableKey,
    });
  });

  it("types a PayPal Express payment's providerData as PayPalExpressPaymentData with the order id and the SDK's client id", async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const init = initSuccess(
      (
        await sdk.InitializePreOrderPayment({
          input: initializeInput(cartId, { paymentMethodName: 'PayPal Express', paymentProviderName: 'payone' }),
        })
      ).initializePreOrderPayment,
    );
    const data = init.preOrderPayment.providerData;
    if (data.__typename !== 'PayPalExpressPaymentData') throw new Error(JSON.stringify(data));
    expect(data.transactionId).toBe(init.preOrderPayment.transactionId);
    expect(data.orderId).toMatch(/^[A-Z0-9]{17}$/);
    expect(data.clientId).toBe('sandbox-paypal-client-id');
    expect(data.currency).toBe('EUR');
  });
});
