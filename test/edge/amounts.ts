import { request } from 'undici';
import type { RecordedCall } from '../support/sandbox-control.ts';
import type { Stack } from '../support/stack.ts';

/**
 * The money guard, checked from Glue's side (not a test file itself): every `POST /payments` the
 * sandbox received must carry the total that Glue's own `POST /checkout-data` computes for the cart
 * and shipments the gateway asked about in that same request (docs/money.md). The total is
 * recomputed here by replaying that `/checkout-data` request against the sandbox, parsed without
 * the gateway's adapter, so a bug there cannot hide itself.
 */

interface JsonApiResource {
  readonly type?: string;
  readonly attributes?: { readonly totals?: { readonly priceToPay?: number; readonly grandTotal?: number } };
}

const IDENTITY_HEADERS = ['authorization', 'x-anonymous-customer-unique-id', 'accept-language'];

async function recomputedTotal(stack: Stack, call: RecordedCall): Promise<number | null> {
  const guest = call.headers.authorization === undefined;
  const headers: Record<string, string> = {
    'content-type': 'application/vnd.api+json',
    accept: 'application/vnd.api+json',
  };
  for (const name of IDENTITY_HEADERS) if (call.headers[name] !== undefined) headers[name] = call.headers[name];
  const response = await request(`${stack.sandboxUrl}/checkout-data?include=${guest ? 'guest-carts' : 'carts'}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(call.body),
  });
  const document = (await response.body.json()) as { included?: JsonApiResource[] };
  if (response.statusCode !== 200) return null;
  const cart = document.included?.find((resource) => resource.type === 'carts' || resource.type === 'guest-carts');
  const totals = cart?.attributes?.totals;
  return totals?.priceToPay ?? totals?.grandTotal ?? null;
}

const paymentAmount = (call: RecordedCall) =>
  (call.body as { data?: { attributes?: { payment?: { amount?: unknown } } } } | null)?.data?.attributes?.payment
    ?.amount;
const cartOf = (call: RecordedCall) => {
  const attributes = (call.body as { data?: { attributes?: { idCart?: string; quote?: { uuid?: string } } } } | null)
    ?.data?.attributes;
  return attributes?.idCart ?? attributes?.quote?.uuid;
};

export interface AmountAudit {
  /** `POST /payments` calls checked. */
  readonly payments: number;
  /** Request id → the total Glue computes for that request's cart and shipments. */
  readonly totals: ReadonlyMap<string, number>;
  readonly mismatches: readonly string[];
}

/** Checks every `POST /payments` made for a request whose id starts with `prefix`. */
export async function auditPaymentAmounts(stack: Stack, prefix: string): Promise<AmountAudit> {
  const calls = (await stack.control.calls()).filter((call) => call.requestId?.startsWith(prefix));
  const totals = new Map<string, number>();
  const mismatches: string[] = [];
  let payments = 0;
  for (const payment of calls.filter((call) => call.endpoint === 'POST /payments')) {
    payments += 1;
    const reads = calls.filter(
      (call) =>
        call.endpoint === 'POST /checkout-data' &&
        call.requestId === payment.requestId &&
        cartOf(call) === cartOf(payment),
    );
    const computed = (await Promise.all(reads.map((read) => recomputedTotal(stack, read)))).filter(
      (total) => total !== null,
    );
    const amount = paymentAmount(payment);
    if (typeof amount !== 'number' || !computed.includes(amount)) {
      mismatches.push(
        `${payment.requestId}: /payments amount ${String(amount)}, /checkout-data totals [${computed.join(', ')}]`,
      );
    }
    if (payment.requestId && computed[0] !== undefined) totals.set(payment.requestId, computed[0]);
  }
  return { payments, totals, mismatches };
}
