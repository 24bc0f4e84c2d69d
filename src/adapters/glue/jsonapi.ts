/**
 * JSON:API as Glue speaks it: request envelopes, resources with `included` relationships, and the
 * error envelope `{errors:[{status, code?, detail}]}`. Readers never throw: a malformed document
 * reads as empty, and the caller decides what an absent part means.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export interface Resource {
  readonly type: string;
  readonly id: string | null;
  readonly attributes: JsonObject;
  readonly relationships: Readonly<Record<string, readonly ResourceRef[]>>;
}

export interface ResourceRef {
  readonly type: string;
  readonly id: string;
}

export interface Document {
  /** `data` as a list (a single resource becomes a list of one). */
  readonly data: readonly Resource[];
  readonly included: readonly Resource[];
}

export interface GlueError {
  readonly status: number | null;
  readonly code: string | null;
  readonly detail: string | null;
}

export function envelope(type: string, attributes: JsonObject): { data: { type: string; attributes: JsonObject } } {
  return { data: { type, attributes } };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readDocument(body: unknown): Document {
  if (!isObject(body)) return { data: [], included: [] };
  const data = Array.isArray(body.data) ? body.data : body.data == null ? [] : [body.data];
  return { data: resources(data), included: resources(Array.isArray(body.included) ? body.included : []) };
}

function resources(values: readonly unknown[]): Resource[] {
  const out: Resource[] = [];
  for (const value of values) {
    const resource = readResource(value);
    if (resource) out.push(resource);
  }
  return out;
}

function readResource(value: unknown): Resource | null {
  if (!isObject(value) || typeof value.type !== 'string') return null;
  return {
    type: value.type,
    id: typeof value.id === 'string' ? value.id : typeof value.id === 'number' ? String(value.id) : null,
    attributes: isObject(value.attributes) ? value.attributes : {},
    relationships: readRelationships(value.relationships),
  };
}

function readRelationships(value: unknown): Record<string, ResourceRef[]> {
  const out: Record<string, ResourceRef[]> = {};
  if (!isObject(value)) return out;
  for (const [name, relationship] of Object.entries(value)) {
    if (!isObject(relationship)) continue;
    const data = Array.isArray(relationship.data)
      ? relationship.data
      : relationship.data == null
        ? []
        : [relationship.data];
    out[name] = data.flatMap((ref): ResourceRef[] =>
      isObject(ref) && typeof ref.type === 'string' && (typeof ref.id === 'string' || typeof ref.id === 'number')
        ? [{ type: ref.type, id: String(ref.id) }]
        : [],
    );
  }
  return out;
}

/**
 * The included resources a resource points at through `relationship`; when Glue lists no
 * relationship (some includes are only in `included`), every included resource of `type`.
 */
export function related(document: Document, resource: Resource | undefined, relationship: string): Resource[] {
  const refs = resource?.relationships[relationship];
  if (!refs || refs.length === 0) return document.included.filter((candidate) => candidate.type === relationship);
  return refs.flatMap((ref) =>
    document.included.filter((candidate) => candidate.type === ref.type && candidate.id === ref.id),
  );
}

export function readErrors(body: unknown): GlueError[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter(isObject).map((error) => ({
    status:
      typeof error.status === 'number'
        ? error.status
        : typeof error.status === 'string' && /^\d+$/.test(error.status)
          ? Number(error.status)
          : null,
    code:
      typeof error.code === 'string' && error.code !== ''
        ? error.code
        : typeof error.code === 'number'
          ? String(error.code)
          : null,
    detail: typeof error.detail === 'string' ? error.detail : null,
  }));
}

/** Small typed readers for attribute values. */
export function str(source: JsonObject | undefined, key: string): string | null {
  const value = source?.[key];
  return typeof value === 'string' ? value : null;
}

export function int(source: JsonObject | undefined, key: string): number | null {
  const value = source?.[key];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

export function obj(source: JsonObject | undefined, key: string): JsonObject | null {
  const value = source?.[key];
  return isObject(value) ? value : null;
}

export function list(source: JsonObject | undefined, key: string): readonly unknown[] {
  const value = source?.[key];
  return Array.isArray(value) ? value : [];
}

/**
 * A PHP associative array: an object, or `[]` when it is empty (PHP's json_encode of an empty
 * array). Anything else is null.
 */
export function phpMap(value: unknown): JsonObject | null {
  if (isObject(value)) return value;
  if (Array.isArray(value) && value.length === 0) return {};
  return null;
}
