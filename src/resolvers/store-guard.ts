import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import { StoreUnavailableError } from '../domain/ports/session-store.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';

/** A session-store outage is an expected, retryable failure; anything else is a bug and rethrown. */
export async function guardStore<T>(operation: () => Promise<T>): Promise<Result<T, GatewayError>> {
  try {
    return ok(await operation());
  } catch (error) {
    if (error instanceof StoreUnavailableError)
      return err(Errors.upstreamUnavailable({ detail: 'session store unavailable' }));
    throw error;
  }
}
