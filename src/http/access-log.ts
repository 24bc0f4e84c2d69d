import type { Plugin } from 'graphql-yoga';
import type { Logger as PinoLogger } from 'pino';
import { identityOf } from './request-identity.ts';

interface Timing {
  readonly startedAt: number;
  operationName: string | null;
}

const PROBES = new Set(['/healthz', '/readyz']);
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const FIRST_OPERATION = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,99})/;

/** The operation's name as sent, else the document's first named operation; client text, so only a bounded name. */
function operationNameOf(given: unknown, query: unknown): string | null {
  if (typeof given === 'string') return NAME.test(given) ? given : null;
  return typeof query === 'string' ? (FIRST_OPERATION.exec(query.slice(0, 2000))?.[1] ?? null) : null;
}

/**
 * One line per request for operators: what kind of caller, which operation, what status, how long.
 * Built from a fixed list of fields, never from headers, variables or bodies, so no identity or
 * provider secret can reach it whatever the logger's redaction (docs/errors.md). The duration
 * ends when the response starts: for a subscription, when its stream opens.
 */
export function accessLogPlugin(logger: PinoLogger): Plugin {
  // Redaction walks every line for secret field names (about 25 µs a line here, a tenth of a
  // request's CPU in a profile); this line's fields are fixed and hold none, so it skips it.
  const lines = logger.child({}, { redact: [] });
  const timings = new WeakMap<Request, Timing>();
  return {
    onRequest({ request }) {
      timings.set(request, { startedAt: performance.now(), operationName: null });
    },
    onParams({ request, params }) {
      const timing = timings.get(request);
      if (timing) timing.operationName = operationNameOf(params.operationName, params.query);
    },
    onResponse({ request, response }) {
      const timing = timings.get(request);
      const path = new URL(request.url).pathname;
      const line = {
        // Set by the gateway's request-id plugin, which comes first in the plugin list.
        requestId: response.headers.get('x-request-id'),
        method: request.method,
        path,
        status: response.status,
        durationMs: timing ? Math.round(performance.now() - timing.startedAt) : null,
        operationName: timing?.operationName ?? null,
        caller: identityOf(request.headers)?.kind ?? 'none',
      };
      // Probes come every few seconds: debug only.
      if (PROBES.has(path)) lines.debug(line, 'request');
      else lines.info(line, 'request');
    },
  };
}
