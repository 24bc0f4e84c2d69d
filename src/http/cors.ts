import type { CORSOptions, Plugin } from 'graphql-yoga';

/** What a storefront sends (identity headers, docs/identity-and-ownership.md; x-request-id, docs/errors.md) plus the CSRF header. */
const ALLOWED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'x-anonymous-customer-unique-id',
  'x-graphql-yoga-csrf',
  'x-request-id',
];

/**
 * CORS from `CORS_ORIGINS` (docs/transport-and-configuration.md). Yoga's default reflects any Origin, and its list form
 * answers "null" or, for a one-entry list, that entry to everyone; so: empty list → no CORS headers at
 * all (browsers refuse cross-origin reads), otherwise the request's Origin is echoed only when it is
 * listed exactly, and a foreign Origin gets no Access-Control-* header. No credentials: identity
 * travels in headers the storefront sets, never in cookies.
 */
export function corsOptions(origins: readonly string[]): CORSOptions | ((request: Request) => CORSOptions) {
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false;
    return {
      origin,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_REQUEST_HEADERS,
      exposedHeaders: ['x-request-id'],
      credentials: false,
      maxAge: 600,
    };
  };
}

/** The answer depends on Origin whenever origins are configured: caches must key on it. */
export function varyOnOriginPlugin(origins: readonly string[]): Plugin {
  if (origins.length === 0) return {};
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (
        !vary
          ?.toLowerCase()
          .split(/\s*,\s*/)
          .includes('origin')
      )
        response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
