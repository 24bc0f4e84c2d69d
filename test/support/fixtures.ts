import { randomUUID } from 'node:crypto';
import { DEMO_SHOPPER } from '../../sandbox/domain/seed.ts';

export const SKU = '066_23294028';

/** The sandbox's demo shopper: the one copy of the Berlin address the whole suite fills in. */
export function address(overrides: Record<string, string> = {}) {
  return { ...DEMO_SHOPPER.address, ...overrides };
}

export function customer(overrides: Record<string, string> = {}) {
  return { ...DEMO_SHOPPER.customer, ...overrides };
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
