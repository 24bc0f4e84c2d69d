import type { ProviderData, PspAdapter } from '../../domain/provider-data.ts';
import { SECRET_LOOKING_KEY, text } from './values.ts';

/**
 * Any provider without its own adapter: every scalar entry as a string, in the provider's order.
 * Nested values are left out: a storefront cannot render them without knowing the provider.
 */
export function genericProviderData(
  data: Readonly<Record<string, unknown>>,
): Extract<ProviderData, { kind: 'generic' }> {
  const entries: { key: string; value: string | null }[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null) entries.push({ key, value: null });
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      entries.push({ key, value: String(value) });
  }
  return { kind: 'generic', transactionId: text(data, 'transactionId'), entries };
}

/** Keys of this data that look like credentials (for the logger's redaction list). */
export function secretLookingKeys(data: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(data).filter((key) => SECRET_LOOKING_KEY.test(key));
}

/** Common credential names, so that a static redaction list covers unknown providers too. */
const GENERIC_SECRET_FIELDS = [
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'password',
  'apiKey',
  'signature',
];

export const genericAdapter: PspAdapter = {
  methodKeys: [],
  secretFields: GENERIC_SECRET_FIELDS,
  toProviderData: genericProviderData,
};
