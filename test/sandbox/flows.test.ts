import { describe, expect, it } from 'vitest';
import {
  ADDRESS,
  CUSTOMER,
  checkoutAttributes,
  control,
  glue,
  INVOICE,
  PAYPAL_EXPRESS,
  postPayment,
  resource,
  STRIPE,
  shipments,
  useSandbox,
} from './helpers.ts';

const sandbox = useSandbox();

describe('customer flow', () => {
  it('logs in with the demo credentials and gets a JWT-shaped token that GET /customers resolves', async () => {
    const login = await glue(sandbox, {
      method: 'POST',
      path: '/access-tokens',
      body: resource('access-tokens', { username: 'sonia@spryker.com', password: 'change123' }),
    });
    expect(login.status).toBe(201);
    expect(login.headers['content-type']).toBe('application/vnd.api+json');
    const token = login.json.data.attributes.accessToken as string;
    expect(login.json.data.attributes.tokenType).toBe('Bearer');
    expect(token.split('.')).toHaveLength(3);
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
    expect(typeof payload.sub).toBe('string');

    const customers = await glue(sandbox, { method: 'GET', path: '/customers', token });
    expect(customers.status).toBe(200);
    expect(customers.json.data).toHaveLength(1);
    expect(customers.json.data[0]).toMatchObject({
      type: 'customers',
      id: sandbox.demo.customer.customerReference,
      attributes: { email: 'sonia@spryker.com' },
    });
  });

  it('builds a cart, pays with Stripe and places an order: totals with shipping, cart gone, order listed', async () => {
    const token = (await control(sandbox, { method: 'POST', path: '/customers', body: {} })).json.accessToken as string;
    const cart = await glue(sandbox, {
      method: 'POST',
      path: '/carts',
      token,
      body: resource('carts', { name: 'c', priceMode: 'GROSS_MODE', currency: 'EUR', store: 'DE' }),
    });
    expect(cart.status).toBe(201);
    const cartId = cart.json.data.id as string;
    const added = await glue(sandbox, {
      method: 'POST',
      path: `/carts/${cartId}/items?include=items`,
      token,
      body: resource('items', { sku: '066_23294028', quantity: 1 }),
    });
    expect(added.status).toBe(201);
    expect(added.json.included[0]).toMatchObject({
      type: 'items',
      attributes: { sku: '066_23294028', quantity: 1, calculations: { unitPrice: 39353 } },
    });

    const read = await glue(sandbox, { method: 'GET', path: `/carts/${cartId}`, token });
    expect(read.json.data.attributes.totals).toMatchObject({ expenseTotal: 0, grandTotal: 39353, priceToPay: 39353 });

    const data = await glue(sandbox, {
      method: 'POST',
      path: '/checkout-data?include=carts,payment-methods',
      token,
      body: resource('checkout-data', { idCart: cartId, shipments: shipments(['066_23294028'], 2) }),
    });
    expect(data.status).toBe(200);
    const includedCart = data.json.included.find((item: { type: string }) => item.type === 'carts');
    expect(includedCart.attributes.totals).toMatchObject({
      expenseTotal: 590,
      subtotal: 39353,
      grandTotal: 39943,
      priceToPay: 39943,
    });
    const methods = data.json.included.filter((item: { type: string }) => item.type === 'payment-methods');
    expect(
      methods.map((method: { attributes: { paymentMethodName: string } }) => method.attributes.paymentMethodName),
    ).toEqual(['Invoice', 'Stripe', 'PayPal Express']);
    expect(methods[0].attributes.paymentMethodAppConfiguration).toBeNull();
    expect(methods[2].attributes.paymentMethodAppConfiguration.checkoutConfiguration.strategy).toBe('express-checkout');

    const payment = await postPayment(sandbox, { payment: STRIPE, amount: 39943, who: { token } });
    expect(payment.status).toBe(201);
    expect(payment.json.data).toMatchObject({
      type: 'payments',
      id: null,
      attributes: { isSuccessful: true, error: null },
    });
    const preOrderPaymentData = payment.json.data.attributes.preOrderPaymentData;
    expect(preOrderPaymentData.transactionId).toMatch(/^pi_/);
    expect(preOrderPaymentData.clientSecret).toContain(`${preOrderPaymentData.transactionId}_secret_`);

    const checkout = await glue(sandbox, {
      method: 'POST',
      path: '/checkout?include=orders',
      token,
      body: resource(
        'checkout',
        checkoutAttributes(cartId, STRIPE, { shipments: shipments(['066_23294028'], 2), preOrderPaymentData }),
      ),
    });
    expect(checkout.status).toBe(201);
    expect(checkout.json.data).toMatchObject({
      type: 'checkout',
      id: null,
      attributes: { redirectUrl: null, isExternalRedirect: null },
    });
    const orderReference = checkout.json.data.attributes.orderReference as string;
    expect(orderReference).toMatch(/^DE--\d+$/);
    expect(checkout.json.included[0]).toMatchObject({
      type: 'orders',
      id: orderReference,
      attributes: { totals: { grandTotal: 39943, expenseTotal: 590 } },
    });

    expect((await glue(sandbox, { method: 'GET', path: `/carts/${cartId}`, token })).status).toBe(404);
    const orders = await glue(sandbox, { method: 'GET', path: '/orders', token });
    expect(orders.json.data.map((order: { id: string }) => order.id)).toEqual([orderReference]);
    const order = await glue(sandbox, { method: 'GET', path: `/orders/${orderReference}`, token });
    expect(order.status).toBe(200);
    expect(order.json.data.attributes.totals).toMatchObject({ grandTotal: 39943, priceToPay: 39943 });

    const transactions = (await control(sandbox, { method: 'GET', path: '/transactions' })).json.transactions;
    expect(
      transactions.find((t: { transactionId: string }) => t.transactionId === preOrderPaymentData.transactionId),
    ).toMatchObject({ status: 'authorized', amount: 39943 });
  });
});

describe('guest flow', () => {
  it('creates a guest cart via /guest-cart-items and checks out with PayPal Express', async () => {
    const anonymousId = `flow-guest-${Date.now()}`;
    const created = await glue(sandbox, {
      method: 'POST',
      path: '/guest-cart-items',
      anonymousId,
      body: resource('guest-cart-items', { sku: '001_25904006', quantity: '2' }),
    });
    expect(created.status).toBe(201);
    expect(created.json.data.type).toBe('guest-carts');
    const cartId = created.json.data.id as string;
    const listed = await glue(sandbox, { method: 'GET', path: '/guest-carts?include=guest-cart-items', anonymousId });
    expect(listed.json.data.map((cart: { id: string }) => cart.id)).toEqual([cartId]);
    expect(listed.json.included[0]).toMatchObject({
      type: 'guest-cart-items',
      attributes: { sku: '001_25904006', quantity: 2 },
    });

    const data = await glue(sandbox, {
      method: 'POST',
      path: '/checkout-data?include=guest-carts',
      anonymousId,
      body: resource('checkout-data', { idCart: cartId, shipment: { idShipmentMethod: 1 }, shippingAddress: ADDRESS }),
    });
    expect(data.status).toBe(200);
    expect(data.json.included[0]).toMatchObject({
      type: 'guest-carts',
      attributes: { totals: { expenseTotal: 490, grandTotal: 19998 + 490 } },
    });

    const payment = await postPayment(sandbox, { payment: PAYPAL_EXPRESS, amount: 20488, who: { anonymousId } });
    expect(payment.status).toBe(201);
    const preOrderPaymentData = payment.json.data.attributes.preOrderPaymentData;
    expect(Object.keys(preOrderPaymentData).sort()).toEqual([
      'clientId',
      'currency',
      'merchantId',
      'orderId',
      'token',
      'transactionId',
      'workorderid',
    ]);

    const checkout = await glue(sandbox, {
      method: 'POST',
      path: '/checkout',
      anonymousId,
      body: resource('checkout', {
        ...checkoutAttributes(cartId, PAYPAL_EXPRESS, { shipments: shipments(['001_25904006']) }),
        preOrderPaymentData,
      }),
    });
    expect(checkout.status).toBe(201);
    const orderReference = checkout.json.data.attributes.orderReference;
    const orders = (await control(sandbox, { method: 'GET', path: '/orders' })).json.orders;
    expect(orders.find((order: { orderReference: string }) => order.orderReference === orderReference)).toMatchObject({
      anonymousId,
      customerReference: null,
      transactionId: preOrderPaymentData.transactionId,
      totals: { grandTotal: 20488 },
    });
    expect((await glue(sandbox, { method: 'GET', path: `/guest-carts/${cartId}`, anonymousId })).status).toBe(404);
  });

  it('places an Invoice order for the seeded demo guest cart without any pre-order payment', async () => {
    const { guest, guestCartId } = sandbox.demo;
    const checkout = await glue(sandbox, {
      method: 'POST',
      path: '/checkout',
      anonymousId: guest.anonymousId,
      body: resource('checkout', {
        idCart: guestCartId,
        customer: CUSTOMER,
        billingAddress: ADDRESS,
        payments: [INVOICE],
        shipments: shipments(['012_25904598']),
      }),
    });
    expect(checkout.status).toBe(201);
  });
});
