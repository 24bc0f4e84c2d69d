/**
 * "Passthrough" (issue 9): a bare graphql-yoga server whose resolvers make exactly the Glue calls
 * the gateway makes for an operation (through DirectClient, our own Glue client) and nothing else:
 * no Redis, no validation, no idempotency, no logging. The floor of any GraphQL gateway on Node.
 * Run by bench/run.ts as its own process: PORT and GLUE_BASE_URL from the environment.
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { DirectClient, type DirectItem } from './direct.ts';

const glueUrl = process.env.GLUE_BASE_URL ?? '';
const direct = new DirectClient(glueUrl);

interface Args {
  readonly anonymousId: string;
  readonly cartId: string;
  readonly preOrderPaymentData?: string | null;
}

const itemOf = (args: Args): DirectItem => ({
  caller: {
    identity: { kind: 'guest', anonymousId: args.anonymousId },
    acceptLanguage: null,
    requestId: 'passthrough',
  },
  cartId: args.cartId,
  preOrderPaymentData: args.preOrderPaymentData
    ? (JSON.parse(args.preOrderPaymentData) as Record<string, unknown>)
    : null,
});

const run = (operation: string) => async (_root: unknown, args: Args) => {
  await direct.run(operation, itemOf(args));
  return true;
};

const yoga = createYoga({
  schema: createSchema({
    typeDefs: /* GraphQL */ `
      type Query {
        ok: Boolean
      }
      type Mutation {
        initialize(anonymousId: String!, cartId: String!): Boolean
        reinitialize(anonymousId: String!, cartId: String!): Boolean
        placeOrder(anonymousId: String!, cartId: String!, preOrderPaymentData: String!): Boolean
      }
    `,
    resolvers: {
      Query: { ok: () => true },
      Mutation: { initialize: run('initialize'), reinitialize: run('reinitialize'), placeOrder: run('placeOrder') },
    },
  }),
  logging: false,
  graphiql: false,
});

const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`passthrough listening on ${typeof address === 'object' && address ? address.port : '?'}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
