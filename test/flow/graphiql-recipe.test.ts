import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../sandbox/domain/seed.ts';
import { graphiqlTabs } from '../../src/http/graphiql-recipe.ts';
import { anonymousId, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';

const stack = useStack();

/** The GraphQL request body: the document, which of its operations to run, and the variables. */
interface Operation {
  readonly query: string;
  readonly operationName: string;
  readonly variables: unknown;
}

async function run(operation: Operation, headers: Record<string, string>) {
  const { query, operationName, variables } = operation;
  const response = await request(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return (await response.body.json()) as {
    data?: Record<string, { __typename: string; preOrderPayment?: { id: string }; order?: { orderReference: string } }>;
  };
}

describe('the GraphiQL recipe npm start prints', () => {
  it('runs PaymentMethods, InitializePreOrderPayment and PlaceOrder from the opening tab as it is', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const [tab] = graphiqlTabs({ anonymousId: anon, cartId, shopper: DEMO_SHOPPER });
    if (!tab) throw new Error('no tab');
    const headers = JSON.parse(tab.headers ?? '{}') as Record<string, string>;
    const variables = JSON.parse(tab.variables ?? '{}') as Record<string, unknown>;

    const methods = await run({ query: tab.query, operationName: 'PaymentMethods', variables }, headers);
    expect(methods.data?.paymentMethods?.__typename).toBe('PaymentMethodList');
    const init = await run({ query: tab.query, operationName: 'InitializePreOrderPayment', variables }, headers);
    const initialized = init.data?.initializePreOrderPayment;
    expect(initialized?.__typename).toBe('InitializePreOrderPaymentSuccess');
    const placed = await run(
      {
        query: tab.query,
        operationName: 'PlaceOrder',
        variables: { input: { preOrderPaymentId: initialized?.preOrderPayment?.id } },
      },
      headers,
    );
    expect(placed.data?.placeOrder?.__typename).toBe('PlaceOrderSuccess');
    expect(placed.data?.placeOrder?.order?.orderReference).toMatch(/^DE--\d+$/);
  });
});
