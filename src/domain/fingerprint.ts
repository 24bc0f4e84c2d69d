import { hash } from 'node:crypto';
import type { CheckoutInputs, Shipment } from './checkout-inputs.ts';
import type { Money } from './money.ts';

/** docs/money.md: amount, currency and the sorted (sku, quantity) pairs of the cart's items. */
export function cartFingerprint(
  amount: Money,
  items: readonly { readonly sku: string; readonly quantity: number }[],
): string {
  const pairs = items.map((item) => `${item.sku}\u0000${item.quantity}`).sort();
  return sha256(JSON.stringify([amount.amount, amount.currency, pairs]));
}

/** Identifies the shipments an amount was computed for (order of keys and entries normalized). */
export function shipmentsKey(shipments: readonly Shipment[]): string {
  return sha256(canonicalJson(shipments));
}

/** Identifies what the shopper gave for the order (customer, billing address, shipments). */
export function inputsKey(inputs: CheckoutInputs): string {
  return sha256(canonicalJson(inputs));
}

/** JSON with object keys sorted, undefined dropped: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  // Default sort order is the code-unit order `<` gives; no entry arrays (this runs on every mutation).
  for (const key of Object.keys(source).sort()) {
    const entry = source[key];
    if (entry !== undefined) sorted[key] = sortKeys(entry);
  }
  return sorted;
}

function sha256(text: string): string {
  return hash('sha256', text, 'base64url');
}
