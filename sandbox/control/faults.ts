import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { GlueErrorItem } from '../glue/results.ts';
import { GLUE_ENDPOINTS } from '../glue/routes.ts';
import { isRecord } from '../glue/validation.ts';

export type FaultMode = 'status' | 'after-effect' | 'hang' | 'delay' | 'reset';
const MODES: readonly FaultMode[] = ['status', 'after-effect', 'hang', 'delay', 'reset'];

export interface Fault {
  readonly id: string;
  readonly endpoint: string;
  remaining: number;
  readonly mode: FaultMode;
  /** The error answered by `status` and `after-effect` (Glue's envelope; `{orderReference}` is filled in). */
  readonly error: GlueErrorItem;
  /** `delay` waits this long before the real answer, `status` before its error. */
  readonly delayMs: number;
  readonly delayMaxMs: number | null;
  /** after-effect on /checkout: keep the cart like Glue does for 1106 and failed confirmations. */
  readonly keepCart: boolean;
  /** hang / reset: perform the call's effect before holding or dropping the connection. */
  readonly afterEffect: boolean;
}

function nonNegative(value: unknown, name: string): number | string {
  if (value === undefined) return 0;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : `${name} must be a non-negative number`;
}

/** Parses a `POST /_sandbox/faults` body; the string is the reason for a 400. */
export function parseFault(input: unknown): Fault | string {
  if (!isRecord(input)) return 'body must be a JSON object';
  const endpoint = input.endpoint;
  if (typeof endpoint !== 'string' || !GLUE_ENDPOINTS.has(endpoint))
    return `endpoint must be one of: ${[...GLUE_ENDPOINTS].join(', ')}`;
  const mode = input.mode;
  if (typeof mode !== 'string' || !MODES.includes(mode as FaultMode)) return `mode must be one of: ${MODES.join(', ')}`;
  const count = input.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return 'count must be a positive integer';
  const status = input.status ?? 500;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return 'status must be an HTTP status code';
  const code = input.code;
  if (code !== undefined && typeof code !== 'string') return 'code must be a string';
  const detail = input.detail ?? STATUS_CODES[status] ?? 'Error';
  if (typeof detail !== 'string') return 'detail must be a string';
  const delayMs = nonNegative(input.delayMs, 'delayMs');
  if (typeof delayMs === 'string') return delayMs;
  const delayMax = input.delayMaxMs === undefined ? null : nonNegative(input.delayMaxMs, 'delayMaxMs');
  if (typeof delayMax === 'string') return delayMax;
  if (delayMax !== null && delayMax < delayMs) return 'delayMaxMs must not be below delayMs';
  return {
    id: randomUUID(),
    endpoint,
    remaining: count,
    mode: mode as FaultMode,
    error: code === undefined ? { status, detail } : { status, code, detail },
    delayMs,
    delayMaxMs: delayMax,
    keepCart: input.keepCart === true,
    afterEffect: input.afterEffect === true,
  };
}

/**
 * Armed faults, consumed in arrival order. `take` is synchronous and runs before the request's
 * first await, so with 50 concurrent calls and count 1 exactly one call gets the fault.
 */
export class FaultRegistry {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  take(endpoint: string): Fault | null {
    const fault = this.faults.find((candidate) => candidate.endpoint === endpoint && candidate.remaining > 0);
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }
}

/** The wait of a `delay` fault: fixed, or uniform in [delayMs, delayMaxMs]. */
export function delayOf(fault: Fault): number {
  if (fault.delayMaxMs === null) return fault.delayMs;
  return fault.delayMs + Math.random() * (fault.delayMaxMs - fault.delayMs);
}
