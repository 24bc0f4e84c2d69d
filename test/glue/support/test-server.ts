import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Defer } from './cleanups.ts';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive reuses one). */
  connections(): number;
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, socket: Socket) => void;

/** A loopback HTTP server that records every request and lets the test decide the answer. */
export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(recorded, res, req.socket);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `serve(handler)` for a test file: a test server that `defer` closes after the test. */
export function serveWith(defer: Defer): (handler: Handler) => Promise<TestServer> {
  return async (handler) => {
    const server = await startTestServer(handler);
    defer(() => server.close());
    return server;
  };
}

/** A JSON answer: status, body, content type (JSON:API unless given) and further headers. */
export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

/** Answers with a JSON body and the given content type. */
export function json(res: ServerResponse, answer: JsonAnswer): void {
  const { status, body, contentType = 'application/vnd.api+json', headers = {} } = answer;
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(JSON.stringify(body));
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
