import { describe, expect, it } from 'vitest';
import type { CartSnapshot, CheckoutDataSnapshot } from '../../src/domain/ports/glue-port.ts';
import { customer, guest } from './support/callers.ts';
import { useCleanups } from './support/cleanups.ts';
import { glueWithFake } from './support/fake-glue.ts';
import { address, cartDocument, checkoutDataDocument, customerInput, FIRST_PAGE } from './support/glue-documents.ts';

const glueWith = glueWithFake(useCleanups());

const shipment = { shipmentMethodId: 1, shippingAddress: address };

describe('Glue client: checkoutData', () => {
  it("asks a customer's /checkout-data with carts and payment methods, shipping all cart items, and takes priceToPay incl. shipping", async () => {
    const { fake, client } = await glueWith({
      'GET /carts/c-1': { status: 200, body: cartDocument('carts', 'c-1') },
      'POST /checkout-data': {
        status: 200,
        body: checkoutDataDocument('carts', 'c-1', { grandTotal: 59841, priceToPay: 59341 }),
      },
    });
    const result = await client.checkoutData(customer(), {
      cartId: 'c-1',
      customer: customerInput,
      billingAddress: address,
      shipments: [shipment],
    });

    expect(fake.calls('POST /checkout-data')[0]?.url).toBe('/checkout-data?include=carts,payment-methods');
    expect(fake.bodies('POST /checkout-data')[0]).toEqual({
      data: {
        type: 'checkout-data',
        attributes: {
          idCart: 'c-1',
          customer: customerInput,
          billingAddress: { ...address, address3: '', company: '', phone: '' },
          shipments: [
            {
              items: ['066_23294028', '001_25904006-promo'],
              shippingAddress: { ...address, address3: '', company: '', phone: '' },
              idShipmentMethod: 1,
              requestedDeliveryDate: null,
            },
          ],
        },
      },
    });
    expect(result.ok).toBe(true);
    const snapshot = (result as { value: CheckoutDataSnapshot }).value;
    expect(snapshot.amount).toEqual({ amount: 59341, currency: 'EUR' });
    expect(snapshot.expenses).toEqual([
      { type: 'SHIPMENT_EXPENSE_TYPE', name: 'Standard', quantity: 1, unitPrice: 490 },
    ]);
    expect(snapshot.paymentMethods.map((m) => [m.paymentMethodName, m.strategy, m.supportsPreOrderPayment])).toEqual([
      ['Invoice', 'OFFLINE', false],
      ['Stripe', 'EMBEDDED', true],
      ['PayPal Express', 'EXPRESS_CHECKOUT', true],
    ]);
    expect(snapshot.paymentMethods[2]).toMatchObject({
      providerConfiguration: { clientId: 'cid', merchantId: 'mid', isLive: false },
      providerScripts: [{ url: 'https://www.paypal.com/sdk/js', queryParams: { currency: 'currencyName' } }],
    });
  });

  it("asks a guest's /checkout-data with guest-carts and takes grandTotal when priceToPay is absent", async () => {
    const { fake, client } = await glueWith({
      'POST /checkout-data': { status: 200, body: checkoutDataDocument('guest-carts', 'g-1', { grandTotal: 35390 }) },
    });
    const result = await client.checkoutData(guest(), {
      cartId: 'g-1',
      shipments: [{ ...shipment, itemGroupKeys: ['012_25904598'] }],
    });
    expect(fake.calls('POST /checkout-data')[0]?.url).toBe('/checkout-data?include=guest-carts,payment-methods');
    expect(fake.calls('GET /guest-carts/g-1')).toHaveLength(0);
    expect(result).toMatchObject({ ok: true, value: { amount: { amount: 35390, currency: 'EUR' } } });
  });

  it('reports an unknown cart from /checkout-data as cart-not-found', async () => {
    const { client } = await glueWith({
      'POST /checkout-data': {
        status: 422,
        body: { errors: [{ status: 422, code: '1103', detail: 'Cart not found.' }] },
      },
    });
    expect(await client.checkoutData(guest(), { cartId: 'nope' })).toEqual({
      ok: false,
      error: { kind: 'cart-not-found' },
    });
  });

  it('treats a 200 without the cart totals as unavailable, never as data', async () => {
    const { client } = await glueWith({
      'POST /checkout-data': { status: 200, body: { data: { type: 'checkout-data', id: null, attributes: {} } } },
    });
    expect(await client.checkoutData(customer(), { cartId: 'c-1' })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
  });
});

describe('Glue client: cart', () => {
  it('reads a customer cart with its items, unit price to pay first', async () => {
    const { fake, client } = await glueWith({ 'GET /carts/c-1': { status: 200, body: cartDocument('carts', 'c-1') } });
    const result = await client.cart(customer(), 'c-1');
    expect(fake.calls('GET /carts/c-1')[0]?.url).toBe('/carts/c-1?include=items');
    expect((result as { value: CartSnapshot }).value).toEqual({
      cartId: 'c-1',
      currency: 'EUR',
      priceMode: 'GROSS_MODE',
      store: 'DE',
      items: [
        { sku: '066_23294028', quantity: 1, groupKey: '066_23294028', name: null, unitPrice: 39353 },
        { sku: '001_25904006', quantity: 2, groupKey: '001_25904006-promo', name: null, unitPrice: 8999 },
      ],
    });
  });

  it('reads a guest cart through /guest-carts with guest-cart-items', async () => {
    const { fake, client } = await glueWith({
      'GET /guest-carts/g-1': { status: 200, body: cartDocument('guest-carts', 'g-1') },
    });
    const result = await client.cart(guest(), 'g-1');
    expect(fake.calls('GET /guest-carts/g-1')[0]?.url).toBe('/guest-carts/g-1?include=guest-cart-items');
    expect(result).toMatchObject({ ok: true, value: { items: [{ sku: '066_23294028' }, { sku: '001_25904006' }] } });
  });

  it('reports 404/101 as cart-not-found', async () => {
    const { client } = await glueWith({
      'GET /carts/x': {
        status: 404,
        body: { errors: [{ status: 404, code: '101', detail: 'Cart with given uuid not found.' }] },
      },
    });
    expect(await client.cart(customer(), 'x')).toEqual({ ok: false, error: { kind: 'cart-not-found' } });
  });
});

describe('Glue client: customers and orders', () => {
  it('learns the customerReference from GET /customers', async () => {
    const { client } = await glueWith({
      'GET /customers': {
        status: 200,
        body: { data: [{ type: 'customers', id: 'DE--6', attributes: { email: 'sonia@spryker.com' } }] },
      },
    });
    expect(await client.customerReference(customer())).toEqual({ ok: true, value: 'DE--6' });
  });

  it('lists orders with Spryker timestamps read as UTC and totals as Money', async () => {
    const { client } = await glueWith({
      'GET /orders': {
        status: 200,
        body: {
          data: [
            {
              type: 'orders',
              id: 'DE--2',
              attributes: {
                createdAt: '2026-03-01 10:20:30.123456',
                currencyIsoCode: 'EUR',
                totals: { grandTotal: 59841 },
              },
            },
            { type: 'orders', id: 'DE--1', attributes: { createdAt: null, totals: {} } },
          ],
        },
      },
    });
    expect(await client.listOrders(customer(), FIRST_PAGE)).toEqual({
      ok: true,
      value: {
        orders: [
          {
            orderReference: 'DE--2',
            createdAt: Date.parse('2026-03-01T10:20:30.123Z'),
            total: { amount: 59841, currency: 'EUR' },
          },
          { orderReference: 'DE--1', createdAt: null, total: null },
        ],
        hasMore: false,
      },
    });
  });

  it('reads one order, and 404/801 as not-found', async () => {
    const { client } = await glueWith({
      'GET /orders/DE--2': {
        status: 200,
        body: {
          data: { type: 'orders', id: 'DE--2', attributes: { currencyIsoCode: 'EUR', totals: { grandTotal: 100 } } },
        },
      },
      'GET /orders/DE--9': {
        status: 404,
        body: { errors: [{ status: 404, code: '801', detail: "Can't find order by the given order reference" }] },
      },
    });
    expect(await client.order(customer(), 'DE--2')).toMatchObject({
      ok: true,
      value: { orderReference: 'DE--2', total: { amount: 100 } },
    });
    expect(await client.order(customer(), 'DE--9')).toEqual({ ok: false, error: { kind: 'not-found' } });
  });
});
