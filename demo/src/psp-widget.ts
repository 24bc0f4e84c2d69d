import type { PreOrderPaymentFieldsFragment } from '@headless-payment-gateway/client';

/**
 * The sandbox's simulated provider, as its widget in the shopper's browser talks to it: a stand-in
 * for Stripe.js (confirmCardPayment / retrievePaymentIntent with the client secret) and PayPal's
 * buttons (approval with the order token).
 */
export type WidgetStatus = 'pending' | 'approved' | 'canceled';

export type WidgetAnswer =
  | { readonly ok: true; readonly status: WidgetStatus }
  | { readonly ok: false; readonly error: string };

/** The secret the provider's widget works with, or null when the method has no widget. */
export function widgetSecret(payment: PreOrderPaymentFieldsFragment): string | null {
  const data = payment.providerData;
  if (data.__typename === 'StripePaymentData') return data.clientSecret;
  if (data.__typename === 'PayPalExpressPaymentData') return data.token;
  return null;
}

async function call(sandboxUrl: string, path: string, body: Record<string, string>): Promise<WidgetAnswer> {
  const response = await fetch(`${sandboxUrl}/_sandbox/psp/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { status?: WidgetStatus; error?: string };
  return response.ok && answer.status
    ? { ok: true, status: answer.status }
    : { ok: false, error: answer.error ?? 'The payment provider did not answer.' };
}

/** The shopper approves the payment in the widget (card details for Stripe). */
export function approve(sandboxUrl: string, input: { readonly secret: string; readonly cardNumber?: string }) {
  return call(
    sandboxUrl,
    'confirm',
    input.cardNumber === undefined ? { secret: input.secret } : { ...input, cardNumber: input.cardNumber },
  );
}

/** What the widget knows of the payment after a reload. */
export function retrieve(sandboxUrl: string, secret: string) {
  return call(sandboxUrl, 'retrieve', { secret });
}
