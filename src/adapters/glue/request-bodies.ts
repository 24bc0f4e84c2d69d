import type { Address, Customer, Shipment } from '../../domain/checkout-inputs.ts';
import type {
  CancelPaymentRequest,
  CheckoutDataRequest,
  CheckoutRequest,
  CreatePaymentRequest,
} from '../../domain/ports/glue-port.ts';
import type { JsonObject } from './jsonapi.ts';

/**
 * The attributes of each Glue request body, built from the port's requests. Shapes follow
 * Glue's generated OpenAPI and the flow in docs/glue-backend.md §4-§5.
 */

/** Every address field Glue's checkout lists; absent optional ones as "" so none is "missing". */
export function addressAttributes(address: Address): JsonObject {
  return {
    salutation: address.salutation,
    firstName: address.firstName,
    lastName: address.lastName,
    address1: address.address1,
    address2: address.address2,
    address3: address.address3 ?? '',
    zipCode: address.zipCode,
    city: address.city,
    iso2Code: address.iso2Code,
    company: address.company ?? '',
    phone: address.phone ?? '',
  };
}

export function customerAttributes(customer: Customer): JsonObject {
  return {
    salutation: customer.salutation,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
  };
}

/** `shipments[]`; a shipment without item group keys ships every item of the cart. */
export function shipmentsAttributes(shipments: readonly Shipment[], allItemGroupKeys: readonly string[]): JsonObject[] {
  return shipments.map((shipment) => ({
    items: shipment.itemGroupKeys ?? allItemGroupKeys,
    shippingAddress: addressAttributes(shipment.shippingAddress),
    idShipmentMethod: shipment.shipmentMethodId,
    requestedDeliveryDate: shipment.requestedDeliveryDate ?? null,
  }));
}

/** True when building the shipments needs the cart's item group keys. */
export function needsAllItems(shipments: readonly Shipment[] | undefined): boolean {
  return (shipments ?? []).some((shipment) => shipment.itemGroupKeys == null);
}

export function checkoutDataAttributes(request: CheckoutDataRequest, allItemGroupKeys: readonly string[]): JsonObject {
  return {
    idCart: request.cartId,
    ...(request.customer ? { customer: customerAttributes(request.customer) } : {}),
    ...(request.billingAddress ? { billingAddress: addressAttributes(request.billingAddress) } : {}),
    ...(request.shipments && request.shipments.length > 0
      ? { shipments: shipmentsAttributes(request.shipments, allItemGroupKeys) }
      : {}),
  };
}

/**
 * `POST /payments`: the fields Glue validates plus Zed's quote whitelist (docs/glue-backend.md §5 item 3).
 * Everything about money comes from Glue's own answers (the request's amount, cart and totals).
 */
export function createPaymentAttributes(request: CreatePaymentRequest): JsonObject {
  const { cart, checkoutData } = request;
  const store = checkoutData.store ?? cart.store;
  const priceMode = checkoutData.priceMode ?? cart.priceMode;
  const preOrderPaymentData = withoutEmptyTransactionId(request.preOrderPaymentData);
  return {
    payment: {
      amount: request.amount.amount,
      paymentMethodName: request.paymentMethodName,
      paymentProviderName: request.paymentProviderName,
    },
    quote: {
      // The QuoteTransfer's cart id; Zed's whitelist drops it, but it lets the app side correlate.
      uuid: cart.cartId,
      customer: {
        ...customerAttributes(request.customer),
        ...(request.customerReference ? { customerReference: request.customerReference } : {}),
      },
      billingAddress: addressAttributes(request.billingAddress),
      ...(request.shippingAddress ? { shippingAddress: addressAttributes(request.shippingAddress) } : {}),
      currency: { code: request.amount.currency },
      ...(store ? { store: { name: store } } : {}),
      ...(priceMode ? { priceMode } : {}),
      items: cart.items.map((item) => ({
        sku: item.sku,
        name: item.name,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
      })),
      expenses: checkoutData.expenses.map((expense) => ({
        type: expense.type,
        name: expense.name,
        quantity: expense.quantity,
        unitPrice: expense.unitPrice,
      })),
    },
    ...(preOrderPaymentData ? { preOrderPaymentData } : {}),
  };
}

/**
 * INFERRED (docs/glue-backend.md §5): the app looks a transaction up whenever `transactionId` is
 * set, so an empty one must never be sent; an empty map is left out altogether.
 */
function withoutEmptyTransactionId(
  data: Readonly<Record<string, unknown>> | null,
): Readonly<Record<string, unknown>> | null {
  if (!data) return null;
  const { transactionId, ...rest } = data;
  const kept = typeof transactionId === 'string' && transactionId.trim() === '' ? rest : data;
  return Object.keys(kept).length > 0 ? kept : null;
}

/** `POST /payment-cancellations`: the whole stored map, echoed unchanged. */
export function cancelPaymentAttributes(request: CancelPaymentRequest): JsonObject {
  return {
    payment: { paymentMethodName: request.paymentMethodName, paymentProviderName: request.paymentProviderName },
    preOrderPaymentData: request.preOrderPaymentData,
  };
}

export function checkoutAttributes(request: CheckoutRequest, allItemGroupKeys: readonly string[]): JsonObject {
  return {
    idCart: request.cartId,
    customer: customerAttributes(request.customer),
    billingAddress: addressAttributes(request.billingAddress),
    payments: [{ paymentMethodName: request.paymentMethodName, paymentProviderName: request.paymentProviderName }],
    ...(request.shipments.length > 0 ? { shipments: shipmentsAttributes(request.shipments, allItemGroupKeys) } : {}),
    preOrderPaymentData: request.preOrderPaymentData,
  };
}
