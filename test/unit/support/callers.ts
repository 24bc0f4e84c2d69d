import { randomUUID } from 'node:crypto';
import type { Caller } from '../../../src/domain/identity.ts';
import { anonymousId } from '../../support/fixtures.ts';
import { customerToken } from './memory-glue.ts';

export interface CallerOptions {
  readonly clientAddress?: string | null;
}

/** A guest with a fresh anonymous id (X-Anonymous-Customer-Unique-Id). */
export function guestCaller(options: CallerOptions & { readonly anonymousId?: string } = {}): Caller {
  return {
    identity: { kind: 'guest', anonymousId: options.anonymousId ?? anonymousId() },
    acceptLanguage: null,
    requestId: randomUUID(),
    clientAddress: options.clientAddress ?? null,
  };
}

/** A logged-in customer; the memory Glue knows the token as `customerReference`. */
export function customerCaller(options: CallerOptions & { readonly customerReference?: string } = {}): Caller {
  const reference = options.customerReference ?? `DE--C${randomUUID().slice(0, 8)}`;
  return {
    identity: { kind: 'customer', accessToken: customerToken(reference) },
    acceptLanguage: 'de-DE',
    requestId: randomUUID(),
    clientAddress: options.clientAddress ?? null,
  };
}

/** The same person in another request (a new request id, same credentials). */
export function sameCaller(caller: Caller): Caller {
  return { ...caller, requestId: randomUUID() };
}
