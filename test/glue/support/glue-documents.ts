import { address as fixtureAddress, customer as fixtureCustomer } from '../../support/fixtures.ts';
/** Glue documents as the Storefront API serializes them (shapes from Glue's generated OpenAPI, docs/glue-backend.md). */

export const cartDocument = (type: 'carts' | 'guest-carts', id: string) => {
  const itemType = type === 'carts' ? 'items' : 'guest-cart-items';
  return {
    data: {
      type,
      id,
      attributes: {
        priceMode: 'GROSS_MODE',
        currency: 'EUR',
        store: 'DE',
        totals: { grandTotal: 59351, priceToPay: 59351 },
      },
      relationships: {
        [itemType]: {
          data: [
            { type: itemType, id: '066_23294028' },
            { type: itemType, id: '001_25904006' },
          ],
        },
      },
    },
    included: [
      {
        type: itemType,
        id: '066_23294028',
        attributes: {
          sku: '066_23294028',
          quantity: 1,
          groupKey: '066_23294028',
          calculations: { unitPrice: 39353, unitPriceToPayAggregation: 39353 },
        },
      },
      {
        type: itemType,
        id: '001_25904006',
        attributes: {
          sku: '001_25904006',
          quantity: 2,
          groupKey: '001_25904006-promo',
          calculations: { unitPrice: 9999, unitPriceToPayAggregation: 8999 },
        },
      },
    ],
  };
};

export const paymentMethods = [
  {
    type: 'payment-methods',
    id: '1',
    attributes: {
      paymentMethodName: 'Invoice',
      paymentProviderName: 'DummyPayment',
      priority: 1,
      paymentMethodAppConfiguration: null,
    },
  },
  {
    type: 'payment-methods',
    id: '2',
    attributes: {
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      priority: 2,
      paymentMethodAppConfiguration: {
        baseUrl: 'https://stripe.app.invalid',
        endpoints: [{ name: 'authorization', path: '/private/initialize-payment' }],
        checkoutConfiguration: { scripts: [], paymentServiceProviderData: [] },
      },
    },
  },
  {
    type: 'payment-methods',
    id: '3',
    attributes: {
      paymentMethodName: 'PayPal Express',
      paymentProviderName: 'payone',
      priority: 3,
      paymentMethodAppConfiguration: {
        baseUrl: 'https://payone.app.invalid',
        endpoints: [],
        checkoutConfiguration: {
          strategy: 'express-checkout',
          scripts: [{ url: 'https://www.paypal.com/sdk/js', query_params: { currency: 'currencyName' } }],
          paymentServiceProviderData: { clientId: 'cid', merchantId: 'mid', isLive: false },
        },
      },
    },
  },
];

export const checkoutDataDocument = (
  cartType: 'carts' | 'guest-carts',
  cartId: string,
  totals: Record<string, number>,
) => ({
  data: {
    type: 'checkout-data',
    id: null,
    attributes: {
      addresses: [],
      paymentProviders: [],
      shipmentMethods: [],
      selectedShipmentMethods: [
        {
          id: 1,
          name: 'Standard',
          carrierName: 'Spryker Dummy Shipment',
          price: 490,
          taxRate: 19,
          currencyIsoCode: 'EUR',
        },
      ],
      selectedPaymentMethods: [],
    },
    relationships: {
      [cartType]: { data: [{ type: cartType, id: cartId }] },
      'payment-methods': { data: paymentMethods.map(({ type, id }) => ({ type, id })) },
    },
  },
  included: [
    { type: cartType, id: cartId, attributes: { priceMode: 'GROSS_MODE', currency: 'EUR', store: 'DE', totals } },
    ...paymentMethods,
  ],
});

/** A resource document as Glue answers a write (`POST /payments`, `/payment-cancellations`, `/checkout`). */
export const writeDocument = (type: string, attributes: Record<string, unknown>) => ({
  data: { type, id: null, attributes },
});

/** `POST /payment-cancellations` 201: the provider canceled the payment. */
export const canceledDocument = writeDocument('payment-cancellations', {
  isSuccessful: true,
  error: null,
  preOrderPaymentData: [],
});

/** `POST /checkout` 201: order DE--1 placed, no redirect. */
export const placedDocument = writeDocument('checkout', {
  orderReference: 'DE--1',
  redirectUrl: null,
  isExternalRedirect: null,
});

/**
 * `POST /checkout?include=orders` 201: order DE--1 with the saved order included (Glue's
 * RestOrdersAttributes; its totals list `grandTotal` and no `priceToPay`, docs/glue-backend.md §13).
 */
export const placedWithOrderDocument = (totals: Record<string, number>, orderId = 'DE--1') => ({
  data: {
    ...placedDocument.data,
    relationships: { orders: { data: [{ type: 'orders', id: orderId }] } },
  },
  included: [
    {
      type: 'orders',
      id: orderId,
      attributes: {
        createdAt: '2026-04-01 10:20:30.000000',
        itemStates: ['payment pending'],
        totals: { expenseTotal: 490, discountTotal: 0, taxTotal: 6440, subtotal: 39353, canceledTotal: 0, ...totals },
        currencyIsoCode: 'EUR',
        priceMode: 'GROSS_MODE',
      },
    },
  ],
});

export const address = fixtureAddress();

export const customerInput = fixtureCustomer();

/** The first page of a customer's orders, as reconciliation reads it. */
export const FIRST_PAGE = { offset: 0, limit: 20 } as const;
