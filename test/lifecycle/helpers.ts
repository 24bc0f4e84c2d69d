import { request } from 'undici';
import type { Sdk } from '../support/stack.ts';

/** Shared arrangements for the lifecycle tests (not a test file itself). */

/** Polls a payment (up to `ms`) until `done` holds for its status; answers the payment as last read. */
export async function untilStatus(
  sdk: Sdk,
  id: string,
  done: { readonly is: (status: string | undefined) => boolean; readonly ms?: number },
) {
  const deadline = Date.now() + (done.ms ?? 15_000);
  for (;;) {
    const payment = (await sdk.PreOrderPayment({ id })).preOrderPayment;
    if (done.is(payment?.status) || Date.now() > deadline) return payment;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One GraphQL call to the operators' endpoint, with whatever headers the test gives. */
export async function opsCall(
  baseUrl: string,
  call: { readonly query: string; readonly variables?: unknown; readonly headers?: Record<string, string> },
) {
  const response = await request(`${baseUrl}/ops/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...call.headers },
    body: JSON.stringify({ query: call.query, variables: call.variables ?? {} }),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    // biome-ignore lint/suspicious/noExplicitAny: tests navigate the operators' answers; assertions check the shapes.
    json: (text.startsWith('{') ? JSON.parse(text) : null) as any,
  };
}

export const ATTENTION_QUERY = `query Attention($first: Int, $after: String) {
  preOrderPaymentsNeedingAttention(first: $first, after: $after) {
    edges { cursor node { reason since payment { id status orderReference releaseAttempts events { type message } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const RETRY_RELEASE = `mutation Retry($input: RetryReleaseInput!) {
  retryRelease(input: $input) {
    __typename
    ... on OperatorActionDone { payment { id status events { type message } } }
    ... on OperatorActionRefused { code message }
  }
}`;

export const RESOLVE_OUTCOME = `mutation Resolve($input: ResolveOrderOutcomeInput!) {
  resolveOrderOutcome(input: $input) {
    __typename
    ... on OperatorActionDone { payment { id status orderReference events { type message } } }
    ... on OperatorActionRefused { code message }
  }
}`;

export const ACKNOWLEDGE_MISMATCH = `mutation Acknowledge($input: AcknowledgeOrderMismatchInput!) {
  acknowledgeOrderMismatch(input: $input) {
    __typename
    ... on OperatorActionDone { payment { id status paymentMatchesOrder mismatchAcknowledged orderTotal { amount currency } events { type message } } }
    ... on OperatorActionRefused { code message }
  }
}`;
