import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ClientError, GraphQLClient, type RequestOptions } from 'graphql-request';
import {
  ActivePreOrderPaymentDocument,
  CancelPreOrderPaymentDocument,
  type CancelPreOrderPaymentInput,
  type CancelPreOrderPaymentMutation,
  InitializePreOrderPaymentDocument,
  type InitializePreOrderPaymentInput,
  type InitializePreOrderPaymentMutation,
  PaymentMethodsDocument,
  type PaymentMethodsQuery,
  PlaceOrderDocument,
  type PlaceOrderInput,
  type PlaceOrderMutation,
  PreOrderPaymentDocument,
  type PreOrderPaymentFieldsFragment,
} from './generated/graphql.js';
import { gotNoAnswer, newIdempotencyKey, retryDelayMs } from './idempotency.js';
import { type Identity, identityHeaders } from './identity.js';
import { GatewayGraphQLError, watchPreOrderPayment } from './watch.js';

export interface GatewayClientOptions {
  /** The gateway's GraphQL endpoint, e.g. https://gateway.example/graphql. */
  readonly url: string;
  /** The shopper; absent only for requests that carry their own headers. */
  readonly identity?: Identity;
  /** Sent with every request (e.g. Accept-Language); the identity headers win. */
  readonly headers?: Record<string, string>;
  /** A fetch of your own (tests, a proxy agent); the global one by default. */
  readonly fetch?: typeof fetch;
  /**
   * How often a mutation that got no answer at all is sent again, with the same idempotency key,
   * so a retry can never pay or order twice (default 2).
   */
  readonly retries?: number;
}

/** A mutation's input: the idempotency key is the client's to set unless you pass one. */
type WithOptionalKey<T> = Omit<T, 'idempotencyKey'> & { readonly idempotencyKey?: string | null };

export type PaymentMethodsResult = PaymentMethodsQuery['paymentMethods'];
export type InitializeResult = InitializePreOrderPaymentMutation['initializePreOrderPayment'];
export type PlaceOrderResult = PlaceOrderMutation['placeOrder'];
export type CancelResult = CancelPreOrderPaymentMutation['cancelPreOrderPayment'];

export interface GatewayClient {
  /** Any typed document, as it is (no idempotency key added, no retry). */
  request<Result, Variables extends object>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
  ): Promise<Result>;
  paymentMethods(cartId: string): Promise<PaymentMethodsResult>;
  initializePreOrderPayment(input: WithOptionalKey<InitializePreOrderPaymentInput>): Promise<InitializeResult>;
  placeOrder(input: WithOptionalKey<PlaceOrderInput>): Promise<PlaceOrderResult>;
  cancelPreOrderPayment(input: WithOptionalKey<CancelPreOrderPaymentInput>): Promise<CancelResult>;
  preOrderPayment(id: string): Promise<PreOrderPaymentFieldsFragment | null>;
  activePreOrderPayment(cartId: string): Promise<PreOrderPaymentFieldsFragment | null>;
  /** The payment's live status: as it is now, then each change, until it ends. */
  watchPreOrderPayment(id: string): AsyncGenerator<PreOrderPaymentFieldsFragment, void, undefined>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A client for the pre-order payment flow that sets the shopper's headers and idempotency keys. */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const headers = { ...options.headers, ...identityHeaders(options.identity) };
  const http = new GraphQLClient(options.url, {
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const retries = options.retries ?? 2;

  async function request<Result, Variables extends object>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
  ): Promise<Result> {
    try {
      // graphql-request's conditional option types cannot see that Variables is an object here.
      const options = { document, variables } as unknown as RequestOptions<Variables, Result>;
      return await http.request<Result, Variables>(options);
    } catch (error) {
      if (error instanceof ClientError && error.response.errors?.length)
        throw new GatewayGraphQLError(error.response.errors);
      throw error;
    }
  }

  async function mutate<Result, Input extends { readonly idempotencyKey?: string | null }>(
    document: TypedDocumentNode<Result, { input: Input }>,
    input: Input,
  ): Promise<Result> {
    const keyed = { ...input, idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() };
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(document, { input: keyed });
      } catch (error) {
        if (attempt > retries || !gotNoAnswer(error)) throw error;
        await sleep(retryDelayMs(attempt));
      }
    }
  }

  return {
    request,
    paymentMethods: async (cartId) => (await request(PaymentMethodsDocument, { cartId })).paymentMethods,
    initializePreOrderPayment: async (input) =>
      (await mutate(InitializePreOrderPaymentDocument, input as InitializePreOrderPaymentInput))
        .initializePreOrderPayment,
    placeOrder: async (input) => (await mutate(PlaceOrderDocument, input as PlaceOrderInput)).placeOrder,
    cancelPreOrderPayment: async (input) =>
      (await mutate(CancelPreOrderPaymentDocument, input as CancelPreOrderPaymentInput)).cancelPreOrderPayment,
    preOrderPayment: async (id) => (await request(PreOrderPaymentDocument, { id })).preOrderPayment,
    activePreOrderPayment: async (cartId) =>
      (await request(ActivePreOrderPaymentDocument, { cartId })).activePreOrderPayment,
    watchPreOrderPayment: (id) =>
      watchPreOrderPayment(id, { url: options.url, headers, ...(options.fetch ? { fetch: options.fetch } : {}) }),
  };
}
