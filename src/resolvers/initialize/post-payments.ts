import type { GatewayError } from '../../domain/errors.ts';
import type { CreatedPayment } from '../../domain/glue-outcomes.ts';
import { createdPaymentOrError } from '../../domain/glue-outcomes.ts';
import type { Result } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import type { InitializationRequest } from './initialization-request.ts';

/**
 * `POST /payments` for the cart as Glue priced it (docs/initialize.md item 5): the amount comes
 * from Glue's totals, never the client; `preOrderPaymentData` only on a re-initialization.
 */
export async function postPayments(
  deps: UseCaseDeps,
  request: InitializationRequest,
  preOrderPaymentData: Readonly<Record<string, unknown>> | null,
): Promise<Result<CreatedPayment, GatewayError>> {
  const { state, inputs, wanted, owner } = request;
  const outcome = await deps.glue.createPayment(request.caller, {
    amount: state.checkoutData.amount,
    paymentMethodName: wanted.paymentMethodName,
    paymentProviderName: wanted.paymentProviderName,
    cart: state.cart,
    checkoutData: state.checkoutData,
    customer: inputs.customer,
    customerReference: owner.customerReference,
    billingAddress: inputs.billingAddress,
    shippingAddress: inputs.shipments[0]?.shippingAddress ?? null,
    preOrderPaymentData,
  });
  return createdPaymentOrError(outcome, { name: wanted.paymentMethodName, provider: wanted.paymentProviderName });
}
