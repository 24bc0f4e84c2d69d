import type { Address, Customer, Shipment } from './checkout-inputs.ts';
import type { FieldViolation } from './errors.ts';

/**
 * Edge validation of what Glue's /checkout would later refuse (docs/initialize.md item 1), so a shopper
 * never authorizes a payment for an order that cannot be placed. One violation per bad field.
 */
export type Violations = FieldViolation[];

/** Salutations Spryker's customer and address models accept. */
const SALUTATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr']);
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/;
// Control characters are exactly what is refused.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const IDEMPOTENCY_KEY = /^[\u0021-\u007e]{1,255}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** Answers per code, asked of ICU once (at most 676 two-letter codes; a lookup costs µs on every address). */
const countries = new Map<string, boolean>();

function isCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  let known = countries.get(code);
  if (known === undefined) {
    try {
      known = regionNames.of(code) !== code;
    } catch {
      known = false;
    }
    countries.set(code, known);
  }
  return known;
}

/** A free-text field: present when required, bounded, without control characters. */
interface TextField {
  readonly path: string;
  readonly value: string | null | undefined;
  readonly required: boolean;
  readonly max: number;
}

function text(violations: Violations, field: TextField): void {
  const { path, value, max } = field;
  if (value === null || value === undefined || value.trim() === '') {
    if (field.required) violations.push({ path, message: 'must not be blank' });
    return;
  }
  if (value.length > max) violations.push({ path, message: `must be at most ${max} characters` });
  else if (CONTROL.test(value)) violations.push({ path, message: 'must not contain control characters' });
}

function salutation(violations: Violations, path: string, value: string): void {
  if (!SALUTATIONS.has(value)) violations.push({ path, message: `must be one of ${[...SALUTATIONS].join(', ')}` });
}

export function validateCustomer(violations: Violations, path: string, customer: Customer): void {
  salutation(violations, `${path}.salutation`, customer.salutation);
  text(violations, { path: `${path}.firstName`, value: customer.firstName, required: true, max: 100 });
  text(violations, { path: `${path}.lastName`, value: customer.lastName, required: true, max: 100 });
  if (customer.email.length > 255 || !EMAIL.test(customer.email)) {
    violations.push({ path: `${path}.email`, message: 'must be a valid e-mail address' });
  }
}

export function validateAddress(violations: Violations, path: string, address: Address): void {
  salutation(violations, `${path}.salutation`, address.salutation);
  text(violations, { path: `${path}.firstName`, value: address.firstName, required: true, max: 100 });
  text(violations, { path: `${path}.lastName`, value: address.lastName, required: true, max: 100 });
  text(violations, { path: `${path}.address1`, value: address.address1, required: true, max: 255 });
  text(violations, { path: `${path}.address2`, value: address.address2, required: true, max: 255 });
  text(violations, { path: `${path}.address3`, value: address.address3, required: false, max: 255 });
  text(violations, { path: `${path}.zipCode`, value: address.zipCode, required: true, max: 15 });
  text(violations, { path: `${path}.city`, value: address.city, required: true, max: 255 });
  text(violations, { path: `${path}.company`, value: address.company, required: false, max: 255 });
  text(violations, { path: `${path}.phone`, value: address.phone, required: false, max: 255 });
  if (!isCountry(address.iso2Code))
    violations.push({ path: `${path}.iso2Code`, message: 'must be an ISO 3166-1 alpha-2 country code' });
}

export function validateShipments(violations: Violations, path: string, shipments: readonly Shipment[]): void {
  if (shipments.length > 20) violations.push({ path, message: 'must have at most 20 shipments' });
  shipments.slice(0, 20).forEach((shipment, index) => {
    const at = `${path}.${index}`;
    if (!Number.isSafeInteger(shipment.shipmentMethodId) || shipment.shipmentMethodId <= 0) {
      violations.push({ path: `${at}.shipmentMethodId`, message: 'must be a positive integer' });
    }
    validateAddress(violations, `${at}.shippingAddress`, shipment.shippingAddress);
    const keys = shipment.itemGroupKeys;
    if (keys) {
      if (keys.length > 500) violations.push({ path: `${at}.itemGroupKeys`, message: 'must have at most 500 entries' });
      for (const [keyIndex, key] of keys.slice(0, 500).entries()) {
        text(violations, { path: `${at}.itemGroupKeys.${keyIndex}`, value: key, required: true, max: 255 });
      }
    }
    const date = shipment.requestedDeliveryDate;
    if (date != null && (!DATE.test(date) || Number.isNaN(Date.parse(date)))) {
      violations.push({ path: `${at}.requestedDeliveryDate`, message: 'must be a date as YYYY-MM-DD' });
    }
  });
}

export function validateName(violations: Violations, path: string, value: string): void {
  text(violations, { path: path, value: value, required: true, max: 255 });
}

export function validateIdempotencyKey(violations: Violations, path: string, key: string | null | undefined): void {
  if (key != null && !IDEMPOTENCY_KEY.test(key)) {
    violations.push({ path, message: 'must be 1-255 characters from U+0021 to U+007E' });
  }
}
