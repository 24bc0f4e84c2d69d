/** The credentials a caller sent; forwarded unchanged to Glue on every call made for them. */
export type Identity =
  | { readonly kind: 'customer'; readonly accessToken: string }
  | { readonly kind: 'guest'; readonly anonymousId: string };

/** One caller's request as Glue must see it. */
export interface Caller {
  readonly identity: Identity;
  readonly acceptLanguage: string | null;
  readonly requestId: string;
  /** The client's address (X-Forwarded-For only from trusted proxies), for per-client limits. */
  readonly clientAddress?: string | null;
}
