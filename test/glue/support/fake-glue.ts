import { createGlueClient, type GlueClient } from '../../../src/adapters/glue/glue-client.ts';
import { createGlueHttp } from '../../../src/adapters/glue/http.ts';
import type { Defer } from './cleanups.ts';
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

/** A fake Glue and our Glue client against it. */
export interface FakeGlueClient {
  readonly fake: FakeGlue;
  readonly client: GlueClient;
}

/**
 * `glueWith(routes)` for a test file: a fake Glue answering `routes` and a client against it
 * (2 s deadline), both closed by `defer` after the test.
 */
export function glueWithFake(defer: Defer): (routes: Record<string, Route | FakeAnswer>) => Promise<FakeGlueClient> {
  return async (routes) => {
    const fake = await startFakeGlue(routes);
    const http = createGlueHttp({ baseUrl: fake.url, timeoutMs: 2000 });
    defer(
      () => fake.close(),
      () => http.close(),
    );
    return { fake, client: createGlueClient({ http }) };
  };
}
