import type { Caller } from '../../../src/domain/identity.ts';

export const customer = (accessToken = 'token-of-sonia', acceptLanguage: string | null = 'de-DE'): Caller => ({
  identity: { kind: 'customer', accessToken },
  acceptLanguage,
  requestId: 'req-customer-1',
});

export const guest = (anonymousId = 'anon-42', acceptLanguage: string | null = null): Caller => ({
  identity: { kind: 'guest', anonymousId },
  acceptLanguage,
  requestId: 'req-guest-1',
});
