import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useCluster, useDevServer } from '../support/processes.ts';

const dev = useDevServer();
// A gateway configured with a Glue (as in production): no sandbox, so no demo page.
const configured = useCluster({ gateways: 1 });

async function get(url: string) {
  const response = await request(url);
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

describe('the demo checkout page', () => {
  it('is served at /demo beside the embedded sandbox, with its configuration', async () => {
    const redirect = await get(`${dev.baseUrl}/demo?cart=x`);
    expect(redirect).toMatchObject({ status: 302, headers: { location: '/demo/?cart=x' } });
    const page = await get(`${dev.baseUrl}/demo/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="app.js">');
    expect((await get(`${dev.baseUrl}/demo/app.js`)).status).toBe(200);
    const config = JSON.parse((await get(`${dev.baseUrl}/demo/config.json`)).body) as Record<string, unknown>;
    expect(config).toMatchObject({ graphqlUrl: '/graphql', sandboxUrl: dev.sandboxUrl });
  });

  it('does not exist on a gateway configured with a Glue (GLUE_BASE_URL set)', async () => {
    const [gateway] = configured.gateways;
    for (const path of ['/demo', '/demo/', '/demo/config.json', '/demo/app.js'])
      expect((await get(`${gateway?.baseUrl}${path}`)).status).toBe(404);
  });
});
