import {
  PreOrderPaymentUpdatedDocument,
  type PreOrderPaymentUpdatedSubscription,
} from '@headless-payment-gateway/client';
import { print } from 'graphql';
import { createClient, type ExecutionResult } from 'graphql-sse';

/** preOrderPaymentUpdated as a browser sends it. */
export const SUBSCRIPTION = print(PreOrderPaymentUpdatedDocument);
export type SubscriptionResult = ExecutionResult<PreOrderPaymentUpdatedSubscription, unknown>;
/** What `next` answers once the server completed the stream. */
export const DONE = Symbol('done');

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export interface Subscription {
  /** The next result, or DONE once the server completed the stream. */
  next(ms?: number): Promise<SubscriptionResult | typeof DONE>;
  /** Every remaining result until the server completes the stream. */
  rest(ms?: number): Promise<SubscriptionResult[]>;
  dispose(): void;
}

/** A graphql-sse subscription (fetch-based, as a browser would use it) read one result at a time. */
export function subscribe(target: {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly id: string;
}): Subscription {
  const client = createClient({ url: target.url, headers: target.headers, fetchFn: fetch, retryAttempts: 0 });
  const iterator = client.iterate<PreOrderPaymentUpdatedSubscription>({
    query: SUBSCRIPTION,
    variables: { id: target.id },
  });
  return {
    async next(ms = 5000) {
      const step = await withDeadline(iterator.next(), ms, 'subscription');
      return step.done ? DONE : step.value;
    },
    async rest(ms = 5000) {
      const results: SubscriptionResult[] = [];
      for (;;) {
        const step = await this.next(ms);
        if (step === DONE) return results;
        results.push(step);
      }
    },
    dispose() {
      void iterator.return?.();
      client.dispose();
    },
  };
}

/** The payment a result carries; a test fails on an error or the end of the stream. */
export function paymentOf(result: SubscriptionResult | typeof DONE) {
  if (result === DONE) throw new Error('the stream completed');
  if (result.errors || !result.data) throw new Error(`expected a payment, got ${JSON.stringify(result)}`);
  return result.data.preOrderPaymentUpdated;
}
