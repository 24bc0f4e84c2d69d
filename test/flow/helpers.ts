import { randomUUID } from 'node:crypto';
import type {
  CancelPreOrderPaymentMutation,
  InitializePreOrderPaymentMutation,
  PlaceOrderMutation,
} from '@headless-payment-gateway/client';
import { request } from 'undici';
import { anonymousId, customer, initializeInput, SKU } from '../support/fixtures.ts';
import type { Sdk, Stack } from '../support/stack.ts';

/** Shared arrangements for the flow tests in this folder (not a test file itself). */

type InitResult = InitializePreOrderPaymentMutation['initializePreOrderPayment'];
type PlaceResult = PlaceOrderMutation['placeOrder'];
type CancelResult = CancelPreOrderPaymentMutation['cancelPreOrderPayment'];

export type InitSuccess = Extract<InitResult, { __typename: 'InitializePreOrderPaymentSuccess' }>;
export type Payment = InitSuccess['preOrderPayment'];
export type PlaceSuccess = Extract<PlaceResult, { __typename: 'PlaceOrderSuccess' }>;
export type CancelSuccess = Extract<CancelResult, { __typename: 'CancelPreOrderPaymentSuccess' }>;

export function initSuccess(result: InitResult): InitSuccess {
  if (result.__typename !== 'InitializePreOrderPaymentSuccess')
    throw new Error(`expected InitializePreOrderPaymentSuccess, got ${JSON.stringify(result)}`);
  return result;
}

export function placeSuccess(result: PlaceResult): PlaceSuccess {
  if (result.__typename !== 'PlaceOrderSuccess')
    throw new Error(`expected PlaceOrderSuccess, got ${JSON.stringify(result)}`);
  return result;
}

export function cancelSuccess(result: CancelResult): CancelSuccess {
  if (result.__typename !== 'CancelPreOrderPaymentSuccess')
    throw new Error(`expected CancelPreOrderPaymentSuccess, got ${JSON.stringify(result)}`);
  return result;
}

/** A request id that the gateway accepts (`[A-Za-z0-9._:-]{1,128}`), unique per test. */
export const newRequestId = (): string => `req-${randomUUID()}`;

export interface GuestWithPayment {
  readonly anon: string;
  readonly cartId: string;
  readonly sdk: Sdk;
  readonly payment: Payment;
}

export async function guestWithCart(stack: Stack, quantity = 1) {
  const anon = anonymousId();
  const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity }]);
  return { anon, cartId, sdk: stack.guestSdk(anon) };
}

export async function guestWithPayment(
  stack: Stack,
  quantity = 1,
  overrides: Record<string, unknown> = {},
): Promise<GuestWithPayment> {
  const { anon, cartId, sdk } = await guestWithCart(stack, quantity);
  const init = initSuccess(
    (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId, overrides) })).initializePreOrderPayment,
  );
  return { anon, cartId, sdk, payment: init.preOrderPayment };
}

export interface SandboxCustomer {
  readonly customerReference: string;
  readonly email: string;
  readonly password: string;
  readonly accessToken: string;
}

/** A fresh customer (own e-mail, own token) with a customer cart. */
export async function customerWithCart(stack: Stack, quantity = 1) {
  const account: SandboxCustomer = await stack.control.createCustomer();
  const cartId = await stack.control.createCustomerCart(account.customerReference, [{ sku: SKU, quantity }]);
  return { account, cartId, sdk: stack.customerSdk(account.accessToken) };
}

/** The customer part of an initialization input, matching the sandbox customer. */
export function customerInput(account: SandboxCustomer) {
  return customer({ email: account.email, firstName: 'Test', lastName: 'Customer', salutation: 'Mr' });
}

export async function customerWithPayment(stack: Stack, quantity = 1) {
  const { account, cartId, sdk } = await customerWithCart(stack, quantity);
  const init = initSuccess(
    (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId, { customer: customerInput(account) }) }))
      .initializePreOrderPayment,
  );
  return { account, cartId, sdk, payment: init.preOrderPayment };
}

/** Logs in through Glue itself (`POST /access-tokens`), as a storefront does: a second, distinct token. */
export async function logIn(stack: Stack, email: string, password: string): Promise<string> {
  const response = await request(`${stack.sandboxUrl}/access-tokens`, {
    method: 'POST',
    headers: { accept: 'application/vnd.api+json', 'content-type': 'application/vnd.api+json' },
    body: JSON.stringify({ data: { type: 'access-tokens', attributes: { username: email, password } } }),
  });
  const body = (await response.body.json()) as { data?: { attributes?: { accessToken?: string } } };
  const token = body.data?.attributes?.accessToken;
  if (response.statusCode !== 201 || !token)
    throw new Error(`login failed: ${response.statusCode} ${JSON.stringify(body)}`);
  return token;
}

export async function transactionStatus(stack: Stack, transactionId: string | null): Promise<string | undefined> {
  return (await stack.control.transactions()).find((transaction) => transaction.transactionId === transactionId)
    ?.status;
}

/** A syntactically valid pre-order payment id that no payment has. */
export const unknownPaymentId = (): string => `pop_${'0'.repeat(16)}_${randomUUID().replaceAll('-', '').slice(0, 22)}`;

/** GraphQL over raw HTTP (no client library), for checks on status codes, headers and top-level errors. */
export async function rawGraphQL(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: JSON.parse(text) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}
