import { E, type GlueErrorItem } from '../results.ts';
import type { GlueRequest } from '../route.ts';
import { isBlank, isRecord } from '../validation.ts';

/** Address fields a `shipments[].shippingAddress` must fill when it does not reference an address id. */
const ADDRESS_FIELDS = ['salutation', 'firstName', 'lastName', 'address1', 'address2', 'zipCode', 'city', 'iso2Code'];

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * ShipmentsRestApi's checkout request validator: single (`shipment` + `shippingAddress`) and
 * multi (`shipments[]`) shipment levels must not be mixed, and one of them must be complete.
 */
function shipmentErrors(attributes: Record<string, unknown>): GlueErrorItem[] {
  const shipments = attributes.shipments;
  const hasMulti = Array.isArray(shipments) && shipments.length > 0;
  const hasShipment = present(attributes.shipment);
  const hasAddress = present(attributes.shippingAddress);
  if (hasMulti && (hasShipment || hasAddress)) return [E.shipmentMix];
  // Spryker checks the single level first, so its 4304 ("Shipments attributes are not specified.")
  // can never be reached: a request with no shipment at all gets 4303.
  if (!hasMulti && (!hasShipment || !hasAddress)) return [E.shipmentNotSpecified];
  if (!hasMulti) return [];
  const invalidAddress = (shipments as unknown[]).some((entry) => {
    const address = isRecord(entry) ? entry.shippingAddress : undefined;
    return isRecord(address) && ADDRESS_FIELDS.some((field) => isBlank(address[field]));
  });
  return invalidAddress ? [E.addressNotValid] : [];
}

/**
 * The checks CheckoutRestApi runs in Glue after YAML validation and before Zed sees the request.
 * Errors accumulate as in CheckoutRequestValidator; the response status is the last one's.
 */
export function checkoutRequestErrors(request: GlueRequest): GlueErrorItem[] {
  const errors: GlueErrorItem[] = [];
  if (request.identity.kind === 'none') errors.push(E.userNotSpecified);
  const payments = request.attributes.payments;
  if (Array.isArray(payments) && payments.length > 1) errors.push(E.multiplePayments);
  errors.push(...shipmentErrors(request.attributes));
  if (request.identity.kind === 'guest') {
    const customer = request.attributes.customer;
    if (!isRecord(customer) || isBlank(customer.salutation) || isBlank(customer.email))
      errors.push(E.customerDataMissing);
  }
  return errors;
}
