import type { SandboxContext } from '../context.ts';
import { approveByShopper, CARD_DECLINED, paymentBySecret } from '../domain/psp.ts';
import { matchTemplate } from '../glue/route.ts';
import type { ReceivedRequest } from '../http/io.ts';
import type { Transaction } from '../types.ts';
import { parseFault } from './faults.ts';
import {
  type ControlResult,
  createCartFixture,
  createCustomerFixture,
  deleteCart,
  replaceCartItems,
} from './fixtures.ts';

/** What a control route handler gets from the request: its path parameters, query and parsed JSON body. */
interface ControlRequest {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

interface ControlRoute {
  readonly method: string;
  readonly template: string;
  readonly handle: (context: SandboxContext, request: ControlRequest) => ControlResult;
}

/** What the provider's widget learns of a payment (never the amount's owner or the quote). */
function widgetView(transaction: Transaction) {
  return {
    transactionId: transaction.transactionId,
    amount: transaction.amount,
    currency: transaction.currency,
    status: transaction.status === 'canceled' ? 'canceled' : transaction.shopperApproved ? 'approved' : 'pending',
  };
}

function secretOf(body: unknown): { readonly secret: string; readonly cardNumber?: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { secret, cardNumber } = body as { secret?: unknown; cardNumber?: unknown };
  if (typeof secret !== 'string') return null;
  return typeof cardNumber === 'string' ? { secret, cardNumber } : { secret };
}

/** The sandbox-only control surface under /_sandbox (plain JSON, never recorded as Glue calls). */
const CONTROL_ROUTES: readonly ControlRoute[] = [
  { method: 'GET', template: '/_sandbox/demo', handle: (context) => ({ status: 200, body: context.demo }) },
  {
    method: 'POST',
    template: '/_sandbox/customers',
    handle: (context, { body }) => createCustomerFixture(context.state, body),
  },
  {
    method: 'POST',
    template: '/_sandbox/carts',
    handle: (context, { body }) => createCartFixture(context.state, body),
  },
  {
    method: 'PUT',
    template: '/_sandbox/carts/{id}/items',
    handle: (context, { params, body }) => replaceCartItems(context.state, params.id ?? '', body),
  },
  {
    method: 'DELETE',
    template: '/_sandbox/carts/{id}',
    handle: (context, { params }) => deleteCart(context.state, params.id ?? ''),
  },
  {
    method: 'GET',
    template: '/_sandbox/calls',
    handle: (context, { query }) => ({ status: 200, body: { calls: context.calls.list(query.get('endpoint')) } }),
  },
  {
    method: 'DELETE',
    template: '/_sandbox/calls',
    handle: (context) => {
      context.calls.clear();
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/_sandbox/faults',
    handle: (context) => ({ status: 200, body: { faults: context.faults.list() } }),
  },
  {
    method: 'POST',
    template: '/_sandbox/faults',
    handle: (context, { body }) => {
      const fault = parseFault(body);
      if (typeof fault === 'string') return { status: 400, body: { error: fault } };
      context.faults.add(fault);
      return { status: 201, body: { id: fault.id } };
    },
  },
  {
    method: 'DELETE',
    template: '/_sandbox/faults',
    handle: (context) => {
      context.faults.clear();
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/_sandbox/orders',
    handle: (context) => ({
      status: 200,
      body: {
        orders: [...context.state.orders.values()].map((order) => ({
          orderReference: order.orderReference,
          cartId: order.cartId,
          customerReference: order.customerReference,
          anonymousId: order.anonymousId,
          totals: order.totals,
          currency: order.currency,
          paymentMethodName: order.paymentMethodName,
          paymentProviderName: order.paymentProviderName,
          transactionId: order.transactionId,
          createdAt: new Date(order.createdAt).toISOString(),
        })),
      },
    }),
  },
  {
    method: 'GET',
    template: '/_sandbox/transactions',
    handle: (context) => ({
      status: 200,
      body: {
        transactions: [...context.state.transactions.values()].map((transaction) => ({
          transactionId: transaction.transactionId,
          methodKey: transaction.methodKey,
          amount: transaction.amount,
          currency: transaction.currency,
          status: transaction.status,
          cartId: transaction.cartId,
          orderReference: transaction.orderReference,
          shopperApproved: transaction.shopperApproved,
        })),
      },
    }),
  },
  {
    // The simulated provider's widget API, called from the shopper's browser (CORS allowed).
    method: 'POST',
    template: '/_sandbox/psp/confirm',
    handle: (context, { body }) => {
      const input = secretOf(body);
      if (!input) return { status: 400, body: { error: 'body needs { secret, cardNumber? }' } };
      const approved = approveByShopper(context.state, input);
      if (approved.ok) return { status: 200, body: widgetView(approved.value) };
      return { status: approved.error === CARD_DECLINED ? 402 : 404, body: { error: approved.error } };
    },
  },
  {
    method: 'POST',
    template: '/_sandbox/psp/retrieve',
    handle: (context, { body }) => {
      const input = secretOf(body);
      if (!input) return { status: 400, body: { error: 'body needs { secret }' } };
      const found = paymentBySecret(context.state, input.secret);
      return found.ok ? { status: 200, body: widgetView(found.value) } : { status: 404, body: { error: found.error } };
    },
  },
  {
    method: 'POST',
    template: '/_sandbox/reset',
    handle: (context) => {
      context.calls.clear();
      context.faults.clear();
      return { status: 204 };
    },
  },
];

export function handleControl(context: SandboxContext, request: ReceivedRequest): ControlResult {
  const { method, url, rawBody } = request;
  let body: unknown = null;
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody) as unknown;
    } catch {
      return { status: 400, body: { error: 'body is not valid JSON' } };
    }
  }
  let pathKnown = false;
  for (const route of CONTROL_ROUTES) {
    const params = matchTemplate(route.template, url.pathname);
    if (!params) continue;
    if (route.method === method) return route.handle(context, { params, query: url.searchParams, body });
    pathKnown = true;
  }
  return pathKnown
    ? { status: 405, body: { error: `method ${method} not allowed` } }
    : { status: 404, body: { error: `no control route ${url.pathname}` } };
}
