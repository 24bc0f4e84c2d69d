import type { GraphQLSchema } from 'graphql';
import { opsBuilder } from './builder.ts';
import './fields.ts';

/** The operators' schema, served at /ops/graphql only when OPS_TOKEN is set (docs/operations.md). */
export function buildOperationsSchema(): GraphQLSchema {
  return opsBuilder.toSchema({ sortSchema: true });
}
