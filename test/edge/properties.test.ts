import {
  CancelPreOrderPaymentDocument,
  InitializePreOrderPaymentDocument,
  PlaceOrderDocument,
} from '@headless-payment-gateway/client';
import fc from 'fast-check';
import { type DocumentNode, getNullableType, isUnionType, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema/index.ts';
import { address, anonymousId, customer, initializeInput, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';
import { auditPaymentAmounts } from './amounts.ts';
import { absurdNumber, type Edit, hostileInput } from './arbitraries.ts';
import { postGraphQL, type RawAnswer } from './http.ts';

/** Property runs per mutation: enough to reach every kind of answer, bounded for a ~60 s file. */
const RUNS = { initialize: 200, cancel: 150, place: 150 } as const;

/** docs/errors.md plus armor's code; INTERNAL_SERVER_ERROR is listed there but must never happen. */
const ALLOWED_CODES = new Set([
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
  'PRE_ORDER_PAYMENT_NOT_FOUND',
]);
/**
 * What an unmasked internal error would show: a stack frame, the Glue URL, Yoga's dev extensions,
 * the masked message. Not anything the client's own input may hold: variable errors echo it.
 */
const leaks = (text: string) =>
  text.includes(stack.sandboxUrl) ||
  /\\n\s+at \S+ \(|node:internal|\/node_modules\/|"originalError"|"stack"|Unexpected error/.test(text);

const stack = useStack();

const schema = buildSchema();
function unionMembers(field: string): Set<string> {
  const type = getNullableType(schema.getMutationType()?.getFields()[field]?.type);
  if (!isUnionType(type)) throw new Error(`${field} does not answer a union`);
  return new Set(type.getTypes().map((member) => member.name));
}

type Identity = 'owner' | 'none' | 'stranger' | 'malformed';
const identityArb = fc.constantFrom<Identity>('owner', 'owner', 'owner', 'owner', 'none', 'stranger', 'malformed');
function headersFor(identity: Identity, owner: string): Record<string, string> {
  if (identity === 'owner') return { 'x-anonymous-customer-unique-id': owner };
  if (identity === 'stranger') return { 'x-anonymous-customer-unique-id': anonymousId() };
  if (identity === 'malformed') return { 'x-anonymous-customer-unique-id': ' ', authorization: 'Bearer' };
  return {};
}

interface Outcome {
  readonly kind: string;
  readonly requestId: string;
  readonly answer: RawAnswer;
}

/** One mutation call: its document, the result field it answers, the raw `input` variable and the headers. */
interface Attempt {
  readonly document: DocumentNode;
  readonly field: string;
  readonly input: unknown;
  readonly headers: Record<string, string>;
}

let sequence = 0;
/** Sends one operation with raw JSON variables (wrong types reach the server) and checks the answer. */
async function attempt(prefix: string, call: Attempt): Promise<Outcome> {
  const { document, field, input, headers } = call;
  sequence += 1;
  const requestId = `${prefix}${sequence}`;
  const variables = input === undefined ? {} : { input };
  const answer = await postGraphQL(
    stack.url,
    { query: print(document), variables },
    { ...headers, 'x-request-id': requestId },
  );
  const context = `${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status >= 500) throw new Error(`5xx: ${context}`);
  if (!answer.json) throw new Error(`not JSON: ${context}`);
  if (leaks(answer.text)) throw new Error(`unmasked: ${context}`);
  const errors = answer.json.errors ?? [];
  if (errors.length > 0) {
    if (answer.status !== 200 && answer.status !== 400) throw new Error(`status: ${context}`);
    const codes = errors.map((error) => String(error.extensions?.code));
    const unexpected = codes.filter((code) => !ALLOWED_CODES.has(code));
    if (unexpected.length > 0) throw new Error(`codes ${unexpected.join(', ')}: ${context}`);
    return { kind: [...new Set(codes)].join('+'), requestId, answer };
  }
  const result = answer.json.data?.[field] as { __typename?: string } | undefined;
  if (answer.status !== 200 || !result?.__typename || !unionMembers(field).has(result.__typename))
    throw new Error(`not a union member: ${context}`);
  return { kind: result.__typename, requestId, answer };
}

function tally(label: string, outcomes: readonly Outcome[]): void {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome.kind, (counts.get(outcome.kind) ?? 0) + 1);
  console.log(
    `${label}: ${outcomes.length} runs — ${[...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}`,
  );
}

/** One property over a mutation: calls from the owner of a source (a cart or a payment), or from someone else. */
interface Property<S extends { readonly anon: string }> {
  /** The request-id prefix of its calls. */
  readonly prefix: string;
  readonly document: DocumentNode;
  readonly field: string;
  readonly sources: readonly S[];
  /** The hostile `input` arbitrary for one source. */
  readonly input: (source: S) => fc.Arbitrary<unknown>;
  readonly numRuns: number;
}

/** Runs the property (each call checked by `attempt`), logs the tally and answers every outcome. */
async function runProperty<S extends { readonly anon: string }>(property: Property<S>): Promise<Outcome[]> {
  const { prefix, document, field } = property;
  const outcomes: Outcome[] = [];
  const arbitrary = fc
    .constantFrom(...property.sources)
    .chain((source) => fc.tuple(fc.constant(source), property.input(source), identityArb));
  await fc.assert(
    fc.asyncProperty(arbitrary, async ([source, input, identity]) => {
      outcomes.push(await attempt(prefix, { document, field, input, headers: headersFor(identity, source.anon) }));
    }),
    { numRuns: property.numRuns },
  );
  tally(field, outcomes);
  return outcomes;
}

async function guestCart(quantity: number) {
  const anon = anonymousId();
  return { anon, cartId: await stack.control.createGuestCart(anon, [{ sku: SKU, quantity }]) };
}

/** Guests with one fresh payment each, for the cancel and placeOrder properties. */
async function paymentPool(prefix: string, quantities: readonly number[]) {
  const pool = await Promise.all(quantities.map((quantity) => guestPayment(prefix, quantity)));
  await expectAmountsFromCheckoutData(prefix, [], 'initializePreOrderPayment');
  return pool;
}

/** Neither cancel nor placeOrder ever creates a provider payment. */
async function expectNoPaymentsCreated(prefix: string): Promise<void> {
  const created = (await stack.control.calls('POST /payments')).filter((call) => call.requestId?.startsWith(prefix));
  expect(created).toEqual([]);
}

async function guestPayment(prefix: string, quantity: number) {
  const { anon, cartId } = await guestCart(quantity);
  const outcome = await attempt(prefix, {
    document: InitializePreOrderPaymentDocument,
    field: 'initializePreOrderPayment',
    input: initializeInput(cartId),
    headers: headersFor('owner', anon),
  });
  const id = (outcome.answer.json?.data?.initializePreOrderPayment as { preOrderPayment?: { id: string } } | undefined)
    ?.preOrderPayment?.id;
  if (!id) throw new Error(`setup: ${outcome.answer.text}`);
  return { anon, cartId, id };
}

/** The shipments a client may ask for: none, many, or other (existing or absurd) shipment methods. */
const shipmentEdits: fc.Arbitrary<Edit> = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map((count) => ({
    path: ['shipments'],
    remove: false,
    value: Array.from({ length: count }, () => ({ shipmentMethodId: 1, shippingAddress: address() })),
  })),
  fc
    .oneof(fc.integer({ min: -2, max: 6 }), absurdNumber)
    .map((id) => ({ path: ['shipments', 0, 'shipmentMethodId'], remove: false, value: id })),
  fc
    .constantFrom('Stripe', 'PayPal Express', 'Invoice')
    .map((name) => ({ path: ['paymentMethodName'], remove: false, value: name })),
  fc
    .constantFrom('Stripe', 'payone', 'DummyPayment')
    .map((name) => ({ path: ['paymentProviderName'], remove: false, value: name })),
);

/**
 * Checked while the carts still exist (a placed order consumes its cart, and the totals are
 * recomputed from it): right after a pool is set up, and after the initialize property.
 */
async function expectAmountsFromCheckoutData(
  prefix: string,
  outcomes: readonly Outcome[],
  field: string,
): Promise<void> {
  const audit = await auditPaymentAmounts(stack, prefix);
  console.log(`${prefix}: ${audit.payments} POST /payments checked against Glue's /checkout-data totals`);
  expect(audit.mismatches).toEqual([]);
  for (const outcome of outcomes) {
    const success = outcome.answer.json?.data?.[field] as
      | { replayed?: boolean; preOrderPayment?: { amount?: { amount: number } } }
      | undefined;
    const total = outcome.answer.json?.errors ? undefined : audit.totals.get(outcome.requestId);
    // A success that made a provider payment shows the amount Glue computed, nothing else.
    if (total !== undefined && success?.preOrderPayment) expect(success.preOrderPayment.amount?.amount).toBe(total);
  }
}

describe('hostile mutation inputs (fast-check): union members or contract errors, never 5xx or unmasked', () => {
  it(`initializePreOrderPayment (${RUNS.initialize} runs); Glue only ever gets amounts from /checkout-data`, {
    timeout: 60_000,
  }, async () => {
    const prefix = 'prop-init-';
    const carts = await Promise.all([1, 1, 2, 2, 3, 4, 5, 6, 8, 13].map((quantity) => guestCart(quantity)));
    const outcomes = await runProperty({
      prefix,
      document: InitializePreOrderPaymentDocument,
      field: 'initializePreOrderPayment',
      sources: carts,
      input: (cart) => hostileInput(initializeInput(cart.cartId), shipmentEdits),
      numRuns: RUNS.initialize,
    });
    expect(outcomes.some((outcome) => outcome.kind === 'InitializePreOrderPaymentSuccess')).toBe(true);
    await expectAmountsFromCheckoutData(prefix, outcomes, 'initializePreOrderPayment');
  });

  it(`cancelPreOrderPayment (${RUNS.cancel} runs)`, { timeout: 60_000 }, async () => {
    const prefix = 'prop-cancel-run-';
    const pool = await paymentPool('prop-cancel-setup-', [1, 2, 3, 4]);
    await runProperty({
      prefix,
      document: CancelPreOrderPaymentDocument,
      field: 'cancelPreOrderPayment',
      sources: pool,
      input: (payment) => hostileInput({ preOrderPaymentId: payment.id, idempotencyKey: `key-${payment.id}` }),
      numRuns: RUNS.cancel,
    });
    await expectNoPaymentsCreated(prefix);
  });

  it(`placeOrder (${RUNS.place} runs)`, { timeout: 60_000 }, async () => {
    const prefix = 'prop-place-run-';
    const pool = await paymentPool('prop-place-setup-', [1, 2, 3, 4, 5, 6]);
    const outcomes = await runProperty({
      prefix,
      document: PlaceOrderDocument,
      field: 'placeOrder',
      sources: pool,
      input: (payment) =>
        hostileInput({
          preOrderPaymentId: payment.id,
          customer: customer(),
          billingAddress: address(),
          shipments: [{ shipmentMethodId: 1, shippingAddress: address() }],
        }),
      numRuns: RUNS.place,
    });
    expect(outcomes.some((outcome) => outcome.kind === 'PlaceOrderSuccess')).toBe(true);
    await expectNoPaymentsCreated(prefix);
  });
});
