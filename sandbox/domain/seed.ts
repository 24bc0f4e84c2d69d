import type { SandboxState } from '../state.ts';
import type { AppConfiguration, Customer, DemoData, PaymentMethod, Product, ShipmentMethod } from '../types.ts';
import { issueAccessToken } from './tokens.ts';

/**
 * The demo shopper's details: what GraphiQL's recipe and the tests fill into checkout forms
 * (a guest shipping to Berlin). The one copy of them.
 */
export const DEMO_SHOPPER = {
  customer: { salutation: 'Ms', firstName: 'Sonia', lastName: 'Wagner', email: 'sonia@example.com' },
  address: {
    salutation: 'Ms',
    firstName: 'Sonia',
    lastName: 'Wagner',
    address1: 'Julie-Wolfthorn-Straße',
    address2: '1',
    zipCode: '10115',
    city: 'Berlin',
    iso2Code: 'DE',
  },
} as const;

/** Endpoints an ACP app registers by default (docs/glue-backend.md §14). */
const APP_ENDPOINTS = [
  { name: 'pre-order-payment', path: '/private/pre-order-payment' },
  { name: 'authorization', path: '/private/initialize-payment' },
  { name: 'pre-order-confirmation', path: '/private/confirm-pre-order-payment' },
  { name: 'pre-order-cancellation', path: '/private/cancel-pre-order-payment' },
  { name: 'transfer', path: '/private/payments/transfers' },
  { name: 'customer', path: '/private/customer' },
];

const PRODUCTS: Product[] = [
  { sku: '066_23294028', abstractSku: '066', name: 'Sony SmartWatch 3', unitGrossPrice: 39353, taxRate: 19 },
  { sku: '001_25904006', abstractSku: '001', name: 'Canon IXUS 160', unitGrossPrice: 9999, taxRate: 19 },
  { sku: '012_25904598', abstractSku: '012', name: 'Canon PowerShot N', unitGrossPrice: 34900, taxRate: 19 },
  { sku: '136_24425591', abstractSku: '136', name: 'Sony Xperia Z3 Compact', unitGrossPrice: 12356, taxRate: 19 },
  { sku: '024_21748906', abstractSku: '024', name: 'Canon PowerShot SX610', unitGrossPrice: 4990, taxRate: 19 },
];

const SHIPMENT_METHODS: ShipmentMethod[] = [
  { id: 1, name: 'Standard', carrierName: 'Spryker Dummy Shipment', price: 490, taxRate: 19 },
  { id: 2, name: 'Express', carrierName: 'Spryker Dummy Shipment', price: 590, taxRate: 19 },
];

const STRIPE_APP: AppConfiguration = {
  baseUrl: 'https://stripe.app.sandbox.invalid',
  endpoints: APP_ENDPOINTS,
  checkoutConfiguration: { scripts: [], paymentServiceProviderData: {} },
};

const PAYONE_PAYPAL_APP: AppConfiguration = {
  baseUrl: 'https://payone.app.sandbox.invalid',
  endpoints: APP_ENDPOINTS,
  checkoutConfiguration: {
    strategy: 'express-checkout',
    scripts: [
      { url: 'https://www.paypal.com/sdk/js', queryParams: { currency: 'currencyName', locale: 'localeName' } },
    ],
    paymentServiceProviderData: {
      clientId: 'sandbox-paypal-client-id',
      merchantId: 'SANDBOXMERCHANT01',
      isLive: false,
    },
  },
};

const PAYMENT_METHODS: PaymentMethod[] = [
  {
    idPaymentMethod: 1,
    paymentMethodName: 'Invoice',
    paymentProviderName: 'DummyPayment',
    priority: 1,
    appConfiguration: null,
    psp: null,
  },
  {
    idPaymentMethod: 2,
    paymentMethodName: 'Stripe',
    paymentProviderName: 'Stripe',
    priority: 2,
    appConfiguration: STRIPE_APP,
    psp: 'stripe',
  },
  {
    idPaymentMethod: 3,
    paymentMethodName: 'PayPal Express',
    paymentProviderName: 'payone',
    priority: 3,
    appConfiguration: PAYONE_PAYPAL_APP,
    psp: 'payone-paypal',
  },
];

const DEMO_GUEST_ID = 'sandbox-demo-guest';
/** Long enough that a sandbox left running for days keeps a working demo token. */
const DEMO_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

/** Catalog data every sandbox has, seeded or not: without it no cart can be priced. */
export function installCatalog(state: SandboxState): void {
  for (const product of PRODUCTS) state.products.set(product.sku, product);
  for (const method of SHIPMENT_METHODS) state.shipmentMethods.set(method.id, method);
  state.paymentMethods.push(...PAYMENT_METHODS);
}

export function createCustomer(
  state: SandboxState,
  input: { email: string; password: string; firstName: string; lastName: string; salutation: string },
): Customer {
  const { customerReference, idCustomer } = state.nextCustomerReference();
  const customer: Customer = { customerReference, idCustomer, ...input };
  state.customers.set(customerReference, customer);
  return customer;
}

/** The demo customer (Sonia, as in Spryker's demo shop) and a demo guest, each with a filled cart. */
export function seedDemo(state: SandboxState): DemoData {
  const customer = createCustomer(state, {
    email: 'sonia@spryker.com',
    password: 'change123',
    firstName: 'Sonia',
    lastName: 'Wagner',
    salutation: 'Mrs',
  });
  const token = issueAccessToken(state, customer, DEMO_TOKEN_LIFETIME_SECONDS);
  const customerCart = state.createCart(
    { kind: 'customer', customerReference: customer.customerReference },
    'Sonia cart',
  );
  state.addItem(customerCart, '066_23294028', 1);
  state.addItem(customerCart, '001_25904006', 2);
  const guestCart = state.createCart({ kind: 'guest', anonymousId: DEMO_GUEST_ID }, 'Guest cart');
  state.addItem(guestCart, '012_25904598', 1);
  return {
    customer: {
      email: customer.email,
      password: customer.password,
      customerReference: customer.customerReference,
      accessToken: token.accessToken,
    },
    customerCartId: customerCart.id,
    guest: { anonymousId: DEMO_GUEST_ID },
    guestCartId: guestCart.id,
    ...catalogSummary(state),
  };
}

/** The part of DemoData that exists without seeding. */
export function catalogSummary(
  state: SandboxState,
): Pick<DemoData, 'skus' | 'shipmentMethods' | 'paymentMethods' | 'shopper'> {
  return {
    shopper: DEMO_SHOPPER,
    skus: [...state.products.keys()],
    shipmentMethods: [...state.shipmentMethods.values()].map(({ id, name, price }) => ({ id, name, price })),
    paymentMethods: state.paymentMethods.map(({ paymentMethodName, paymentProviderName }) => ({
      paymentMethodName,
      paymentProviderName,
    })),
  };
}
