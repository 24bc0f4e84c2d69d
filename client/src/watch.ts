import { print } from 'graphql';
import { createClient } from 'graphql-sse';
import {
  type PreOrderPaymentFieldsFragment,
  PreOrderPaymentUpdatedDocument,
  type PreOrderPaymentUpdatedSubscription,
} from './generated/graphql.js';

/** GraphQL errors the gateway answered instead of data (e.g. PRE_ORDER_PAYMENT_NOT_FOUND). */
export class GatewayGraphQLError extends Error {
  readonly errors: readonly { readonly message: string; readonly extensions?: Record<string, unknown> }[];
  constructor(errors: GatewayGraphQLError['errors']) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'GatewayGraphQLError';
    this.errors = errors;
  }

  /** The first error's `extensions.code`, e.g. PRE_ORDER_PAYMENT_NOT_FOUND. */
  get code(): string | undefined {
    const code = this.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }
}

export interface WatchOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly fetch?: typeof fetch;
  /** Reconnects after a dropped stream (default 5); the gateway re-sends the payment as it is. */
  readonly retryAttempts?: number;
}

/**
 * preOrderPaymentUpdated over GraphQL over SSE (fetch-based: EventSource cannot send the identity
 * headers): the payment as it is, then once per change, until it ends (ORDER_PLACED, CANCELED,
 * EXPIRED) or the caller stops iterating.
 */
export async function* watchPreOrderPayment(
  id: string,
  options: WatchOptions,
): AsyncGenerator<PreOrderPaymentFieldsFragment, void, undefined> {
  const client = createClient({
    url: options.url,
    headers: options.headers,
    retryAttempts: options.retryAttempts ?? 5,
    ...(options.fetch ? { fetchFn: options.fetch } : {}),
  });
  try {
    const results = client.iterate<PreOrderPaymentUpdatedSubscription>({
      query: print(PreOrderPaymentUpdatedDocument),
      variables: { id },
    });
    for await (const result of results) {
      if (result.errors?.length) throw new GatewayGraphQLError(result.errors);
      const payment = result.data?.preOrderPaymentUpdated;
      if (payment) yield payment;
    }
  } finally {
    client.dispose();
  }
}
