import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './types/scalars.ts';
import './types/error-types.ts';
import './initialize-pre-order-payment.ts';
import './cancel-pre-order-payment.ts';
import './place-order.ts';
import './queries.ts';

/** The served schema: a compatible superset of the public contract (contract/contract.graphql). */
export function buildSchema(): GraphQLSchema {
  return builder.toSchema({ sortSchema: false });
}
