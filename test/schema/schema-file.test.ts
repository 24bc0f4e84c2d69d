import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';

describe('the committed schema and client', () => {
  it("schema.graphql and the client package's documents (client/src/generated/) equal a fresh codegen run (run `npm run codegen` after changing the schema or operations/)", async () => {
    const outputs = await generate({ ...config, silent: true }, false);
    expect(outputs.map((output: { filename: string }) => output.filename).sort()).toEqual([
      'client/src/generated/gql.ts',
      'client/src/generated/graphql.ts',
      'client/src/generated/index.ts',
      'schema.graphql',
    ]);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), `${output.filename} is stale`).toBe(output.content);
    }
  }, 60_000);
});
