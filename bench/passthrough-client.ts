import type { Pool } from 'undici';
import type { DirectClient, DirectItem } from './direct.ts';
import { postGraphQL } from './gateway-client.ts';

const DOCUMENTS: Record<string, string> = {
  initialize: 'mutation($a: String!, $c: String!) { initialize(anonymousId: $a, cartId: $c) }',
  reinitialize: 'mutation($a: String!, $c: String!) { reinitialize(anonymousId: $a, cartId: $c) }',
  placeOrder:
    'mutation($a: String!, $c: String!, $d: String!) { placeOrder(anonymousId: $a, cartId: $c, preOrderPaymentData: $d) }',
};

/** The load generator's side of "passthrough": the same prepared carts and payments as direct, sent as GraphQL. */
export class PassthroughClient {
  private readonly pool: Pool;
  private readonly direct: DirectClient;
  constructor(pool: Pool, direct: DirectClient) {
    this.pool = pool;
    this.direct = direct;
  }

  prepare(operation: string, count: number): Promise<DirectItem[]> {
    return this.direct.prepare(operation, count);
  }

  async run(operation: string, item: DirectItem): Promise<void> {
    const identity = item.caller.identity;
    const variables = {
      a: identity.kind === 'guest' ? identity.anonymousId : '',
      c: item.cartId,
      d: JSON.stringify(item.preOrderPaymentData ?? {}),
    };
    const data = await postGraphQL(this.pool, { query: DOCUMENTS[operation] ?? '', variables });
    if (!data[operation]) throw new Error(`passthrough: ${JSON.stringify(data)}`);
  }
}
