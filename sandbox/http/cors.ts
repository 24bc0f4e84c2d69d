import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Browsers call the sandbox from the demo page: the cart (as a storefront reads it from Glue) and
 * the simulated provider's widget API. Any origin may, as this is a local simulation; a real Glue
 * allows only the storefronts' origins.
 */
export function allowBrowsers(request: IncomingMessage, response: ServerResponse): 'preflight' | 'continue' {
  const origin = request.headers.origin;
  if (!origin) return 'continue';
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
  const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'];
  if (!preflight) return 'continue';
  response.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '',
    'Access-Control-Max-Age': '600',
  });
  response.end();
  return 'preflight';
}
