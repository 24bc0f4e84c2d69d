import { randomUUID } from 'node:crypto';
import { DEMO_SHOPPER } from '../../sandbox/domain/seed.ts';
import type { FaultSpec } from './sandbox-control.ts';

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

/** A sandbox fault: POST /checkout refuses the order with 422/1101 and saves nothing (a definite refusal). */
export const CHECKOUT_REFUSED_1101 = {
  endpoint: 'POST /checkout',
  mode: 'status',
  status: 422,
  code: '1101',
  detail: 'Checkout data is invalid.',
} as const satisfies FaultSpec;

/** A sandbox fault: POST /checkout answers 500 and saves nothing. */
export const CHECKOUT_FAILS_500 = {
  endpoint: 'POST /checkout',
  mode: 'status',
  status: 500,
  detail: 'Internal Server Error',
} as const satisfies FaultSpec;

/** A sandbox fault: POST /checkout saves the order, then answers 422/1106 "Unable to delete cart." and keeps the cart. */
export const CHECKOUT_SAVED_THEN_1106 = {
  endpoint: 'POST /checkout',
  mode: 'after-effect',
  status: 422,
  code: '1106',
  detail: 'Unable to delete cart.',
  keepCart: true,
} as const satisfies FaultSpec;

export const anonymousId = (): string => `anon-${randomUUID()}`;
