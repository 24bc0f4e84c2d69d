import { type ErrorOf, Errors } from '../errors.ts';
import type { Result } from '../result.ts';
import { err } from '../result.ts';

/**
 * What every store port answers: the value, or that the store could not be reached or did not
 * answer in time. An outage is an expected, retryable failure (docs/errors.md), so it travels as
 * data, already in the contract's terms; the adapters map their client's errors to it once.
 */
export type StoreUnavailable = ErrorOf<'UPSTREAM_UNAVAILABLE'>;

export type StoreAnswer<T> = Result<T, StoreUnavailable>;

export function storeUnavailable(): StoreUnavailable {
  return Errors.upstreamUnavailable({ detail: 'session store unavailable' });
}

export const unavailable = (): { readonly ok: false; readonly error: StoreUnavailable } => err(storeUnavailable());
