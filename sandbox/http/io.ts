import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Request bodies beyond this are cut off; no Glue request the gateway sends comes close. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** One request as the handlers see it: method (GET when absent), parsed URL, headers and the body read. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Symfony's current reason phrases where Node's differ (Spryker's Robot tests check "Unprocessable Content"). */
const REASONS: Readonly<Record<number, string>> = { 422: 'Unprocessable Content' };

/** An answer to write: status, body, and headers beyond Content-Type and Content-Length. */
export interface Reply<Body> {
  readonly status: number;
  readonly body: Body;
  readonly headers?: Readonly<Record<string, string>>;
}

export function send(response: ServerResponse, reply: Reply<string> & { readonly contentType: string }): void {
  const { status, contentType, body, headers = {} } = reply;
  // The client may have given up (timeouts in tests); writing then would only raise errors.
  if (response.destroyed || response.headersSent) return;
  const reason = REASONS[status];
  const allHeaders = { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers };
  if (reason === undefined) response.writeHead(status, allHeaders);
  else response.writeHead(status, reason, allHeaders);
  response.end(body);
}

export function sendJson(response: ServerResponse, reply: Reply<unknown>): void {
  const { status, body, headers = {} } = reply;
  send(response, {
    status,
    contentType: 'application/json',
    body: body === undefined ? '' : JSON.stringify(body),
    headers,
  });
}

export function sendEmpty(response: ServerResponse, status: number): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(status);
  response.end();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
