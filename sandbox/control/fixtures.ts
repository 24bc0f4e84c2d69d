import { randomUUID } from 'node:crypto';
import { createCustomer } from '../domain/seed.ts';
import { issueAccessToken } from '../domain/tokens.ts';
import { parseItemList } from '../glue/handlers/cart-items.ts';
import { isRecord } from '../glue/validation.ts';
import type { SandboxState } from '../state.ts';
import type { CartOwner } from '../types.ts';

/** A control-surface answer: status and JSON body (undefined = no body). */
export interface ControlResult {
  readonly status: number;
  readonly body?: unknown;
}

function optionalString(input: Record<string, unknown>, name: string, fallback: string): string | { error: string } {
  const value = input[name];
  if (value === undefined) return fallback;
  return typeof value === 'string' && value !== '' ? value : { error: `${name} must be a non-empty string` };
}

/** `POST /_sandbox/customers`: a customer that can log in, with a ready access token. */
export function createCustomerFixture(state: SandboxState, input: unknown): ControlResult {
  const body = isRecord(input) ? input : {};
  const fields = {
    email: optionalString(body, 'email', `customer-${randomUUID().slice(0, 8)}@sandbox.test`),
    password: optionalString(body, 'password', 'change123'),
    firstName: optionalString(body, 'firstName', 'Test'),
    lastName: optionalString(body, 'lastName', 'Customer'),
    salutation: optionalString(body, 'salutation', 'Mr'),
  };
  for (const value of Object.values(fields)) if (typeof value !== 'string') return { status: 400, body: value };
  const values = fields as Record<keyof typeof fields, string>;
  if (state.customerByEmail(values.email))
    return { status: 409, body: { error: `a customer with email ${values.email} exists` } };
  const customer = createCustomer(state, values);
  const token = issueAccessToken(state, customer);
  return {
    status: 201,
    body: {
      customerReference: customer.customerReference,
      email: customer.email,
      password: customer.password,
      accessToken: token.accessToken,
    },
  };
}

/** `POST /_sandbox/carts`: a customer cart or a guest cart (exactly one owner) holding the items. */
export function createCartFixture(state: SandboxState, input: unknown): ControlResult {
  const body = isRecord(input) ? input : {};
  const customerReference = body.customerReference;
  const anonymousId = body.anonymousId;
  const hasCustomer = typeof customerReference === 'string' && customerReference !== '';
  const hasGuest = typeof anonymousId === 'string' && anonymousId !== '';
  if (hasCustomer === hasGuest)
    return { status: 400, body: { error: 'give exactly one of customerReference or anonymousId' } };
  if (hasCustomer && !state.customers.has(customerReference))
    return { status: 404, body: { error: `unknown customer ${customerReference}` } };
  const items = parseItemList(state, body.items ?? []);
  if (!items.ok) return { status: 422, body: { error: items.error } };
  const owner: CartOwner = hasCustomer
    ? { kind: 'customer', customerReference: customerReference as string }
    : { kind: 'guest', anonymousId: anonymousId as string };
  const cart = state.createCart(owner, typeof body.name === 'string' ? body.name : 'Shopping cart');
  for (const item of items.items) state.addItem(cart, item.sku, item.quantity);
  return { status: 201, body: { cartId: cart.id } };
}

/** `PUT /_sandbox/carts/{id}/items`: replaces the items (a cart changed after payment initialization). */
export function replaceCartItems(state: SandboxState, cartId: string, input: unknown): ControlResult {
  const cart = state.carts.get(cartId);
  if (!cart) return { status: 404, body: { error: `unknown cart ${cartId}` } };
  const items = parseItemList(state, isRecord(input) ? input.items : undefined);
  if (!items.ok) return { status: 422, body: { error: items.error } };
  cart.items = [];
  for (const item of items.items) state.addItem(cart, item.sku, item.quantity);
  return { status: 200, body: { cartId, items: cart.items } };
}

export function deleteCart(state: SandboxState, cartId: string): ControlResult {
  return state.carts.delete(cartId) ? { status: 204 } : { status: 404, body: { error: `unknown cart ${cartId}` } };
}
