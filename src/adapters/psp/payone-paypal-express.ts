import type { ProviderData, PspAdapter } from '../../domain/provider-data.ts';
import { text } from './values.ts';

/**
 * PayPal Express through the ACP Payone app: `transactionId`, `orderId`, `workorderid`, `token`,
 * `currency`, `clientId`, `merchantId` (docs/glue-backend.md §5, Payone guide). Only the
 * transactionId is required; the PayPal button needs the others and shows its own error without them.
 */
export const payonePaypalExpressAdapter: PspAdapter = {
  methodKeys: ['payone-paypal-express'],
  // The PayPal order token and Payone's work order id continue the payment at the provider.
  secretFields: ['token', 'workorderid'],
  toProviderData(data): ProviderData | null {
    const transactionId = text(data, 'transactionId');
    if (!transactionId) return null;
    return {
      kind: 'paypal-express',
      transactionId,
      orderId: text(data, 'orderId'),
      token: text(data, 'token'),
      clientId: text(data, 'clientId'),
      merchantId: text(data, 'merchantId'),
      currency: text(data, 'currency'),
    };
  },
};
