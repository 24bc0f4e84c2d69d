import type { IncomingHttpHeaders } from 'node:http';

/** One Glue call as a test sees it afterwards (`GET /_sandbox/calls`). */
export interface CallRecord {
  readonly endpoint: string;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  status: number | null;
  readonly startedAt: string;
  finishedAt: string | null;
  readonly requestId: string | null;
  /** The fault mode applied to this call, if any. */
  readonly fault: string | null;
}

/** Older calls are dropped beyond this, so a long-running sandbox does not grow without bound. */
const MAX_CALLS = 20_000;

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parsedBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return null;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return null;
  }
}

export class CallRecorder {
  private calls: CallRecord[] = [];

  start(input: {
    endpoint: string;
    method: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    rawBody: string;
    fault: string | null;
  }): CallRecord {
    const headers = flatHeaders(input.headers);
    const record: CallRecord = {
      endpoint: input.endpoint,
      method: input.method,
      path: input.path,
      query: Object.fromEntries(input.query),
      headers,
      body: parsedBody(input.rawBody),
      status: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      requestId: headers['x-request-id'] ?? null,
      fault: input.fault,
    };
    this.calls.push(record);
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS);
    return record;
  }

  finish(record: CallRecord, status: number | null): void {
    record.status = status;
    record.finishedAt = new Date().toISOString();
  }

  list(endpoint: string | null): readonly CallRecord[] {
    return endpoint === null ? this.calls : this.calls.filter((call) => call.endpoint === endpoint);
  }

  clear(): void {
    this.calls = [];
  }
}
