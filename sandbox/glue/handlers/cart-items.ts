import type { SandboxState } from '../../state.ts';
import type { Cart } from '../../types.ts';
import { type GlueErrorItem, productNotFound, violation } from '../results.ts';

/**
 * Adds `{sku, quantity}` from a validated request to a cart, as CartsRestApi does for both
 * `/carts/{id}/items` and the guest item routes. Returns the refusal, or null when added.
 */
export function addRequestedItem(
  state: SandboxState,
  cart: Cart,
  attributes: Record<string, unknown>,
): GlueErrorItem | null {
  const sku = String(attributes.sku);
  const quantity = Number(attributes.quantity);
  if (!Number.isInteger(quantity) || quantity <= 0)
    return violation('quantity', 'This value should be greater than 0.');
  if (!state.products.has(sku)) return productNotFound(sku);
  state.addItem(cart, sku, quantity);
  return null;
}

/** Validates a list of `{sku, quantity}` for the control surface; the message names the first problem. */
export function parseItemList(
  state: SandboxState,
  value: unknown,
): { ok: true; items: { sku: string; quantity: number }[] } | { ok: false; error: string } {
  if (!Array.isArray(value)) return { ok: false, error: 'items must be an array of {sku, quantity}' };
  const items: { sku: string; quantity: number }[] = [];
  for (const entry of value as unknown[]) {
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const sku = record.sku;
    const quantity = Number(record.quantity ?? 1);
    if (typeof sku !== 'string' || !state.products.has(sku))
      return { ok: false, error: `unknown sku ${JSON.stringify(sku)}` };
    if (!Number.isInteger(quantity) || quantity <= 0)
      return { ok: false, error: `quantity of ${sku} must be a positive integer` };
    items.push({ sku, quantity });
  }
  return { ok: true, items };
}
