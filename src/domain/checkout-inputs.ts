/** What the shopper gives for the order: stored at initialization, defaults for placeOrder. */
export interface Customer {
  readonly salutation: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

export interface Address {
  readonly salutation: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly address1: string;
  readonly address2: string;
  readonly address3?: string | null;
  readonly zipCode: string;
  readonly city: string;
  readonly iso2Code: string;
  readonly company?: string | null;
  readonly phone?: string | null;
}

export interface Shipment {
  readonly shipmentMethodId: number;
  readonly shippingAddress: Address;
  /** Cart item group keys shipped together; all items when null. */
  readonly itemGroupKeys?: readonly string[] | null;
  readonly requestedDeliveryDate?: string | null;
}

export interface CheckoutInputs {
  readonly customer: Customer;
  readonly billingAddress: Address;
  readonly shipments: readonly Shipment[];
}
