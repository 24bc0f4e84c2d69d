import { request } from 'undici';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/index.ts';
import { address, customer } from '../support/fixtures.ts';
import { useOnce } from '../support/lifecycle.ts';

/** The sandbox for the whole test file: started before its tests, closed after them. */
export function useSandbox(options?: SandboxOptions): Sandbox {
  return useOnce(
    () => startSandbox(options),
    (sandbox) => sandbox.close(),
  );
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests navigate arbitrary JSON:API documents; assertions check the shapes.
  json: any;
}

/** One Glue call: method, path (with any query) and what to send. */
export interface GlueRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  /** A raw body string, sent as is (for malformed-JSON cases). */
  readonly rawBody?: string;
  readonly token?: string;
  readonly anonymousId?: string;
  readonly headers?: Record<string, string>;
  /** false: send no Accept header. */
  readonly accept?: boolean;
  readonly timeoutMs?: number;
}

/** One control-surface call: method, path below /_sandbox and the JSON body, if any. */
export interface ControlRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
}

async function toAnswer(response: Awaited<ReturnType<typeof request>>): Promise<HttpAnswer> {
  const text = await response.body.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/** One Glue call with the headers a storefront client sends. */
export async function glue(sandbox: Sandbox, call: GlueRequest): Promise<HttpAnswer> {
  const { method, path } = call;
  const headers: Record<string, string> = {};
  if (call.accept !== false) headers.accept = 'application/vnd.api+json';
  if (call.body !== undefined || call.rawBody !== undefined) headers['content-type'] = 'application/vnd.api+json';
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.anonymousId) headers['x-anonymous-customer-unique-id'] = call.anonymousId;
  Object.assign(headers, call.headers ?? {});
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const timeouts = call.timeoutMs === undefined ? {} : { headersTimeout: call.timeoutMs, bodyTimeout: call.timeoutMs };
  return toAnswer(
    await request(`${sandbox.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }), ...timeouts }),
  );
}

/** A control-surface call (plain JSON). */
export async function control(sandbox: Sandbox, call: ControlRequest): Promise<HttpAnswer> {
  const { method, path, body } = call;
  const options =
    body === undefined
      ? { method }
      : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return toAnswer(await request(`${sandbox.url}/_sandbox${path}`, options));
}

export function resource(type: string, attributes: unknown): { data: { type: string; attributes: unknown } } {
  return { data: { type, attributes } };
}

export const ADDRESS = address();

export const CUSTOMER = customer();

export const STRIPE = { paymentMethodName: 'Stripe', paymentProviderName: 'Stripe' };
export const PAYPAL_EXPRESS = { paymentMethodName: 'PayPal Express', paymentProviderName: 'payone' };
export const INVOICE = { paymentMethodName: 'Invoice', paymentProviderName: 'DummyPayment' };

/** `shipments[]` covering the given SKUs with one method. */
export function shipments(skus: string[], idShipmentMethod = 1): unknown[] {
  return [{ items: skus, shippingAddress: ADDRESS, idShipmentMethod }];
}

export function checkoutAttributes(
  idCart: string,
  payment: object,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    idCart,
    customer: CUSTOMER,
    billingAddress: ADDRESS,
    payments: [payment],
    shipments: shipments(['066_23294028']),
    ...extra,
  };
}

export function paymentAttributes(
  payment: object,
  amount: number,
  preOrderPaymentData?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    payment: { ...payment, amount },
    quote: {
      customer: CUSTOMER,
      billingAddress: { iso2Code: 'DE' },
      currency: { code: 'EUR' },
      priceMode: 'GROSS_MODE',
    },
    ...(preOrderPaymentData === undefined ? {} : { preOrderPaymentData }),
  };
}

/** One `POST /payments`: the method, the amount, the stored map on a re-initialization, and who pays. */
export interface PaymentCall {
  readonly payment: object;
  readonly amount: number;
  readonly preOrderPaymentData?: Record<string, unknown>;
  /** A customer's token or a guest's anonymous id; neither when omitted. */
  readonly who?: Pick<GlueRequest, 'token' | 'anonymousId'>;
}

/** `POST /payments` with paymentAttributes(). */
export function postPayment(sandbox: Sandbox, call: PaymentCall): Promise<HttpAnswer> {
  return glue(sandbox, {
    method: 'POST',
    path: '/payments',
    ...call.who,
    body: resource('payments', paymentAttributes(call.payment, call.amount, call.preOrderPaymentData)),
  });
}

/** A fresh customer with a cart holding the items (control surface). */
export async function customerWithCart(
  sandbox: Sandbox,
  items = [{ sku: '066_23294028', quantity: 1 }],
): Promise<{ token: string; customerReference: string; cartId: string }> {
  const customer = (await control(sandbox, { method: 'POST', path: '/customers', body: {} })).json;
  const cart = (
    await control(sandbox, {
      method: 'POST',
      path: '/carts',
      body: { customerReference: customer.customerReference, items },
    })
  ).json;
  return { token: customer.accessToken, customerReference: customer.customerReference, cartId: cart.cartId };
}

/** A fresh guest with a cart holding the items (control surface). */
export async function guestWithCart(
  sandbox: Sandbox,
  items = [{ sku: '066_23294028', quantity: 1 }],
): Promise<{ anonymousId: string; cartId: string }> {
  const anonymousId = `guest-${Math.random().toString(36).slice(2)}`;
  const cart = (await control(sandbox, { method: 'POST', path: '/carts', body: { anonymousId, items } })).json;
  return { anonymousId, cartId: cart.cartId };
}

export function firstError(answer: HttpAnswer): { status: number; code?: string; detail: string } {
  return answer.json.errors[0];
}
