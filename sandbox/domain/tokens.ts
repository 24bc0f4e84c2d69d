import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SandboxState } from '../state.ts';
import type { AccessTokenRecord, Customer } from '../types.ts';

/** Spryker's default customer access-token lifetime. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 28800;

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * Issues a JWT-shaped access token like Spryker's OAuth server does (header.payload.signature,
 * `sub` carrying the customer as a JSON string). Clients must treat it as opaque; the sandbox
 * recognizes it by lookup, the signature only makes tokens of different instances distinct.
 */
export function issueAccessToken(
  state: SandboxState,
  customer: Customer,
  lifetimeSeconds = ACCESS_TOKEN_LIFETIME_SECONDS,
): AccessTokenRecord {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const payload = base64url(
    JSON.stringify({
      aud: 'frontend',
      jti: randomUUID(),
      iat: now,
      nbf: now,
      exp: now + lifetimeSeconds,
      sub: JSON.stringify({
        id_company_user: null,
        id_agent: null,
        customer_reference: customer.customerReference,
        id_customer: customer.idCustomer,
      }),
      scopes: ['customer'],
    }),
  );
  const signature = createHmac('sha256', state.tokenSecret).update(`${header}.${payload}`).digest('base64url');
  const record: AccessTokenRecord = {
    accessToken: `${header}.${payload}.${signature}`,
    refreshToken: randomBytes(48).toString('hex'),
    customerReference: customer.customerReference,
    expiresAt: now + lifetimeSeconds,
  };
  state.tokens.set(record.accessToken, record);
  return record;
}

/** The customer behind a bearer token, or undefined when the token is unknown or expired. */
export function customerForToken(state: SandboxState, accessToken: string): Customer | undefined {
  const record = state.tokens.get(accessToken);
  if (!record || record.expiresAt <= Math.floor(Date.now() / 1000)) return undefined;
  return state.customers.get(record.customerReference);
}
