import { isIsoCountry } from './countries.ts';

/**
 * A small re-implementation of the Symfony constraints Glue's YAML request validation uses
 * (spryker/rest-request-validator): same blank semantics, same messages, same `a.0.b` paths.
 * Collections allow extra fields and reject missing listed ones, as Glue configures them.
 */
export type Constraint =
  | { readonly kind: 'notBlank' }
  /** Spryker's EmailConstraint rejects '' ("Email is invalid."); Symfony's Email skips it. */
  | { readonly kind: 'email'; readonly spryker: boolean }
  | { readonly kind: 'numeric' }
  | { readonly kind: 'string' }
  | { readonly kind: 'country' }
  | { readonly kind: 'currency' }
  | { readonly kind: 'minLength'; readonly min: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'collection'; readonly fields: Schema }
  | { readonly kind: 'all'; readonly constraints: readonly Constraint[] };

export interface Field {
  readonly optional: boolean;
  readonly constraints: readonly Constraint[];
}

export type Schema = Readonly<Record<string, Field>>;

export interface Violation {
  readonly path: string;
  readonly message: string;
}

export const required = (...constraints: Constraint[]): Field => ({ optional: false, constraints });
export const optional = (...constraints: Constraint[]): Field => ({ optional: true, constraints });
export const collection = (fields: Schema): Constraint => ({ kind: 'collection', fields });
export const all = (...constraints: Constraint[]): Constraint => ({ kind: 'all', constraints });
export const notBlank: Constraint = { kind: 'notBlank' };
export const numeric: Constraint = { kind: 'numeric' };
export const isString: Constraint = { kind: 'string' };
export const country: Constraint = { kind: 'country' };
export const currency: Constraint = { kind: 'currency' };
export const date: Constraint = { kind: 'date' };
export const sprykerEmail: Constraint = { kind: 'email', spryker: true };
export const symfonyEmail: Constraint = { kind: 'email', spryker: false };
export const minLength = (min: number): Constraint => ({ kind: 'minLength', min });

const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
/** PHP's is_numeric for strings. */
const NUMERIC_STRING = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Symfony NotBlank: false, null, '', and empty arrays are blank; 0 and '0' are not. */
export function isBlank(value: unknown): boolean {
  if (value === false || value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/** PHP arrays cover JSON objects and lists alike; entries keyed as PHP would key them. */
function entries(value: unknown): [string, unknown][] | null {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (isRecord(value)) return Object.entries(value);
  return null;
}

/** Where `check` is looking: the checked value's path (`a.0.b`) and the list its violations go to. */
interface CheckScope {
  readonly path: string;
  readonly out: Violation[];
}

function check(value: unknown, constraint: Constraint, scope: CheckScope): void {
  const { path, out } = scope;
  const add = (message: string): void => void out.push({ path, message });
  switch (constraint.kind) {
    case 'notBlank':
      if (isBlank(value)) add('This value should not be blank.');
      return;
    case 'email':
      if (value === null || value === undefined || (value === '' && !constraint.spryker)) return;
      if (typeof value !== 'string' || !EMAIL.test(value))
        add(constraint.spryker ? 'Email is invalid.' : 'This value is not a valid email address.');
      return;
    case 'numeric':
      if (value === null || value === undefined) return;
      if (
        !(
          (typeof value === 'number' && Number.isFinite(value)) ||
          (typeof value === 'string' && NUMERIC_STRING.test(value))
        )
      )
        add('This value should be of type numeric.');
      return;
    case 'string':
      if (value !== null && value !== undefined && typeof value !== 'string')
        add('This value should be of type string.');
      return;
    case 'country':
      if (value === null || value === undefined || value === '') return;
      if (typeof value !== 'string' || !isIsoCountry(value)) add('This value is not a valid country.');
      return;
    case 'currency':
      if (value === null || value === undefined || value === '') return;
      if (typeof value !== 'string' || !CURRENCIES.has(value)) add('This value is not a valid currency.');
      return;
    case 'minLength':
      if (value === null || value === undefined) return;
      if (String(value).length < constraint.min)
        add(`This value is too short. It should have ${constraint.min} characters or more.`);
      return;
    case 'date':
      if (value === null || value === undefined || value === '') return;
      if (typeof value !== 'string' || !isValidDate(value)) add('This value is not a valid date.');
      return;
    case 'collection': {
      if (value === null || value === undefined) return;
      const list = entries(value);
      if (!list) {
        add('This value should be of type array|(Traversable&ArrayAccess).');
        return;
      }
      const present = new Map(list);
      for (const [name, field] of Object.entries(constraint.fields)) {
        const fieldPath = path === '' ? name : `${path}.${name}`;
        if (!present.has(name)) {
          if (!field.optional) out.push({ path: fieldPath, message: 'This field is missing.' });
          continue;
        }
        for (const inner of field.constraints) check(present.get(name), inner, { path: fieldPath, out });
      }
      return;
    }
    case 'all': {
      if (value === null || value === undefined) return;
      const list = entries(value);
      if (!list) {
        add('This value should be of type iterable.');
        return;
      }
      for (const [key, item] of list)
        for (const inner of constraint.constraints) check(item, inner, { path: `${path}.${key}`, out });
      return;
    }
  }
}

/** Validates request attributes against an endpoint's schema; an empty list means valid. */
export function validateAttributes(attributes: Record<string, unknown>, schema: Schema): Violation[] {
  const out: Violation[] = [];
  check(attributes, collection(schema), { path: '', out });
  return out;
}
