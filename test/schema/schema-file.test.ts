import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';

describe('the committed schema and client', () => {
  it('schema.graphql and test/client/generated.ts equal a fresh codegen run (run `npm run codegen` after changing the schema)', async () => {
    const outputs = await generate({ ...config, silent: true }, false);
    expect(outputs.length).toBe(2);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), `${output.filename} is stale`).toBe(output.content);
    }
  }, 60_000);
});
