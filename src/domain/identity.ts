import type { OwnerKey } from './ids.ts';
import type { OwnerKind } from './pre-order-payment.ts';

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

/**
 * The gateway acting on its own, not for a shopper (the release sweeper): Glue gets no shopper
 * credentials. Only calls that need none take it (`POST /payment-cancellations`).
 */
export interface GatewayCaller {
  readonly identity: { readonly kind: 'gateway' };
  readonly acceptLanguage: null;
  readonly requestId: string;
}

export function gatewayCaller(requestId: string): GatewayCaller {
  return { identity: { kind: 'gateway' }, acceptLanguage: null, requestId };
}

/** Who owns a pre-order payment (docs/identity-and-ownership.md): guests cannot list orders. */
export interface Owner {
  readonly key: OwnerKey;
  readonly kind: OwnerKind;
  /** A customer's reference as Glue reports it for the token; null for guests. */
  readonly customerReference: string | null;
}
