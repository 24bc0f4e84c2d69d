import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Pool, request } from 'undici';
import { DEMO_SHOPPER } from '../sandbox/domain/seed.ts';

export interface PreparedPayment {
  readonly anonymousId: string;
  readonly cartId: string;
  readonly id: string | null;
}

const SKU = '066_23294028';
const fragments = readFileSync('operations/fragments.graphql', 'utf8');
const byName = Object.fromEntries(
  fragments.split(/(?=^fragment )/m).map((text) => [text.match(/fragment (\w+)/)?.[1] ?? '', text]),
);

/** An operation from operations/*.graphql with exactly the fragments it spreads. */
function documentOf(file: string, operationName: string): string {
  const all = readFileSync(`operations/${file}`, 'utf8');
  const start = all.indexOf(operationName);
  const operation = all.slice(all.lastIndexOf('\n', start) + 1).split(/\n(?=query |mutation |subscription )/)[0] ?? '';
  let document = operation;
  const added = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [, name] of document.matchAll(/\.\.\.(\w+)/g)) {
      if (name && byName[name] && !added.has(name)) {
        added.add(name);
        document += `\n${byName[name]}`;
        grew = true;
      }
    }
  }
  return document;
}

const INITIALIZE = documentOf('initialize-pre-order-payment.graphql', 'InitializePreOrderPayment');
const PLACE = documentOf('place-order.graphql', 'PlaceOrder');
const QUERY = documentOf('pre-order-payment.graphql', 'PreOrderPayment');

const shopper = DEMO_SHOPPER;
const initializeInput = (cartId: string) => ({
  cartId,
  paymentMethodName: 'Stripe',
  paymentProviderName: 'Stripe',
  customer: shopper.customer,
  billingAddress: shopper.address,
  shipments: [{ shipmentMethodId: 1, shippingAddress: shopper.address }],
  idempotencyKey: randomUUID(),
});

/** Runs a prepared list with bounded concurrency. */
export async function inParallel<T>(count: number, width: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const index = next++;
        out[index] = await make(index);
      }
    }),
  );
  return out;
}

export async function newGuestCart(glueUrl: string): Promise<{ anonymousId: string; cartId: string }> {
  const anonymousId = `anon-${randomUUID()}`;
  const answer = await request(`${glueUrl}/_sandbox/carts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ anonymousId, items: [{ sku: SKU, quantity: 1 }] }),
  });
  const { cartId } = (await answer.body.json()) as { cartId: string };
  return { anonymousId, cartId };
}

/** One GraphQL POST; its `data`, or an error naming the answer (the bench counts only successes). */
export async function postGraphQL(
  pool: Pool,
  operation: { readonly query: string; readonly variables: unknown },
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const answer = await pool.request({
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(operation),
  });
  const body = (await answer.body.json()) as { data?: Record<string, unknown> };
  if (!body.data) throw new Error(`graphql: ${JSON.stringify(body)}`);
  return body.data;
}

/** The storefront's side: GraphQL over HTTP to the gateway, as the generated client sends it. */
export class GatewayClient {
  private readonly pool: Pool;
  private readonly glueUrl: string;
  constructor(pool: Pool, glueUrl: string) {
    this.pool = pool;
    this.glueUrl = glueUrl;
  }

  private graphql(query: string, variables: unknown, anonymousId: string): Promise<Record<string, unknown>> {
    return postGraphQL(this.pool, { query, variables }, { 'x-anonymous-customer-unique-id': anonymousId });
  }

  private async initialize(payment: { anonymousId: string; cartId: string }): Promise<string> {
    const data = await this.graphql(INITIALIZE, { input: initializeInput(payment.cartId) }, payment.anonymousId);
    const result = data.initializePreOrderPayment as { __typename: string; preOrderPayment?: { id: string } };
    if (!result.preOrderPayment) throw new Error(`initialize answered ${result.__typename}`);
    return result.preOrderPayment.id;
  }

  async prepare(operation: string, count: number): Promise<PreparedPayment[]> {
    if (operation === 'query') {
      const few = await this.prepare('placeOrder', 100);
      return Array.from({ length: count }, (_, index) => few[index % few.length] as PreparedPayment);
    }
    const carts = await inParallel(count, 64, () => newGuestCart(this.glueUrl));
    if (operation === 'initialize') return carts.map((cart) => ({ ...cart, id: null }));
    return inParallel(count, 64, async (index) => {
      const cart = carts[index] as { anonymousId: string; cartId: string };
      return { ...cart, id: await this.initialize(cart) };
    });
  }

  async run(operation: string, payment: PreparedPayment): Promise<void> {
    if (operation === 'initialize' || operation === 'reinitialize') {
      await this.initialize(payment);
      return;
    }
    if (operation === 'placeOrder') {
      const data = await this.graphql(
        PLACE,
        { input: { preOrderPaymentId: payment.id, idempotencyKey: randomUUID() } },
        payment.anonymousId,
      );
      const result = data.placeOrder as { __typename: string };
      if (result.__typename !== 'PlaceOrderSuccess') throw new Error(`placeOrder answered ${result.__typename}`);
      return;
    }
    const data = await this.graphql(QUERY, { id: payment.id }, payment.anonymousId);
    if (!data.preOrderPayment) throw new Error('preOrderPayment answered null');
  }
}
