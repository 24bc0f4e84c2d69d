import {
  ActivePreOrderPaymentDocument,
  type ActivePreOrderPaymentQueryVariables,
  CancelPreOrderPaymentDocument,
  type CancelPreOrderPaymentMutationVariables,
  createGatewayClient,
  InitializePreOrderPaymentDocument,
  type InitializePreOrderPaymentMutationVariables,
  PaymentMethodsDocument,
  type PaymentMethodsQueryVariables,
  PlaceOrderDocument,
  type PlaceOrderMutationVariables,
  PreOrderPaymentDocument,
  type PreOrderPaymentQueryVariables,
} from '@headless-payment-gateway/client';

/**
 * The flow's operations for tests, through the client package storefronts use: each sends its
 * variables exactly as given (no idempotency key added, no retry), so tests control both, with
 * whatever headers a test chooses (none, a foreign token, a guest's id).
 */
export function getSdk(url: string, headers: Record<string, string>) {
  const client = createGatewayClient({ url, headers });
  return {
    PaymentMethods: (variables: PaymentMethodsQueryVariables) => client.request(PaymentMethodsDocument, variables),
    InitializePreOrderPayment: (variables: InitializePreOrderPaymentMutationVariables) =>
      client.request(InitializePreOrderPaymentDocument, variables),
    PlaceOrder: (variables: PlaceOrderMutationVariables) => client.request(PlaceOrderDocument, variables),
    CancelPreOrderPayment: (variables: CancelPreOrderPaymentMutationVariables) =>
      client.request(CancelPreOrderPaymentDocument, variables),
    PreOrderPayment: (variables: PreOrderPaymentQueryVariables) => client.request(PreOrderPaymentDocument, variables),
    ActivePreOrderPayment: (variables: ActivePreOrderPaymentQueryVariables) =>
      client.request(ActivePreOrderPaymentDocument, variables),
  };
}

export type Sdk = ReturnType<typeof getSdk>;
