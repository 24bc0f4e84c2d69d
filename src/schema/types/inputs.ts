import type { Shipment } from '../../domain/checkout-inputs.ts';
import { builder } from '../builder.ts';

export const CustomerInput = builder.inputType('CustomerInput', {
  fields: (t) => ({
    salutation: t.string(),
    firstName: t.string(),
    lastName: t.string(),
    email: t.string(),
  }),
});

export const AddressInput = builder.inputType('AddressInput', {
  fields: (t) => ({
    salutation: t.string(),
    firstName: t.string(),
    lastName: t.string(),
    address1: t.string(),
    address2: t.string({ description: "House number in Spryker's address model; required by Glue." }),
    address3: t.string({ required: false }),
    zipCode: t.string(),
    city: t.string(),
    iso2Code: t.string({ description: 'ISO 3166-1 alpha-2' }),
    company: t.string({ required: false }),
    phone: t.string({ required: false }),
  }),
});

export const ShipmentInput = builder.inputType('ShipmentInput', {
  fields: (t) => ({
    shipmentMethodId: t.int(),
    shippingAddress: t.field({ type: AddressInput }),
    itemGroupKeys: t.stringList({
      required: false,
      description: 'Cart item group keys shipped together; all items when omitted.',
    }),
    requestedDeliveryDate: t.string({ required: false }),
  }),
});

/** GraphQL input objects arrive with absent optional fields as undefined; the use cases take null. */
export function toShipments(
  list: readonly {
    shipmentMethodId: number;
    shippingAddress: Shipment['shippingAddress'];
    itemGroupKeys?: string[] | null;
    requestedDeliveryDate?: string | null;
  }[],
): Shipment[] {
  return list.map((s) => ({
    ...s,
    itemGroupKeys: s.itemGroupKeys ?? null,
    requestedDeliveryDate: s.requestedDeliveryDate ?? null,
  }));
}

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional, 1-255 characters from U+0021 to U+007E. Same key + same input = same result; same key + other input = IdempotencyKeyConflictError.';
