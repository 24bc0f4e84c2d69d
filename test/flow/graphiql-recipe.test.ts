import { readFileSync } from 'node:fs';
import { buildSchema, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../sandbox/domain/seed.ts';
import { type GraphiQLTab, graphiqlTabs } from '../../src/http/graphiql-recipe.ts';
import { anonymousId, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';

const stack = useStack();

/** The GraphQL request body as GraphiQL sends a tab of one operation: the document and the variables. */
interface Operation {
  readonly query: string;
  readonly variables: unknown;
}

async function run(operation: Operation, headers: Record<string, string>) {
  const { query, variables } = operation;
  const response = await request(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.body.json()) as {
    data?: Record<string, { __typename: string; preOrderPayment?: { id: string }; order?: { orderReference: string } }>;
  };
}

function operationNameOf(tab: GraphiQLTab): string | undefined {
  const operation = parse(tab.query).definitions.find(
    (node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION,
  );
  return operation?.name?.value;
}

/** The tab whose document holds this operation. */
function tabOf(tabs: readonly GraphiQLTab[], operation: string): GraphiQLTab {
  const tab = tabs.find((candidate) => operationNameOf(candidate) === operation);
  if (!tab) throw new Error(`no tab for ${operation}`);
  return tab;
}

describe('the GraphiQL recipe npm start prints', () => {
  it("opens one tab per step, in the flow's order, each one operation with only the fragments it uses", () => {
    const tabs = graphiqlTabs({ anonymousId: 'anon-1', cartId: 'cart-1', shopper: DEMO_SHOPPER });
    const names = tabs.map(operationNameOf);
    expect(names).toEqual([
      'PaymentMethods',
      'InitializePreOrderPayment',
      'PreOrderPayment',
      'PlaceOrder',
      'CancelPreOrderPayment',
      'ActivePreOrderPayment',
      'PreOrderPaymentUpdated',
    ]);
    const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    for (const tab of tabs) {
      const document = parse(tab.query);
      expect(document.definitions.filter((node) => node.kind === Kind.OPERATION_DEFINITION)).toHaveLength(1);
      // Valid as a whole, so no unused fragment ("Fragment ... is never used") and none missing.
      expect(validate(schema, document).map((error) => error.message)).toEqual([]);
      expect(JSON.parse(tab.headers)).toEqual({ 'X-Anonymous-Customer-Unique-Id': 'anon-1' });
    }
    expect(JSON.parse(tabs[0]?.variables ?? '')).toEqual({ cartId: 'cart-1' });
  });

  it('runs PaymentMethods, InitializePreOrderPayment and PlaceOrder, each from its own tab as GraphiQL sends it', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const tabs = graphiqlTabs({ anonymousId: anon, cartId, shopper: DEMO_SHOPPER });
    const send = (tab: GraphiQLTab, variables: unknown = JSON.parse(tab.variables)) =>
      run({ query: tab.query, variables }, JSON.parse(tab.headers) as Record<string, string>);

    const methods = await send(tabOf(tabs, 'PaymentMethods'));
    expect(methods.data?.paymentMethods?.__typename).toBe('PaymentMethodList');
    const init = await send(tabOf(tabs, 'InitializePreOrderPayment'));
    const initialized = init.data?.initializePreOrderPayment;
    expect(initialized?.__typename).toBe('InitializePreOrderPaymentSuccess');
    const placeTab = tabOf(tabs, 'PlaceOrder');
    // What the recipe tells a person to do: put the answered id where the placeholder stands.
    const placed = await send(
      placeTab,
      JSON.parse(
        placeTab.variables.replace('<id from InitializePreOrderPayment>', initialized?.preOrderPayment?.id ?? ''),
      ),
    );
    expect(placed.data?.placeOrder?.__typename).toBe('PlaceOrderSuccess');
    expect(placed.data?.placeOrder?.order?.orderReference).toMatch(/^DE--\d+$/);
  });
});
