import { randomUUID } from 'node:crypto';

export const SKU = '066_23294028';

export function address(overrides: Record<string, string> = {}) {
  return {
    salutation: 'Ms',
    firstName: 'Sonia',
    lastName: 'Wagner',
    address1: 'Julie-Wolfthorn-Straße',
    address2: '1',
    zipCode: '10115',
    city: 'Berlin',
    iso2Code: 'DE',
    ...overrides,
  };
}

export function customer(overrides: Record<string, string> = {}) {
  return { salutation: 'Ms', firstName: 'Sonia', lastName: 'Wagner', email: 'sonia@example.com', ...overrides };
}

export function initializeInput(cartId: string, overrides: Record<string, unknown> = {}) {
  return {
    cartId,
    paymentMethodName: 'Stripe',
    paymentProviderName: 'Stripe',
    customer: customer(),
    billingAddress: address(),
    shipments: [{ shipmentMethodId: 1, shippingAddress: address() }],
    ...overrides,
  };
}

export const anonymousId = (): string => `anon-${randomUUID()}`;
