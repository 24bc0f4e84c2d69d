import type { Address, Customer, Shipment } from '../../domain/checkout-inputs.ts';
import type { Violations } from '../../domain/validation.ts';
import {
  validateAddress,
  validateCustomer,
  validateIdempotencyKey,
  validateShipments,
} from '../../domain/validation.ts';

export interface PlaceOrderInput {
  readonly preOrderPaymentId: string;
  readonly customer?: Customer | null;
  readonly billingAddress?: Address | null;
  readonly shipments?: readonly Shipment[] | null;
  readonly idempotencyKey?: string | null;
}

/** Edge validation (docs/initialize.md item 1 applies to the order's inputs too); omitted inputs default later. */
export function validatePlaceOrderInput(input: PlaceOrderInput): Violations {
  const violations: Violations = [];
  if (input.customer) validateCustomer(violations, 'input.customer', input.customer);
  if (input.billingAddress) validateAddress(violations, 'input.billingAddress', input.billingAddress);
  if (input.shipments) validateShipments(violations, 'input.shipments', input.shipments);
  validateIdempotencyKey(violations, 'input.idempotencyKey', input.idempotencyKey);
  return violations;
}
