import { builder } from './builder.ts';

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

const idempotencyKeyDescription =
  'Optional, 1-255 characters from U+0021 to U+007E. Same key + same input = same result; same key + other input = IdempotencyKeyConflictError.';

export const InitializeInput = builder.inputType('InitializePreOrderPaymentInput', {
  fields: (t) => ({
    cartId: t.id(),
    paymentMethodName: t.string(),
    paymentProviderName: t.string(),
    customer: t.field({ type: CustomerInput }),
    billingAddress: t.field({ type: AddressInput }),
    shipments: t.field({
      type: [ShipmentInput],
      description:
        'The shipments the order will have, so that the amount includes shipping costs (empty for carts that ship nothing).',
    }),
    idempotencyKey: t.string({ required: false, description: idempotencyKeyDescription }),
  }),
});

export const CancelInput = builder.inputType('CancelPreOrderPaymentInput', {
  fields: (t) => ({
    preOrderPaymentId: t.id(),
    idempotencyKey: t.string({ required: false }),
  }),
});

export const PlaceOrderInput = builder.inputType('PlaceOrderInput', {
  fields: (t) => ({
    preOrderPaymentId: t.id(),
    customer: t.field({
      type: CustomerInput,
      required: false,
      description: 'Omitted: as given at initialization. Same for billingAddress and shipments.',
    }),
    billingAddress: t.field({ type: AddressInput, required: false }),
    shipments: t.field({ type: [ShipmentInput], required: false }),
    idempotencyKey: t.string({ required: false }),
  }),
});
