import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** demo/ as a folder path. */
export const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
export const DEMO_DIST = join(DEMO_DIR, 'dist');

/**
 * Bundles the demo checkout page (plain TypeScript on the client package) into demo/dist at
 * build time, so the page needs no network when it runs. Answers the bundle's size in bytes.
 */
export async function buildDemo(): Promise<number> {
  await mkdir(DEMO_DIST, { recursive: true });
  const result = await build({
    entryPoints: [join(DEMO_DIR, 'src', 'main.ts')],
    outfile: join(DEMO_DIST, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  await Promise.all(['index.html', 'styles.css'].map((file) => copyFile(join(DEMO_DIR, file), join(DEMO_DIST, file))));
  return result.metafile.outputs['demo/dist/app.js']?.bytes ?? 0;
}

if (import.meta.main) {
  const bytes = await buildDemo();
  console.log(`demo/dist/app.js: ${(bytes / 1024).toFixed(1)} KiB`);
}
