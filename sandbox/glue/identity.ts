import type { IncomingHttpHeaders } from 'node:http';
import { customerForToken } from '../domain/tokens.ts';
import type { SandboxState } from '../state.ts';
import type { CartOwner, Customer } from '../types.ts';
import { E, type GlueErrorItem } from './results.ts';

/** Who is calling, as Glue's user provider sees it: a bearer token wins over the anonymous id. */
export type Identity =
  | { readonly kind: 'customer'; readonly customer: Customer }
  | { readonly kind: 'guest'; readonly anonymousId: string }
  | { readonly kind: 'none' };

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/**
 * A non-empty Authorization header must carry a known, unexpired bearer token on every route
 * (401/001), also on the unprotected /payments routes. An empty header counts as absent.
 */
export function resolveIdentity(
  state: SandboxState,
  headers: IncomingHttpHeaders,
): { ok: true; identity: Identity } | { ok: false; error: GlueErrorItem } {
  const authorization = headerValue(headers, 'authorization');
  if (authorization !== '') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const customer = match?.[1] ? customerForToken(state, match[1]) : undefined;
    return customer ? { ok: true, identity: { kind: 'customer', customer } } : { ok: false, error: E.invalidToken };
  }
  const anonymousId = headerValue(headers, 'x-anonymous-customer-unique-id');
  return { ok: true, identity: anonymousId === '' ? { kind: 'none' } : { kind: 'guest', anonymousId } };
}

export function ownerOf(identity: Identity): CartOwner | null {
  if (identity.kind === 'customer') return { kind: 'customer', customerReference: identity.customer.customerReference };
  if (identity.kind === 'guest') return { kind: 'guest', anonymousId: identity.anonymousId };
  return null;
}
