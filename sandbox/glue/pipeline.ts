import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxState } from '../state.ts';
import { resolveIdentity } from './identity.ts';
import { E, fail, failOne, type GlueResult, INTERNAL_SERVER_ERROR, violation } from './results.ts';
import { includesOf } from './route.ts';
import type { RouteMatch } from './routes.ts';
import { isRecord, validateAttributes } from './validation.ts';

export interface RawGlueRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly baseUrl: string;
}

/** A raw Glue request together with what routing made of it. */
export interface RoutedGlueRequest {
  readonly raw: RawGlueRequest;
  readonly match: RouteMatch;
}

/**
 * Glue's RequestResourceExtractor + RestRequestValidator: a body needs `data.type` and
 * `data.attributes` (else "Post data is invalid."), and the type must be the route's resource.
 */
function extractAttributes(
  rawBody: string,
  resourceType: string,
): { ok: true; attributes: Record<string, unknown> } | { ok: false; result: GlueResult } {
  let parsed: unknown = null;
  try {
    parsed = rawBody.trim() === '' ? null : JSON.parse(rawBody);
  } catch {
    parsed = null;
  }
  const data = isRecord(parsed) ? parsed.data : undefined;
  const type = isRecord(data) ? data.type : undefined;
  const attributes = isRecord(data) ? data.attributes : undefined;
  if (type === undefined || type === null || attributes === undefined || attributes === null)
    return { ok: false, result: failOne(E.postDataInvalid) };
  if (type !== resourceType) return { ok: false, result: failOne(E.invalidType) };
  // A JSON list maps onto an empty transfer; scalars cannot be mapped at all.
  if (Array.isArray(attributes)) return { ok: true, attributes: {} };
  if (!isRecord(attributes)) return { ok: false, result: failOne(E.postDataInvalid) };
  return { ok: true, attributes };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One Glue request through Glue's generic stages, in Glue's order: header validation (406/415,
 * plain text), routing, body format (400), access token (401/403), anonymous id (400/109), YAML
 * validation (422/901), then the resource handler. Synchronous, so a call's effect is atomic.
 */
export function processGlue(state: SandboxState, request: RoutedGlueRequest, keepCart: boolean): GlueResult {
  const { raw, match } = request;
  if (header(raw.headers, 'accept') === undefined) return E.notAcceptable;
  const contentType = header(raw.headers, 'content-type');
  if (contentType !== undefined && contentType.trim() === '') return E.unsupportedMediaType;
  if (match.kind === 'not-found') return failOne(E.notFound);
  if (match.kind === 'method-not-allowed') return failOne(E.methodNotAllowed);
  const route = match.route;

  let attributes: Record<string, unknown> = {};
  if (route.method === 'POST') {
    const extracted = extractAttributes(raw.rawBody, route.resourceType);
    if (!extracted.ok) return extracted.result;
    attributes = extracted.attributes;
  }
  const resolved = resolveIdentity(state, raw.headers);
  if (!resolved.ok) return failOne(resolved.error);
  const identity = resolved.identity;
  if (route.protected && identity.kind !== 'customer') return failOne(E.missingToken);
  const anonymousId = (header(raw.headers, 'x-anonymous-customer-unique-id') ?? '').trim();
  if (route.guest && anonymousId === '') return failOne(E.anonymousIdEmpty);
  if (route.schema) {
    const violations = validateAttributes(attributes, route.schema);
    if (violations.length > 0) return fail(violations.map((v) => violation(v.path, v.message)));
  }
  try {
    return route.handle(
      {
        params: match.params,
        query: raw.query,
        includes: includesOf(raw.query),
        attributes,
        identity,
        anonymousId,
        baseUrl: raw.baseUrl,
        path: raw.path,
        keepCart,
      },
      state,
    );
  } catch {
    // Glue hides exceptions behind a bare 500 unless debug mode is on.
    return INTERNAL_SERVER_ERROR;
  }
}
