import SchemaBuilder from '@pothos/core';
import type { UseCaseDeps } from '../../resolvers/use-case-deps.ts';

/** What every operator field gets: the gateway's own dependencies (no shopper caller exists here). */
export interface OperationsContext {
  readonly deps: UseCaseDeps;
  readonly requestId: string;
}

/** The operators' schema: its own builder, so nothing of it can leak into the shopper's schema. */
export const opsBuilder = new SchemaBuilder<{
  Context: OperationsContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: { DateTime: { Input: string; Output: number } };
}>({ defaultFieldNullability: false, defaultInputFieldRequiredness: true });

opsBuilder.scalarType('DateTime', {
  description: 'RFC 3339 date-time in UTC.',
  serialize: (value) => new Date(value).toISOString(),
  parseValue: (value) => String(value),
});
opsBuilder.queryType({});
opsBuilder.mutationType({});
