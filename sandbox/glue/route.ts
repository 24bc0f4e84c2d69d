import type { SandboxState } from '../state.ts';
import type { Identity } from './identity.ts';
import type { GlueResult } from './results.ts';
import type { Schema } from './validation.ts';

/** A request that passed Glue's generic checks (headers, body format, token, YAML validation). */
export interface GlueRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The `include` query parameter, split. */
  readonly includes: ReadonlySet<string>;
  /** `data.attributes` of a POST body; {} for GET. */
  readonly attributes: Record<string, unknown>;
  readonly identity: Identity;
  /** The X-Anonymous-Customer-Unique-Id header, '' when absent. */
  readonly anonymousId: string;
  /** Base for `links.self`, e.g. http://127.0.0.1:43123. */
  readonly baseUrl: string;
  readonly path: string;
  /** Set by an after-effect fault that asks to keep the cart after a saved order. */
  readonly keepCart: boolean;
}

export interface GlueRoute {
  readonly method: 'GET' | 'POST';
  /** Path template, also the `endpoint` name in recorded calls and faults ("POST /checkout"). */
  readonly template: string;
  /** JSON:API type the body's `data.type` must equal (POST only). */
  readonly resourceType: string;
  /** Protected routes answer 403/002 without a customer token. */
  readonly protected: boolean;
  /** Guest-cart routes answer 400/109 without X-Anonymous-Customer-Unique-Id. */
  readonly guest?: boolean;
  readonly schema?: Schema;
  readonly handle: (request: GlueRequest, state: SandboxState) => GlueResult;
}

export function endpointName(route: Pick<GlueRoute, 'method' | 'template'>): string {
  return `${route.method} ${route.template}`;
}

/** Matches `/carts/abc/items` against `/carts/{id}/items`, returning the named segments. */
export function matchTemplate(template: string, path: string): Record<string, string> | null {
  const wanted = template.split('/');
  const actual = path.split('/');
  if (wanted.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < wanted.length; index++) {
    const pattern = wanted[index] ?? '';
    const segment = actual[index] ?? '';
    if (pattern.startsWith('{') && pattern.endsWith('}')) {
      if (segment === '') return null;
      params[pattern.slice(1, -1)] = decodeURIComponent(segment);
    } else if (pattern !== segment) {
      return null;
    }
  }
  return params;
}

export function includesOf(query: URLSearchParams): Set<string> {
  const raw = query.get('include') ?? '';
  return new Set(
    raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );
}
