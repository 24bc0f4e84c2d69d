import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Address, Customer } from '../domain/checkout-inputs.ts';

/** The embedded sandbox's demo guest, cart and shopper details (development only). */
export interface DemoIdentity {
  readonly anonymousId: string;
  readonly cartId: string;
  readonly shopper: { readonly customer: Customer; readonly address: Address };
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

const OPERATIONS_DIR = new URL('../../operations/', import.meta.url);

function operationsDocument(): string {
  const dir = OPERATIONS_DIR.pathname;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
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
  const variables = JSON.stringify(
    demo ? demoVariables(demo.cartId, demo.shopper) : demoVariables('<cart id>', PLACEHOLDER_SHOPPER),
    null,
    2,
  );
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
