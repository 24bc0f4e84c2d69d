import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';

const run = promisify(execFile);

describe('the committed schema and client', () => {
  it('schema.graphql and test/client/generated.ts equal a fresh codegen run (run `npm run codegen` after changing the schema)', async () => {
    const outputs = await generate({ ...config, silent: true }, false);
    expect(outputs.length).toBe(2);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), `${output.filename} is stale`).toBe(output.content);
    }
  }, 60_000);

  it('schema.graphql is a compatible superset of ../shared/api/contract.graphql', async () => {
    const { stdout } = await run(process.execPath, ['../shared/api/check-contract.mjs', 'schema.graphql']);
    expect(stdout).toContain('contract: compatible');
  });
});
