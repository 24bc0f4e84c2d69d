import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefinitionNode, Kind, parse, type SelectionSetNode, visit } from 'graphql';
import type { Address, Customer } from '../domain/checkout-inputs.ts';

/** The embedded sandbox's demo guest, cart and shopper details (development only). */
export interface DemoIdentity {
  readonly anonymousId: string;
  readonly cartId: string;
  readonly shopper: { readonly customer: Customer; readonly address: Address };
}

/** One GraphiQL tab: a document GraphiQL can run as it is, with its variables and headers. */
export interface GraphiQLTab {
  readonly query: string;
  readonly variables: string;
  readonly headers: string;
}

/** What the tabs show when no sandbox runs: the shape to fill in. */
const PLACEHOLDER_SHOPPER: DemoIdentity['shopper'] = {
  customer: { salutation: '<Ms|Mr|Mrs|Dr>', firstName: '<first name>', lastName: '<last name>', email: '<e-mail>' },
  address: {
    salutation: '<Ms|Mr|Mrs|Dr>',
    firstName: '<first name>',
    lastName: '<last name>',
    address1: '<street>',
    address2: '<house number>',
    zipCode: '<zip code>',
    city: '<city>',
    iso2Code: '<ISO country code>',
  },
};

/** Where a later tab needs what an earlier one answered. */
const PAYMENT_ID = '<id from InitializePreOrderPayment>';

/** The flow's order; an operation not named here follows, alphabetically. */
const FLOW = [
  'PaymentMethods',
  'InitializePreOrderPayment',
  'PreOrderPayment',
  'PlaceOrder',
  'CancelPreOrderPayment',
  'ActivePreOrderPayment',
  'PreOrderPaymentUpdated',
] as const;

const OPERATIONS_DIR = new URL('../../operations/', import.meta.url);

/** Every definition of operations/*.graphql with its source text (comments inside it kept). */
function definitions(): { readonly node: DefinitionNode; readonly text: string }[] {
  const dir = OPERATIONS_DIR.pathname;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .flatMap((file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      return parse(source).definitions.map((node) => ({
        node,
        text: node.loc ? source.slice(node.loc.start, node.loc.end) : '',
      }));
    });
}

function spreadsIn(selectionSet: SelectionSetNode): Set<string> {
  const names = new Set<string>();
  visit(selectionSet, {
    FragmentSpread(spread) {
      names.add(spread.name.value);
    },
  });
  return names;
}

/**
 * Each operation as a document of its own with only the fragments it uses: GraphiQL sends a tab's
 * whole document, and GraphQL refuses a document holding a fragment it never spreads.
 */
export function operationDocuments(): Map<string, string> {
  const all = definitions();
  const fragments = new Map<string, { readonly text: string; readonly uses: Set<string> }>();
  for (const { node, text } of all)
    if (node.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(node.name.value, { text, uses: spreadsIn(node.selectionSet) });
  const documents = new Map<string, string>();
  for (const { node, text } of all) {
    if (node.kind !== Kind.OPERATION_DEFINITION || !node.name) continue;
    const needed: string[] = [];
    const pending = [...spreadsIn(node.selectionSet)];
    for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
      const fragment = fragments.get(name);
      if (!fragment || needed.includes(name)) continue;
      needed.push(name);
      pending.push(...fragment.uses);
    }
    const fragmentTexts = needed.map((name) => fragments.get(name)?.text ?? '');
    documents.set(node.name.value, [text, ...fragmentTexts].join('\n\n'));
  }
  return documents;
}

/** Variables for the demo flow: the demo guest's cart, shipped to the demo shopper's address. */
export function demoVariables(cartId: string, shopper: DemoIdentity['shopper']) {
  return {
    cartId,
    input: {
      cartId,
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      customer: shopper.customer,
      billingAddress: shopper.address,
      shipments: [{ shipmentMethodId: 1, shippingAddress: shopper.address }],
    },
  };
}

function variablesOf(operation: string, demo: { readonly cartId: string; readonly shopper: DemoIdentity['shopper'] }) {
  switch (operation) {
    case 'PaymentMethods':
    case 'ActivePreOrderPayment':
      return { cartId: demo.cartId };
    case 'InitializePreOrderPayment':
      return { input: demoVariables(demo.cartId, demo.shopper).input };
    case 'PlaceOrder':
    case 'CancelPreOrderPayment':
      return { input: { preOrderPaymentId: PAYMENT_ID } };
    default:
      return { id: PAYMENT_ID };
  }
}

function flowRank(operation: string): number {
  const rank = (FLOW as readonly string[]).indexOf(operation);
  return rank === -1 ? FLOW.length : rank;
}

/** The header every tab sends: the sandbox guest's identity, or the shape of one. */
export function graphiqlHeaders(demo: DemoIdentity | null): string {
  const anonymousId = demo ? demo.anonymousId : '<your anonymous id>';
  return JSON.stringify({ 'X-Anonymous-Customer-Unique-Id': anonymousId }, null, 2);
}

/** GraphiQL's opening tabs: one per step of the flow, in its order, each ready to run. */
export function graphiqlTabs(demo: DemoIdentity | null): GraphiQLTab[] {
  const headers = graphiqlHeaders(demo);
  const shown = demo ?? { cartId: '<cart id>', shopper: PLACEHOLDER_SHOPPER };
  return [...operationDocuments()]
    .sort(([a], [b]) => flowRank(a) - flowRank(b) || a.localeCompare(b))
    .map(([operation, query]) => ({
      query,
      variables: JSON.stringify(variablesOf(operation, shown), null, 2),
      headers,
    }));
}

/** What `npm start` prints so anyone can run the whole flow by hand. */
export function recipe(graphqlUrl: string, demo: DemoIdentity): string {
  return [
    '',
    `Demo checkout: open ${graphqlUrl.replace(/\/graphql$/, '/demo/')} in a browser (the sandbox's demo guest and cart).`,
    `GraphiQL: open ${graphqlUrl} in a browser. One tab per step of the flow, each with its variables and this header:`,
    `  X-Anonymous-Customer-Unique-Id: ${demo.anonymousId}   (a guest of the embedded sandbox, cart ${demo.cartId})`,
    'Run the tabs in order: PaymentMethods, InitializePreOrderPayment, then in PlaceOrder replace',
    `  "${PAYMENT_ID}" with the id InitializePreOrderPayment answered`,
    '  (or CancelPreOrderPayment likewise; PreOrderPayment shows the status and events).',
    'From a shell:',
    `  curl -s ${graphqlUrl} -H 'content-type: application/json' -H 'X-Anonymous-Customer-Unique-Id: ${demo.anonymousId}' \\`,
    `    -d '{"query":"query($c: ID!){ paymentMethods(cartId: $c){ __typename ... on PaymentMethodList { methods { paymentMethodName paymentProviderName supportsPreOrderPayment } } } }","variables":{"c":"${demo.cartId}"}}'`,
    '',
  ].join('\n');
}
