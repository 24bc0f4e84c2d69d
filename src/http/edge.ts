import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.ts';
import { corsOptions, varyOnOriginPlugin } from './cors.ts';
import { queryLimitPlugins } from './query-limits.ts';
import { requestBodyLimitPlugin } from './request-body-limit.ts';
import { badUserInputPlugin } from './request-errors.ts';
import { hideSuggestionsPlugin } from './suggestions.ts';

/** The header a non-JSON request (a GET, a form) must carry; GraphiQL sends it too. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * A request refused for its size is answered before its body is read to the end; closing the
 * connection keeps Node from draining (reading) the rest of an oversized body for keep-alive.
 */
function closeAfterTooLargePlugin(): Plugin {
  return {
    onResponse({ response }) {
      if (response.status === 413) response.headers.set('connection', 'close');
    },
  };
}

/**
 * The hostile-input half of the Yoga options (docs/transport-and-configuration.md; docs/errors.md): what the gateway refuses
 * before any resolver runs. gateway.ts hands each field to `createYoga`, the plugins after its own.
 */
export function edgeOptions(config: Config) {
  return {
    cors: corsOptions(config.corsOrigins),
    // Checked by requestBodyLimitPlugin below, which streams only what has no Content-Length.
    maxRequestBodySize: false,
    // One operation per request: a batch would multiply every per-document limit below.
    batching: false,
    // No operation takes an upload; a multipart parser is surface without a use.
    multipart: false,
    // Never `isDev`: Yoga then adds the original message and stack to masked errors.
    maskedErrors: { isDev: false, errorMessage: 'Unexpected error.' },
    plugins: [
      // Simple (form or header-less) requests are what a foreign page can send without preflight.
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      ...queryLimitPlugins(),
      badUserInputPlugin(),
      ...(config.introspection ? [] : [hideSuggestionsPlugin()]),
      varyOnOriginPlugin(config.corsOrigins),
      closeAfterTooLargePlugin(),
      // Last: after the request parsers it wraps.
      requestBodyLimitPlugin(config.maxBodyBytes),
    ],
  } as const;
}
