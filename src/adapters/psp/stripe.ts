import type { ProviderData, PspAdapter } from '../../domain/provider-data.ts';
import { text } from './values.ts';

/**
 * Stripe through the ACP Stripe app: `transactionId` (the PaymentIntent id), `clientSecret` and
 * `publishableKey` for Stripe Elements, `accountId` in the Direct model only (docs/glue-backend.md §5).
 */
export const stripeAdapter: PspAdapter = {
  methodKeys: ['stripe-stripe'],
  // The client secret authorizes the PaymentIntent from a browser.
  secretFields: ['clientSecret'],
  toProviderData(data): ProviderData | null {
    const transactionId = text(data, 'transactionId');
    const clientSecret = text(data, 'clientSecret');
    const publishableKey = text(data, 'publishableKey');
    if (!transactionId || !clientSecret || !publishableKey) return null;
    return { kind: 'stripe', transactionId, clientSecret, publishableKey, accountId: text(data, 'accountId') };
  },
};
