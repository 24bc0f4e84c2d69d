/** Who the shopper is, as Glue knows them: a guest's anonymous id or a customer's access token. */
export type Identity = { readonly anonymousId: string } | { readonly accessToken: string };

/** The headers the gateway reads the shopper's identity from (the same ones Glue takes). */
export function identityHeaders(identity: Identity | undefined): Record<string, string> {
  if (!identity) return {};
  return 'accessToken' in identity
    ? { authorization: `Bearer ${identity.accessToken}` }
    : { 'x-anonymous-customer-unique-id': identity.anonymousId };
}
