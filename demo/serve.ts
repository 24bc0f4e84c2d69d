import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_DIST } from './build.ts';

/** What the demo page is told: where the gateway and the embedded sandbox are, and whom to play. */
export interface DemoPageSettings {
  readonly sandboxUrl: string;
  readonly anonymousId: string;
  readonly cartId: string;
  readonly shopper: { readonly customer: object; readonly address: object };
}

const FILES: Readonly<Record<string, string>> = {
  '/demo/': 'index.html',
  '/demo/index.html': 'index.html',
  '/demo/app.js': 'app.js',
  '/demo/app.js.map': 'app.js.map',
  '/demo/styles.css': 'styles.css',
};

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  map: 'application/json',
  css: 'text/css; charset=utf-8',
};

/**
 * The demo checkout page's routes under /demo (development only: server.ts mounts them next to the
 * embedded sandbox). Answers null for any other path.
 */
export function demoPages(settings: DemoPageSettings): (url: URL) => Promise<Response | null> {
  return async (url) => {
    // Relative asset URLs need the slash; Response.redirect's headers are immutable, Yoga adds its own.
    if (url.pathname === '/demo')
      return new Response(null, { status: 302, headers: { location: `/demo/${url.search}` } });
    if (url.pathname === '/demo/config.json')
      return Response.json({ graphqlUrl: '/graphql', ...settings }, { headers: { 'cache-control': 'no-store' } });
    const file = FILES[url.pathname];
    if (!file) return url.pathname.startsWith('/demo/') ? new Response('not found\n', { status: 404 }) : null;
    const body = await readFile(join(DEMO_DIST, file)).catch(() => null);
    if (!body) return new Response('The demo page is not built: run `npm run build`.\n', { status: 503 });
    const type = TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
    return new Response(body, { headers: { 'content-type': type, 'cache-control': 'no-cache' } });
  };
}
