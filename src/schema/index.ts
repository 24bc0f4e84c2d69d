import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './error-types.ts';
import './mutations.ts';
import './queries.ts';

/** The served schema: a compatible superset of ../shared/api/contract.graphql. */
export function buildSchema(): GraphQLSchema {
  return builder.toSchema({ sortSchema: false });
}
