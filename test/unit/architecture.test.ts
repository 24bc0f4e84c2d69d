import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Dependencies point inward: schema → resolvers → domain ← adapters (STYLE.md habit 8). */
const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Top-level folder under src/ of every relative import of a file (e.g. 'domain', 'adapters'). */
function importedLayers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => relative(SRC, resolve(dirname(file), specifier)).split('/')[0] ?? '');
}

const FORBIDDEN: Record<string, readonly string[]> = {
  domain: ['resolvers', 'schema', 'adapters', 'sandbox', 'http', 'client'],
  resolvers: ['schema', 'adapters', 'sandbox', 'http', 'client'],
  schema: ['adapters', 'sandbox', 'http', 'client'],
  adapters: ['resolvers', 'schema', 'sandbox', 'http', 'client'],
  // The sandbox simulates Glue on its own: it must not borrow the gateway's code.
  sandbox: ['resolvers', 'schema', 'adapters', 'domain', 'http', 'client'],
};

describe('architecture', () => {
  it('finds the layers a file imports (the check itself works)', () => {
    expect(importedLayers(join(SRC, 'adapters/glue/answer-mapping.ts'))).toContain('domain');
    expect(importedLayers(join(SRC, 'schema/mutations.ts'))).toContain('resolvers');
  });

  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`src/${layer} imports none of ${forbidden.join(', ')}`, () => {
      const offenders = files(join(SRC, layer)).flatMap((file) =>
        importedLayers(file)
          .filter((imported) => forbidden.includes(imported))
          .map((imported) => `${relative(SRC, file)} → ${imported}`),
      );
      expect(offenders).toEqual([]);
    });
  }
});
