import { json, type RecordedRequest, startTestServer, type TestServer } from './test-server.ts';

export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type Route = (request: RecordedRequest) => FakeAnswer;

/** A canned Glue: answers by `METHOD /path` (query ignored) and records what the client sent. */
export interface FakeGlue extends TestServer {
  /** Request bodies sent to `METHOD /path`, parsed. */
  bodies(route: string): unknown[];
  calls(route: string): RecordedRequest[];
}

export async function startFakeGlue(routes: Record<string, Route | FakeAnswer>): Promise<FakeGlue> {
  const server = await startTestServer((request, res) => {
    const key = `${request.method} ${request.url.split('?')[0]}`;
    const route = routes[key];
    if (!route) return json(res, { status: 404, body: { errors: [{ status: 404, detail: `no fake route ${key}` }] } });
    const answer = typeof route === 'function' ? route(request) : route;
    json(res, {
      status: answer.status,
      body: answer.body ?? null,
      contentType: 'application/vnd.api+json',
      headers: answer.headers ?? {},
    });
  });
  const calls = (route: string) =>
    server.requests.filter((request) => `${request.method} ${request.url.split('?')[0]}` === route);
  return {
    ...server,
    calls,
    bodies: (route) => calls(route).map((request) => JSON.parse(request.body) as unknown),
  };
}
