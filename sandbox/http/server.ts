import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';
import { handleControl } from '../control/routes.ts';
import { allowBrowsers } from './cors.ts';
import { handleGlue } from './glue-handler.ts';
import { type ReceivedRequest, readBody, send, sendEmpty, sendJson } from './io.ts';

function isControlPath(pathname: string): boolean {
  return pathname === '/_sandbox' || pathname.startsWith('/_sandbox/');
}

async function dispatch(context: SandboxContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    if (allowBrowsers(request, response) === 'preflight') return;
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const received: ReceivedRequest = {
      method: request.method ?? 'GET',
      url,
      headers: request.headers,
      rawBody: await readBody(request),
    };
    if (!isControlPath(url.pathname)) return await handleGlue(context, received, response);
    const result = handleControl(context, received);
    if (result.body === undefined) sendEmpty(response, result.status);
    else sendJson(response, { status: result.status, body: result.body });
  } catch (error) {
    context.log(`sandbox error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    send(response, { status: 500, contentType: 'text/html; charset=UTF-8', body: 'Internal Server Error' });
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
