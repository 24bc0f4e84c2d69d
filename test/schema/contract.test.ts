import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * The public contract the gateway must keep: contract/contract.graphql is the project's copy of
 * the steering repository's SDL (../shared/api/contract.graphql), and the served schema
 * (schema.graphql, printed from the code) must be a compatible superset of it.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SHARED_CONTRACT = join(ROOT, '..', 'shared', 'api', 'contract.graphql');

const schemaOf = (path: string): GraphQLSchema => buildSchema(readFileSync(path, 'utf8'));
/** The definitions alone, in one order: comments and layout do not count. */
const definitionsOf = (schema: GraphQLSchema): string => printSchema(lexicographicSortSchema(schema));

describe('the public contract', () => {
  const contract = schemaOf(join(ROOT, 'contract', 'contract.graphql'));

  it('schema.graphql removes or retypes nothing of contract/contract.graphql (graphql findBreakingChanges)', () => {
    const served = schemaOf(join(ROOT, 'schema.graphql'));
    const breaking = findBreakingChanges(contract, served).map((change) => `${change.type}: ${change.description}`);
    expect(breaking).toEqual([]);
    // Additions a strictly exhaustive client may notice (new enum values, union members): notes only.
    for (const change of findDangerousChanges(contract, served)) console.log(`note: ${change.description}`);
  });

  it.skipIf(!existsSync(SHARED_CONTRACT))(
    'contract/contract.graphql holds the same definitions as ../shared/api/contract.graphql (skipped when ../shared is absent)',
    () => {
      expect(definitionsOf(contract)).toBe(definitionsOf(schemaOf(SHARED_CONTRACT)));
    },
  );

  if (!existsSync(SHARED_CONTRACT)) {
    console.log(`note: ${SHARED_CONTRACT} is absent; contract/contract.graphql is taken as the contract`);
  }
});
