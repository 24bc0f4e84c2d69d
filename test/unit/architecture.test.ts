import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point inward: schema → resolvers → domain ← adapters; only the composition root
 * (src/*.ts) wires adapters in. The sandbox (top-level sandbox/) simulates Glue on its own.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const SANDBOX = join(ROOT, 'sandbox');
const DEMO = join(ROOT, 'demo');
const CLIENT = join(ROOT, 'client', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of a file, resolved to a path below the repository root. */
function importedPaths(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => relative(ROOT, resolve(dirname(file), specifier)));
}

/** The layer of a path: `src/<layer>/...` → layer; `src/x.ts` → 'root'; `sandbox/...` → 'sandbox'. */
function layerOf(path: string): string {
  const [top, second, third] = path.split('/');
  if (top !== 'src') return top ?? '';
  return third === undefined ? 'root' : (second ?? '');
}

function importedLayers(file: string): string[] {
  return importedPaths(file).map(layerOf);
}

const FORBIDDEN: Record<string, readonly string[]> = {
  domain: ['resolvers', 'schema', 'adapters', 'http', 'root', 'sandbox', 'demo', 'test'],
  resolvers: ['schema', 'adapters', 'http', 'root', 'sandbox', 'demo', 'test'],
  schema: ['adapters', 'http', 'root', 'sandbox', 'demo', 'test'],
  adapters: ['resolvers', 'schema', 'http', 'root', 'sandbox', 'demo', 'test'],
  // The HTTP edge belongs to the composition root: it reads the configuration and the logger.
  http: ['resolvers', 'schema', 'adapters', 'sandbox', 'demo', 'test'],
};

describe('architecture', () => {
  it('finds the layers a file imports (the check itself works)', () => {
    expect(importedLayers(join(SRC, 'adapters/glue/answer-mapping.ts'))).toContain('domain');
    expect(importedLayers(join(SRC, 'server.ts'))).toContain('sandbox');
  });

  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`src/${layer} imports none of ${forbidden.join(', ')}`, () => {
      const offenders = files(join(SRC, layer)).flatMap((file) =>
        importedLayers(file)
          .filter((imported) => forbidden.includes(imported))
          .map((imported) => `${relative(ROOT, file)} → ${imported}`),
      );
      expect(offenders).toEqual([]);
    });
  }

  it('the sandbox imports nothing outside sandbox/ (it must not borrow the gateway’s code)', () => {
    const offenders = files(SANDBOX).flatMap((file) =>
      importedPaths(file)
        .filter((path) => !path.startsWith('sandbox/'))
        .map((path) => `${relative(ROOT, file)} → ${path}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only server.ts loads the sandbox, and only when no GLUE_BASE_URL is set (a dynamic import)', () => {
    const loaders = files(SRC).filter((file) => importedLayers(file).includes('sandbox'));
    expect(loaders.map((file) => relative(ROOT, file))).toEqual(['src/server.ts']);
    expect(readFileSync(join(SRC, 'server.ts'), 'utf8')).toMatch(/await import\('\.\.\/sandbox\/index\.ts'\)/);
  });

  it('the demo page uses the gateway only through the client package (no import of src/, sandbox/ or test/)', () => {
    const offenders = files(DEMO)
      .filter((file) => !file.includes('/dist/'))
      .flatMap((file) =>
        importedPaths(file)
          .filter((path) => !path.startsWith('demo/'))
          .map((path) => `${relative(ROOT, file)} → ${path}`),
      );
    expect(offenders).toEqual([]);
    expect(readFileSync(join(DEMO, 'src', 'main.ts'), 'utf8')).toContain("from '@headless-payment-gateway/client'");
  });

  it('the client package stands alone (it is published without the gateway)', () => {
    const offenders = files(CLIENT).flatMap((file) =>
      importedPaths(file)
        .filter((path) => !path.startsWith('client/src/'))
        .map((path) => `${relative(ROOT, file)} → ${path}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only server.ts loads the demo page, beside the embedded sandbox (a dynamic import)', () => {
    const loaders = files(SRC).filter((file) => importedLayers(file).includes('demo'));
    expect(loaders.map((file) => relative(ROOT, file))).toEqual(['src/server.ts']);
    expect(readFileSync(join(SRC, 'server.ts'), 'utf8')).toMatch(/await import\('\.\.\/demo\/serve\.ts'\)/);
  });

  it('only src/tracing.ts loads the OpenTelemetry SDK, by dynamic import (tracing off loads none of it); the rest uses only the API', () => {
    const sdkUsers = files(SRC).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(@opentelemetry\/[^']+)'/g)].map(
        (match) => match[1],
      );
      return specifiers.filter((specifier) => specifier !== '@opentelemetry/api').map(() => relative(ROOT, file));
    });
    expect([...new Set(sdkUsers)]).toEqual(['src/tracing.ts']);
    const tracing = readFileSync(join(SRC, 'tracing.ts'), 'utf8');
    const staticImports = [...tracing.matchAll(/^import (type )?[^;]*from '(@opentelemetry\/[^']+)';/gm)];
    expect(staticImports.filter((match) => !match[1] && match[2] !== '@opentelemetry/api')).toEqual([]);
    expect(tracing).toMatch(/await import\('@opentelemetry\/exporter-trace-otlp-http'\)/);
  });

  it('no file in src/ takes part in an import cycle, type-only imports included', () => {
    const graph = new Map(
      files(SRC).map((file) => [relative(ROOT, file), importedPaths(file).filter((path) => path.startsWith('src/'))]),
    );
    expect(cyclesIn(graph)).toEqual([]);
  });

  it('src/ holds no test code', () => {
    const offenders = files(SRC).filter((file) => importedLayers(file).includes('test'));
    expect(offenders).toEqual([]);
  });
});

/** Each cycle once, as the list of files around it (depth-first search over the import graph). */
function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push(path.slice(at));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}
