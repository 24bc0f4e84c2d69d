import { hash, randomBytes } from 'node:crypto';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type CartId = Brand<string, 'CartId'>;
export type PreOrderPaymentId = Brand<string, 'PreOrderPaymentId'>;
/** HMAC of an anonymous id or a customerReference: who owns a pre-order payment. */
export type OwnerKey = Brand<string, 'OwnerKey'>;
/** Hash tag shared by all Redis keys of one cart (docs/redis-keys.md). */
export type CartTag = Brand<string, 'CartTag'>;

const CART_ID = /^[A-Za-z0-9_-]{1,128}$/;
const PAYMENT_ID = /^pop_([0-9a-f]{16})_([A-Za-z0-9_-]{22})$/;

export function parseCartId(raw: string): CartId | null {
  return CART_ID.test(raw) ? (raw as CartId) : null;
}

export function cartTag(cartId: CartId): CartTag {
  return hash('sha256', cartId, 'hex').slice(0, 16) as CartTag;
}

/** 128 random bits plus the cart's hash tag, so the id alone finds its Redis slot. */
export function newPreOrderPaymentId(cartId: CartId): PreOrderPaymentId {
  return `pop_${cartTag(cartId)}_${randomBytes(16).toString('base64url')}` as PreOrderPaymentId;
}

export function parsePreOrderPaymentId(raw: string): PreOrderPaymentId | null {
  return PAYMENT_ID.test(raw) ? (raw as PreOrderPaymentId) : null;
}

export function tagOfPaymentId(id: PreOrderPaymentId): CartTag {
  return id.slice(4, 20) as CartTag;
}
