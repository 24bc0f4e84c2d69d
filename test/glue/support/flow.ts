import type { GlueClient } from '../../../src/adapters/glue/glue-client.ts';
import type { Shipment } from '../../../src/domain/checkout-inputs.ts';
import type { Caller } from '../../../src/domain/identity.ts';
import type { CheckoutRequest, CreatePaymentOutcome } from '../../../src/domain/ports/glue-port.ts';
import { address, customerInput } from './glue-documents.ts';
import type { SandboxGlue } from './sandbox-glue.ts';

export const STRIPE = { paymentMethodName: 'Stripe', paymentProviderName: 'Stripe' } as const;
export const PAYPAL_EXPRESS = { paymentMethodName: 'PayPal Express', paymentProviderName: 'payone' } as const;
export const standardShipping: Shipment[] = [{ shipmentMethodId: 1, shippingAddress: address }];

/** What initializePayment sends: the cart, the method (Stripe unless given), e-mail and shipments overrides. */
export interface PaymentSetup {
  readonly cartId: string;
  readonly method?: { readonly paymentMethodName: string; readonly paymentProviderName: string };
  readonly email?: string;
  readonly shipments?: Shipment[];
}

/** initializePreOrderPayment's Glue part: /checkout-data and the cart, then POST /payments. */
export async function initializePayment(
  glue: GlueClient,
  caller: Caller,
  setup: PaymentSetup,
): Promise<CreatePaymentOutcome> {
  const { cartId, method = STRIPE } = setup;
  const shipments = setup.shipments ?? standardShipping;
  const checkoutData = await glue.checkoutData(caller, {
    cartId,
    customer: customerInput,
    billingAddress: address,
    shipments,
  });
  const cart = await glue.cart(caller, cartId);
  if (!checkoutData.ok || !cart.ok) throw new Error('the cart could not be read');
  return glue.createPayment(caller, {
    amount: checkoutData.value.amount,
    ...method,
    cart: cart.value,
    checkoutData: checkoutData.value,
    // An e-mail override reaches only /payments, which validates it itself.
    customer: { ...customerInput, email: setup.email ?? customerInput.email },
    customerReference: null,
    billingAddress: address,
    shippingAddress: shipments[0]?.shippingAddress ?? null,
    preOrderPaymentData: null,
  });
}

export function checkoutRequest(
  cartId: string,
  preOrderPaymentData: Readonly<Record<string, unknown>>,
  overrides: Partial<CheckoutRequest> = {},
): CheckoutRequest {
  return {
    cartId,
    customer: customerInput,
    billingAddress: address,
    shipments: standardShipping,
    ...STRIPE,
    preOrderPaymentData,
    expressCheckout: false,
    ...overrides,
  };
}

/** The provider refuses the next `POST /payment-cancellations` (a 422, which is never retried). */
export const CANCELLATION_REFUSED = {
  endpoint: 'POST /payment-cancellations',
  mode: 'status',
  status: 422,
  detail: 'Request to payment provider failed. Not allowed.',
} as const;

/** A fresh guest's Stripe payment at the sandbox, and the cancelPayment request for it. */
export async function cancelablePayment(env: SandboxGlue, items: { sku: string; quantity: number }[]) {
  const { caller, cartId } = await env.guestWithCart(items);
  const created = await initializePayment(env.glue, caller, { cartId });
  if (created.kind !== 'created') throw new Error(created.kind);
  return { caller, cancel: { ...STRIPE, preOrderPaymentData: created.preOrderPaymentData } };
}
