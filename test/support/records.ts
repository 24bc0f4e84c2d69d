import { randomBytes } from 'node:crypto';
import { type CartId, newPreOrderPaymentId, type OwnerKey, parseCartId } from '../../src/domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../src/domain/pre-order-payment.ts';

/** A fresh, valid cart id, so tests never share a cart (and thus never share Redis keys). */
export function newCartId(): CartId {
  const id = parseCartId(`cart-${randomBytes(9).toString('base64url')}`);
  if (id === null) throw new Error('test cart id does not match the cart id format');
  return id;
}

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/**
 * A realistic pre-order payment as initialization writes it: nested inputs, a provider map,
 * events, and strings outside ASCII, so a store that mangles anything is caught.
 */
export function makeRecord(overrides: Partial<PreOrderPaymentRecord> = {}): PreOrderPaymentRecord {
  const cartId = overrides.cartId ?? newCartId();
  const address = {
    salutation: 'Ms',
    firstName: 'Zoë',
    lastName: 'Łukasiewicz-Ørsted',
    address1: 'Straße des 17. Juni',
    address2: '135',
    address3: null,
    zipCode: '10623',
    city: 'Berlin',
    iso2Code: 'DE',
    company: 'Spryker Systems GmbH',
    phone: '+49 30 123456',
  };
  return {
    id: newPreOrderPaymentId(cartId),
    cartId,
    ownerKey: 'g_pmK2vUuZr3qQn1dQW3oE3tXW5Yk9Jp2cR3h0bq1m1aI' as OwnerKey,
    ownerKind: 'guest',
    status: 'INITIALIZED',
    version: 1,
    amount: { amount: 12_345, currency: 'EUR' },
    fingerprint: 'fp_3q2+7w==',
    shipmentsKey: 'sk_1',
    paymentMethodName: 'Credit Card',
    paymentProviderName: 'DummyPayment',
    transactionId: 'tr_7f3a',
    preOrderPaymentData: {
      transactionId: 'tr_7f3a',
      redirect: { url: 'https://psp.example/pay?a=1&b=ä', method: 'GET' },
      nested: [1, 'zwei', { drei: true, vier: null }],
      emoji: '💳 🇩🇪 日本語',
    },
    inputs: {
      customer: { salutation: 'Ms', firstName: 'Zoë', lastName: 'Łukasiewicz-Ørsted', email: 'zoe@example.com' },
      billingAddress: address,
      shipments: [
        {
          shipmentMethodId: 1,
          shippingAddress: { ...address, address2: '1a' },
          itemGroupKeys: ['sku-1', 'sku-2'],
          requestedDeliveryDate: null,
        },
      ],
    },
    createdAt: T0,
    updatedAt: T0 + 1500,
    expiresAt: T0 + 1_800_000,
    lease: null,
    orderReference: null,
    placement: { attempt: 1, startedAt: T0 + 1000, checkoutSent: false },
    cancellation: null,
    release: null,
    attempts: 1,
    events: [
      { type: 'INITIALIZED', at: T0, message: null },
      { type: 'ORDER_PLACEMENT_STARTED', at: T0 + 1000, message: 'attempt 1 — "quoted", \\ backslash\nnewline' },
    ],
    reconciliation: null,
    observedAt: T0 + 1500,
    ...overrides,
  };
}

/** A record without the times only the store sets (its deadline, a lease, its clock at the read). */
export function withoutStoreTimes(
  record: PreOrderPaymentRecord,
): Omit<PreOrderPaymentRecord, 'expiresAt' | 'lease' | 'observedAt'> {
  const { expiresAt: _expiresAt, lease: _lease, observedAt: _observedAt, ...rest } = record;
  return rest;
}

/** The next version of a record, as a use case would write it. */
export function nextVersion(
  record: PreOrderPaymentRecord,
  changes: Partial<PreOrderPaymentRecord> = {},
): PreOrderPaymentRecord {
  return { ...record, ...changes, version: record.version + 1, updatedAt: record.updatedAt + 1 };
}

/** How the store tests create a record: no payment on the cart yet, kept a minute, due in 30 minutes. */
export const CREATE_NEW = { expectedCurrentId: null, ttlSeconds: 60, expiresInMs: 1_800_000 } as const;
