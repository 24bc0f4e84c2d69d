import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoIdentity {
  readonly anonymousId: string;
  readonly cartId: string;
}

const OPERATIONS_DIR = new URL('../operations/', import.meta.url);

function operationsDocument(): string {
  const dir = OPERATIONS_DIR.pathname;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

/** Variables for the demo flow: a guest cart of the sandbox, shipped to Berlin. */
export function demoVariables(cartId: string) {
  const address = {
    salutation: 'Ms',
    firstName: 'Sonia',
    lastName: 'Wagner',
    address1: 'Julie-Wolfthorn-Straße',
    address2: '1',
    zipCode: '10115',
    city: 'Berlin',
    iso2Code: 'DE',
  };
  return {
    cartId,
    input: {
      cartId,
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      customer: { salutation: 'Ms', firstName: 'Sonia', lastName: 'Wagner', email: 'sonia@example.com' },
      billingAddress: address,
      shipments: [{ shipmentMethodId: 1, shippingAddress: address }],
    },
  };
}

/** GraphiQL's opening tabs: every flow operation, with the demo guest's header ready to run. */
export function graphiqlTabs(demo: DemoIdentity | null) {
  const query = operationsDocument();
  const headers = JSON.stringify(
    demo
      ? { 'X-Anonymous-Customer-Unique-Id': demo.anonymousId }
      : { 'X-Anonymous-Customer-Unique-Id': '<your anonymous id>' },
    null,
    2,
  );
  const variables = JSON.stringify(demo ? demoVariables(demo.cartId) : demoVariables('<cart id>'), null, 2);
  return [{ query, variables, headers }];
}

/** What `npm start` prints so anyone can run the whole flow by hand. */
export function recipe(graphqlUrl: string, demo: DemoIdentity): string {
  return [
    '',
    `GraphiQL: open ${graphqlUrl} in a browser. Its tab holds the flow's operations, variables and this header:`,
    `  X-Anonymous-Customer-Unique-Id: ${demo.anonymousId}   (a guest of the embedded sandbox, cart ${demo.cartId})`,
    'Run, in order: PaymentMethods, InitializePreOrderPayment, then PlaceOrder with',
    '  { "input": { "preOrderPaymentId": "<id from InitializePreOrderPayment>" } }',
    '  (or CancelPreOrderPayment with the same input; PreOrderPayment shows the status and events).',
    'From a shell:',
    `  curl -s ${graphqlUrl} -H 'content-type: application/json' -H 'X-Anonymous-Customer-Unique-Id: ${demo.anonymousId}' \\`,
    `    -d '{"query":"query($c: ID!){ paymentMethods(cartId: $c){ __typename ... on PaymentMethodList { methods { paymentMethodName paymentProviderName supportsPreOrderPayment } } } }","variables":{"c":"${demo.cartId}"}}'`,
    '',
  ].join('\n');
}
