import { cancelPayment, initializePayment } from '../../domain/psp.ts';
import { methodKey } from '../../state.ts';
import { E, failOne, type GlueResult, INTERNAL_SERVER_ERROR, ok } from '../results.ts';
import type { GlueRequest, GlueRoute } from '../route.ts';
import { PAYMENT_CANCELLATIONS, PAYMENTS } from '../schemas.ts';
import { isRecord } from '../validation.ts';

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** PaymentsRestApi answers a refusal as one 422 error carrying only the app's message: no code. */
function refused(detail: string): GlueResult {
  return failOne({ status: 422, detail });
}

function paymentDocument(request: GlueRequest, type: string, preOrderPaymentData: unknown): GlueResult {
  return ok(201, {
    data: {
      type,
      id: null,
      attributes: { isSuccessful: true, error: null, preOrderPaymentData },
      links: { self: `${request.baseUrl}/${type}` },
    },
  });
}

/** Routes are unprotected (`addPost('post', false)`); a sent token is still checked by the pipeline. */
export const paymentRoutes: GlueRoute[] = [
  {
    method: 'POST',
    template: '/payments',
    resourceType: 'payments',
    protected: false,
    schema: PAYMENTS,
    handle(request, state) {
      const payment = record(request.attributes.payment);
      const quote = record(request.attributes.quote);
      const key = methodKey(String(payment.paymentProviderName), String(payment.paymentMethodName));
      const method = state.paymentMethodByKey(key);
      if (!method) return failOne(E.paymentMethodNotFound);
      if (!method.appConfiguration) {
        return refused(
          `Could not find an authorization endpoint for the payment method "${key}". A reason for this could be that the Payment Apps configuration was not updated or not synced back.`,
        );
      }
      const uuid = quote.uuid;
      const previous = request.attributes.preOrderPaymentData;
      const result = initializePayment(state, method, {
        // The transfer field is an int: PHP's cast truncates "123.9" to 123.
        amount: Math.trunc(Number(payment.amount)),
        currency: String(record(quote.currency).code),
        cartId: typeof uuid === 'string' && uuid !== '' ? uuid : null,
        quote,
        preOrderPaymentData: isRecord(previous) ? previous : null,
      });
      if (!result.ok) return refused(result.error);
      return paymentDocument(request, 'payments', result.value);
    },
  },
  {
    method: 'POST',
    template: '/payment-cancellations',
    resourceType: 'payment-cancellations',
    protected: false,
    schema: PAYMENT_CANCELLATIONS,
    handle(request, state) {
      const payment = record(request.attributes.payment);
      const key = methodKey(String(payment.paymentProviderName), String(payment.paymentMethodName));
      const method = state.paymentMethodByKey(key);
      if (!method) return failOne(E.paymentMethodNotFound);
      // Zed throws when a method has no cancellation endpoint; Glue turns that into a bare 500.
      if (!method.appConfiguration) return INTERNAL_SERVER_ERROR;
      const transactionId = String(record(request.attributes.preOrderPaymentData).transactionId);
      const result = cancelPayment(state, method, transactionId);
      if (!result.ok) return refused(result.error);
      return paymentDocument(request, 'payment-cancellations', []);
    },
  },
];
