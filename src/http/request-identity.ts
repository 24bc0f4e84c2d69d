import { randomUUID } from 'node:crypto';
import type { Identity } from '../domain/identity.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Glue's anonymous ids are free-form strings; this only bounds size and refuses control characters. */
const ANONYMOUS_ID = /^[\u0021-\u007e]{1,255}$/;
const BEARER = /^Bearer\s+([\u0021-\u007e]{1,8192})$/i;

/** The request's x-request-id when it is sane, else a new one (it is logged and sent to Glue). */
export function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** A customer's bearer token wins over an anonymous id; neither (or a malformed one) is no identity. */
export function identityOf(headers: Headers): Identity | null {
  const bearer = BEARER.exec(headers.get('authorization')?.trim() ?? '');
  if (bearer?.[1]) return { kind: 'customer', accessToken: bearer[1] };
  const anonymousId = headers.get('x-anonymous-customer-unique-id')?.trim();
  if (anonymousId && ANONYMOUS_ID.test(anonymousId)) return { kind: 'guest', anonymousId };
  return null;
}
