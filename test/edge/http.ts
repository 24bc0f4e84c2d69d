import { Readable } from 'node:stream';
import { request } from 'undici';

/** Raw HTTP against the gateway for the edge tests (not a test file itself): status, headers, body as sent. */

export interface GraphQLErrorBody {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
  readonly locations?: unknown;
  readonly path?: unknown;
}

export interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLErrorBody[];
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body as JSON when it is JSON, else null. */
  readonly json: GraphQLBody | null;
}

type Method = 'GET' | 'POST' | 'OPTIONS';

function asJson(text: string): GraphQLBody | null {
  try {
    return JSON.parse(text) as GraphQLBody;
  } catch {
    return null;
  }
}

/** Every body any helper here received, so a test file can search the whole run for leaks. */
export const receivedBodies: string[] = [];

export async function send(
  url: string,
  init: { method?: Method; headers?: Record<string, string>; body?: string | Buffer | AsyncIterable<Buffer> } = {},
): Promise<RawAnswer> {
  const body =
    init.body === undefined || typeof init.body === 'string' || Buffer.isBuffer(init.body)
      ? init.body
      : Readable.from(init.body);
  const response = await request(url, { method: init.method ?? 'GET', headers: init.headers, body });
  const text = await response.body.text();
  receivedBodies.push(text);
  return { status: response.statusCode, headers: response.headers, text, json: asJson(text) };
}

export const GRAPHQL_ACCEPT = 'application/graphql-response+json, application/json';

/** A JSON POST as any GraphQL client sends it; `headers` adds or overrides. */
export function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GRAPHQL_ACCEPT, ...headers },
    body: JSON.stringify(body),
  });
}

export function codesOf(answer: RawAnswer): unknown[] {
  return (answer.json?.errors ?? []).map((error) => error.extensions?.code);
}
