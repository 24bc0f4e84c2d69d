import {
  CancelPreOrderPaymentDocument,
  InitializePreOrderPaymentDocument,
  PaymentMethodsDocument,
  PlaceOrderDocument,
  PreOrderPaymentUpdatedDocument,
} from '@headless-payment-gateway/client';
import { print } from 'graphql';
import { createClient } from 'graphql-sse';
import { describe, expect, it } from 'vitest';
import { anonymousId, customer, initializeInput, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';
import { postGraphQL } from './http.ts';

/**
 * A full run at LOG_LEVEL=debug — guests and customers, Stripe and PayPal Express, initialize,
 * placeOrder, cancel, a subscription, refusals and upstream failures — then every log line the
 * gateway wrote is searched for each secret the run handled (docs/errors.md).
 */

const stack = useStack({ env: { LOG_LEVEL: 'debug' } });

/** Every secret value seen during the run: what the client sent and what the provider issued. */
const secrets = new Set<string>();
const SECRET_KEYS = /secret|token|workorderid|password/i;

function collectSecrets(value: unknown): void {
  if (Array.isArray(value)) value.forEach(collectSecrets);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEYS.test(key) && typeof item === 'string' && item.length >= 6) secrets.add(item);
      // preOrderPaymentData is the provider's raw map: all of it is treated as secret.
      if (key === 'preOrderPaymentData' && item && typeof item === 'object') {
        for (const inner of Object.values(item)) if (typeof inner === 'string' && inner.length >= 6) secrets.add(inner);
      }
      collectSecrets(item);
    }
  }
}

async function run(
  document: Parameters<typeof print>[0],
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const answer = await postGraphQL(stack.url, { query: print(document), variables }, headers);
  collectSecrets(answer.json);
  return answer.json?.data ?? {};
}

type Data = Record<string, { __typename?: string; preOrderPayment?: { id: string } } | undefined>;

async function shopper(
  kind: 'guest' | 'customer',
): Promise<{ headers: Record<string, string>; cartId: string; customer: ReturnType<typeof customer> }> {
  if (kind === 'guest') {
    const anon = anonymousId();
    secrets.add(anon);
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 2 }]);
    return { headers: { 'x-anonymous-customer-unique-id': anon }, cartId, customer: customer() };
  }
  const account = await stack.control.createCustomer();
  secrets.add(account.accessToken);
  secrets.add(account.password);
  const cartId = await stack.control.createCustomerCart(account.customerReference, [{ sku: SKU, quantity: 1 }]);
  return {
    headers: { authorization: `Bearer ${account.accessToken}` },
    cartId,
    customer: customer({ email: account.email, salutation: 'Mr' }),
  };
}

async function subscribeUntilDone(
  headers: Record<string, string>,
  id: string,
  then: () => Promise<unknown>,
): Promise<number> {
  const client = createClient({ url: stack.url, headers, fetchFn: fetch, retryAttempts: 0 });
  const results: unknown[] = [];
  const done = new Promise<void>((resolve, reject) => {
    client.subscribe(
      { query: print(PreOrderPaymentUpdatedDocument), variables: { id } },
      { next: (result) => results.push(result), error: reject, complete: resolve },
    );
  });
  await then();
  await done;
  client.dispose();
  collectSecrets(results);
  return results.length;
}

describe('log redaction over a full run', () => {
  it('writes no access token, anonymous id, password, clientSecret, token or workorderid in clear in any log line', {
    timeout: 30_000,
  }, async () => {
    for (const kind of ['guest', 'customer'] as const) {
      for (const [method, provider] of [
        ['Stripe', 'Stripe'],
        ['PayPal Express', 'payone'],
      ] as const) {
        const { headers, cartId, customer: buyer } = await shopper(kind);
        await run(PaymentMethodsDocument, { cartId }, headers);
        const input = initializeInput(cartId, {
          paymentMethodName: method,
          paymentProviderName: provider,
          customer: buyer,
          idempotencyKey: `idem-${cartId}`,
        });
        const init = (await run(InitializePreOrderPaymentDocument, { input }, headers)) as Data;
        const id = init.initializePreOrderPayment?.preOrderPayment?.id;
        expect(init.initializePreOrderPayment?.__typename).toBe('InitializePreOrderPaymentSuccess');
        if (!id) return;
        // Replay (idempotency) and a refused re-use of the key with another input.
        await run(InitializePreOrderPaymentDocument, { input }, headers);
        await run(InitializePreOrderPaymentDocument, { input: { ...input, shipments: [] } }, headers);
        if (method === 'Stripe') {
          const events = await subscribeUntilDone(headers, id, () =>
            run(PlaceOrderDocument, { input: { preOrderPaymentId: id } }, headers),
          );
          expect(events).toBeGreaterThan(0);
        } else {
          await run(CancelPreOrderPaymentDocument, { input: { preOrderPaymentId: id } }, headers);
          await run(PlaceOrderDocument, { input: { preOrderPaymentId: id } }, headers);
        }
      }
    }
    // Refusals and failures: a stranger, a bad token, Glue down, a document that does not parse.
    const stranger = { 'x-anonymous-customer-unique-id': anonymousId() };
    const badToken = `bad-token-${anonymousId()}`;
    secrets.add(stranger['x-anonymous-customer-unique-id']);
    secrets.add(badToken);
    const { headers, cartId } = await shopper('guest');
    await run(InitializePreOrderPaymentDocument, { input: initializeInput(cartId) }, stranger);
    await run(
      InitializePreOrderPaymentDocument,
      { input: initializeInput(cartId) },
      { authorization: `Bearer ${badToken}` },
    );
    await stack.control.fault({ endpoint: 'POST /payments', mode: 'status', status: 503, count: 1 });
    await run(InitializePreOrderPaymentDocument, { input: initializeInput(cartId) }, headers);
    await postGraphQL(stack.url, { query: '{ paymentMethods(' }, headers);
    await postGraphQL(
      stack.url,
      {
        query: print(PlaceOrderDocument),
        variables: { input: { preOrderPaymentId: 42, clientSecret: 'pi_x_secret_smuggled' } },
      },
      headers,
    );
    secrets.add('pi_x_secret_smuggled');

    const logs = stack.logLines.join('\n');
    expect(stack.logLines.length).toBeGreaterThan(20);
    expect(secrets.size).toBeGreaterThan(10);
    const leaked = [...secrets].filter((secret) => logs.includes(secret));
    console.log(`log redaction: ${stack.logLines.length} log lines searched for ${secrets.size} secret values`);
    expect(leaked).toEqual([]);
  });
});
