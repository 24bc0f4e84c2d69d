import type { GatewayError } from './errors.ts';
import type { PreOrderPaymentStatus } from './pre-order-payment.ts';

/** What an operator's action can run into: the shopper-facing errors, or an action its status does not allow. */
export type OperatorError =
  | GatewayError
  | { readonly code: 'NOT_APPLICABLE'; readonly message: string; readonly status: PreOrderPaymentStatus };

export function notApplicable(status: PreOrderPaymentStatus): OperatorError {
  return { code: 'NOT_APPLICABLE', message: `This action does not apply to a payment in status ${status}.`, status };
}
