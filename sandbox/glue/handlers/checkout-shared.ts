import { methodKey, type SandboxState } from '../../state.ts';
import type { Cart, PaymentMethod, ShipmentMethod } from '../../types.ts';
import { ownerOf } from '../identity.ts';
import { E, type GlueErrorItem } from '../results.ts';
import type { GlueRequest } from '../route.ts';
import { isRecord } from '../validation.ts';

/** One shipment of a checkout request: `shipments[]` entries, or the legacy `shipment` + `shippingAddress`. */
export interface RequestedShipment {
  readonly idShipmentMethod: unknown;
  readonly shippingAddress: Record<string, unknown> | null;
  readonly items: readonly string[];
  readonly requestedDeliveryDate: unknown;
}

export function requestedShipments(attributes: Record<string, unknown>): RequestedShipment[] {
  const multiple = attributes.shipments;
  if (Array.isArray(multiple) && multiple.length > 0) {
    return (multiple as unknown[]).filter(isRecord).map((entry) => ({
      idShipmentMethod: entry.idShipmentMethod,
      shippingAddress: isRecord(entry.shippingAddress) ? entry.shippingAddress : null,
      items: Array.isArray(entry.items) ? (entry.items as unknown[]).map(String) : [],
      requestedDeliveryDate: entry.requestedDeliveryDate ?? null,
    }));
  }
  const single = attributes.shipment;
  if (!isRecord(single)) return [];
  const address = attributes.shippingAddress;
  return [
    {
      idShipmentMethod: single.idShipmentMethod,
      shippingAddress: isRecord(address) ? address : null,
      items: [],
      requestedDeliveryDate: null,
    },
  ];
}

/** The shipment method a request names, if the shop has it ("1" and 1 both match). */
export function findShipmentMethod(state: SandboxState, idShipmentMethod: unknown): ShipmentMethod | undefined {
  if (idShipmentMethod === null || idShipmentMethod === undefined || idShipmentMethod === '') return undefined;
  const id = Number(idShipmentMethod);
  return Number.isInteger(id) ? state.shipmentMethods.get(id) : undefined;
}

/** The methods of all requested shipments that exist (one expense each). */
export function knownShipmentMethods(state: SandboxState, shipments: readonly RequestedShipment[]): ShipmentMethod[] {
  return shipments
    .map((shipment) => findShipmentMethod(state, shipment.idShipmentMethod))
    .filter((method) => method !== undefined);
}

/** The payment method behind a `{paymentMethodName, paymentProviderName}` pair, matched by Zed's method key. */
export function findPaymentMethod(state: SandboxState, entry: unknown): PaymentMethod | undefined {
  if (!isRecord(entry)) return undefined;
  const provider = entry.paymentProviderName;
  const method = entry.paymentMethodName;
  if (typeof provider !== 'string' || typeof method !== 'string') return undefined;
  return state.paymentMethodByKey(methodKey(provider, method));
}

export function isExpressCheckout(method: PaymentMethod): boolean {
  return method.appConfiguration?.checkoutConfiguration.strategy === 'express-checkout';
}

/**
 * The cart a checkout call addresses, as Zed's quote reader finds it: the caller's own cart with
 * that uuid (a customer's cart for a token, a guest cart for an anonymous id), and not empty.
 */
export function checkoutCart(
  state: SandboxState,
  request: GlueRequest,
): { ok: true; cart: Cart } | { ok: false; error: GlueErrorItem } {
  const owner = ownerOf(request.identity);
  if (!owner) return { ok: false, error: E.userNotSpecified };
  const cart = state.ownedCart(String(request.attributes.idCart ?? ''), owner);
  if (!cart) return { ok: false, error: E.checkoutCartNotFound };
  if (cart.items.length === 0) return { ok: false, error: E.checkoutCartEmpty };
  return { ok: true, cart };
}
