import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';
import { handleControl } from '../control/routes.ts';
import { handleGlue } from './glue-handler.ts';
import { readBody, send, sendEmpty, sendJson } from './io.ts';

function isControlPath(pathname: string): boolean {
  return pathname === '/_sandbox' || pathname.startsWith('/_sandbox/');
}

async function dispatch(context: SandboxContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const rawBody = await readBody(request);
    if (!isControlPath(url.pathname)) return await handleGlue(context, request, response, url, rawBody);
    const result = handleControl(context, request.method ?? 'GET', url, rawBody);
    if (result.body === undefined) sendEmpty(response, result.status);
    else sendJson(response, result.status, result.body);
  } catch (error) {
    context.log(`sandbox error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    send(response, 500, 'text/html; charset=UTF-8', 'Internal Server Error');
  }
}

/** The HTTP server: keep-alive connections, Glue routes plus the /_sandbox control surface. */
export function createSandboxServer(context: SandboxContext): Server {
  const server = createServer({ keepAlive: true }, (request, response) => {
    void dispatch(context, request, response);
  });
  // Longer than typical client pools keep idle sockets, so clients do not hit closed sockets.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A `hang` fault holds requests until the client gives up; Node must not time them out first.
  server.requestTimeout = 0;
  return server;
}
