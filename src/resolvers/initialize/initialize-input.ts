import type { Address, Customer, Shipment } from '../../domain/checkout-inputs.ts';
import { parseCartId } from '../../domain/ids.ts';
import type { Violations } from '../../domain/validation.ts';
import {
  validateAddress,
  validateCustomer,
  validateIdempotencyKey,
  validateName,
  validateShipments,
} from '../../domain/validation.ts';

export interface InitializeInput {
  readonly cartId: string;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly customer: Customer;
  readonly billingAddress: Address;
  readonly shipments: readonly Shipment[];
  readonly idempotencyKey?: string | null;
}

/** docs/initialize.md item 1: everything Glue's /checkout would later refuse, refused now. */
export function validateInitializeInput(input: InitializeInput): Violations {
  const violations: Violations = [];
  if (!parseCartId(input.cartId)) violations.push({ path: 'input.cartId', message: 'is not a valid cart id' });
  validateName(violations, 'input.paymentMethodName', input.paymentMethodName);
  validateName(violations, 'input.paymentProviderName', input.paymentProviderName);
  validateCustomer(violations, 'input.customer', input.customer);
  validateAddress(violations, 'input.billingAddress', input.billingAddress);
  validateShipments(violations, 'input.shipments', input.shipments);
  validateIdempotencyKey(violations, 'input.idempotencyKey', input.idempotencyKey);
  return violations;
}
