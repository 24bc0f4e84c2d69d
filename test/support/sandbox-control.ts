import { request } from 'undici';
import type { DemoData } from '../../sandbox/index.ts';

export interface RecordedCall {
  readonly endpoint: string;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  /** Null while the sandbox still holds the request (a hang fault). */
  readonly status: number | null;
  readonly requestId: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export interface FaultSpec {
  readonly endpoint: string;
  readonly mode: 'status' | 'after-effect' | 'hang' | 'delay' | 'reset';
  readonly count?: number;
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly delayMs?: number;
  readonly delayMaxMs?: number;
  readonly keepCart?: boolean;
  readonly afterEffect?: boolean;
}

export interface SandboxOrder {
  readonly orderReference: string;
  readonly cartId: string;
  readonly customerReference: string | null;
  readonly totals: { readonly grandTotal: number; readonly priceToPay?: number };
  readonly currency: string;
  readonly transactionId: string | null;
}

export interface SandboxTransaction {
  readonly transactionId: string;
  readonly methodKey: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: string;
  readonly cartId: string | null;
  /** The order the provider payment was confirmed or authorized for. */
  readonly orderReference: string | null;
  /** Whether the shopper approved it in the provider's widget (the demo page's PSP stand-in). */
  readonly shopperApproved: boolean;
}

/** The cart id a recorded Glue call's JSON:API body names (`idCart`), if any. */
export function idCartOf(body: unknown): string | undefined {
  return (body as { data?: { attributes?: { idCart?: string } } } | null)?.data?.attributes?.idCart;
}

/** The transaction id a recorded `/payment-cancellations` or `/checkout` body carries, if any. */
export function transactionIdOf(body: unknown): string | undefined {
  return (body as { data?: { attributes?: { preOrderPaymentData?: { transactionId?: string } } } } | null)?.data
    ?.attributes?.preOrderPaymentData?.transactionId;
}

/** The sandbox's control surface (sandbox only): arrange carts and customers, inject faults, read calls. */
export class SandboxControl {
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }

  private async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await request(`${this.url}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new Error(`sandbox ${method} ${path}: ${response.statusCode} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** The seeded demo data: the demo customer, guest and their carts. */
  demo() {
    return this.call<DemoData>('GET', '/demo');
  }

  createCustomer(attributes: Record<string, string> = {}) {
    return this.call<{ customerReference: string; email: string; password: string; accessToken: string }>(
      'POST',
      '/customers',
      attributes,
    );
  }

  async createGuestCart(anonymousId: string, items: readonly { sku: string; quantity: number }[]): Promise<string> {
    return (await this.call<{ cartId: string }>('POST', '/carts', { anonymousId, items })).cartId;
  }

  async createCustomerCart(
    customerReference: string,
    items: readonly { sku: string; quantity: number }[],
  ): Promise<string> {
    return (await this.call<{ cartId: string }>('POST', '/carts', { customerReference, items })).cartId;
  }

  async setItems(cartId: string, items: readonly { sku: string; quantity: number }[]): Promise<void> {
    await this.call('PUT', `/carts/${encodeURIComponent(cartId)}/items`, { items });
  }

  async calls(endpoint?: string): Promise<RecordedCall[]> {
    const query = endpoint ? `?endpoint=${encodeURIComponent(endpoint)}` : '';
    return (await this.call<{ calls: RecordedCall[] }>('GET', `/calls${query}`)).calls;
  }

  async count(endpoint: string): Promise<number> {
    return (await this.calls(endpoint)).length;
  }

  /** `POST /checkout` calls for this cart. */
  async checkoutsFor(cartId: string): Promise<RecordedCall[]> {
    return (await this.calls('POST /checkout')).filter((call) => idCartOf(call.body) === cartId);
  }

  /** `POST /payment-cancellations` calls that name this transaction. */
  async cancellationsFor(transactionId: string | null | undefined): Promise<RecordedCall[]> {
    return (await this.calls('POST /payment-cancellations')).filter(
      (call) => transactionIdOf(call.body) === transactionId,
    );
  }

  async fault(spec: FaultSpec): Promise<void> {
    await this.call('POST', '/faults', spec);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  async orders(): Promise<SandboxOrder[]> {
    return (await this.call<{ orders: SandboxOrder[] }>('GET', '/orders')).orders;
  }

  async transactions(): Promise<SandboxTransaction[]> {
    return (await this.call<{ transactions: SandboxTransaction[] }>('GET', '/transactions')).transactions;
  }
}
