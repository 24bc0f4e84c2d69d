import {
  all,
  collection,
  country,
  currency,
  date,
  isString,
  minLength,
  notBlank,
  numeric,
  optional,
  required,
  type Schema,
  sprykerEmail,
  symfonyEmail,
} from './validation.ts';

/**
 * The YAML request-validation rules of the Glue modules the gateway calls, transcribed:
 * CheckoutRestApi checkout.validation.yaml, ShipmentsRestApi shipments.validation.yaml,
 * PaymentsRestApi payments.validation.yaml (docs/glue-backend.md §5), carts and auth.
 */
const ADDRESS: Schema = {
  salutation: required(notBlank),
  firstName: required(notBlank),
  lastName: required(notBlank),
  address1: required(notBlank),
  address2: required(notBlank),
  zipCode: required(notBlank),
  city: required(notBlank, minLength(3)),
  iso2Code: required(notBlank),
};

const CUSTOMER: Schema = { salutation: required(notBlank), email: required(sprykerEmail) };
const PAYMENT_ENTRY: Schema = { paymentMethodName: required(notBlank), paymentProviderName: required(notBlank) };

export const ACCESS_TOKENS: Schema = { username: required(notBlank), password: required(notBlank) };

export const CARTS: Schema = { priceMode: required(notBlank), currency: required(notBlank), store: required(notBlank) };

export const CART_ITEMS: Schema = { sku: required(notBlank), quantity: required(notBlank, numeric) };

/** `shipments[]`: /checkout requires the method id, /checkout-data only checks it when present. */
const shipments = (idShipmentMethod: Schema[string]) =>
  optional(
    all(
      collection({
        items: required(all(notBlank, isString)),
        shippingAddress: required(notBlank),
        idShipmentMethod,
        requestedDeliveryDate: optional(date),
      }),
    ),
  );

export const CHECKOUT_DATA: Schema = {
  idCart: required(notBlank),
  customer: optional(collection(CUSTOMER)),
  billingAddress: optional(collection(ADDRESS)),
  shippingAddress: optional(collection(ADDRESS)),
  payments: optional(all(collection(PAYMENT_ENTRY))),
  shipment: optional(collection({ idShipmentMethod: required(notBlank, numeric) })),
  shipments: shipments(optional(numeric)),
};

/** /checkout validates what /checkout-data does, and also needs a billing address and method ids. */
export const CHECKOUT: Schema = {
  ...CHECKOUT_DATA,
  billingAddress: required(collection(ADDRESS)),
  shipments: shipments(required(notBlank, numeric)),
};

export const PAYMENTS: Schema = {
  quote: required(
    notBlank,
    collection({
      customer: required(
        collection({
          firstName: required(notBlank),
          lastName: required(notBlank),
          email: required(notBlank, symfonyEmail),
        }),
      ),
      billingAddress: required(collection({ iso2Code: required(notBlank, country) })),
      currency: required(collection({ code: required(notBlank, currency) })),
    }),
  ),
  payment: required(
    collection({
      amount: required(notBlank, numeric),
      paymentMethodName: required(notBlank),
      paymentProviderName: required(notBlank),
    }),
  ),
};

export const PAYMENT_CANCELLATIONS: Schema = {
  payment: required(collection(PAYMENT_ENTRY)),
  preOrderPaymentData: required(collection({ transactionId: required(notBlank) })),
};
