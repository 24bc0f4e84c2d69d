import { request } from 'undici';
import { type Sandbox, startSandbox } from '../../../sandbox/index.ts';
import { createGlueClient, type GlueClient } from '../../../src/adapters/glue/glue-client.ts';
import { createGlueHttp, type GlueHttp } from '../../../src/adapters/glue/http.ts';
import type { GlueResilienceOptions } from '../../../src/adapters/glue/resilience.ts';
import type { Caller } from '../../../src/domain/identity.ts';
import { useOnce } from '../../support/lifecycle.ts';

/** The Glue sandbox, our client against it over loopback, and the sandbox's control surface. */
export interface SandboxGlue {
  readonly sandbox: Sandbox;
  readonly http: GlueHttp;
  readonly glue: GlueClient;
  control(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  /** Arms one fault (`POST /_sandbox/faults`). */
  fault(fault: Record<string, unknown>): Promise<void>;
  /** A fresh guest with its own cart. */
  guestWithCart(items: { sku: string; quantity: number }[]): Promise<{ caller: Caller; cartId: string }>;
  /** A fresh customer with its own cart. */
  customerWithCart(
    items: { sku: string; quantity: number }[],
  ): Promise<{ caller: Caller; cartId: string; customerReference: string }>;
  close(): Promise<void>;
}

let counter = 0;

/** The sandbox and a client against it for the whole test file (see startSandboxGlue). */
export function useSandboxGlue(timeoutMs?: number, resilience?: GlueResilienceOptions | false): SandboxGlue {
  return useOnce(
    () => startSandboxGlue(timeoutMs, resilience),
    (env) => env.close(),
  );
}

/**
 * `resilience` is off unless asked for: most suites check how one Glue answer maps, and a retry
 * would turn a one-shot fault into a success. `resilience.test.ts` turns it on.
 */
export async function startSandboxGlue(
  timeoutMs = 1500,
  resilience: GlueResilienceOptions | false = false,
): Promise<SandboxGlue> {
  const sandbox = await startSandbox({ port: 0 });
  const http = createGlueHttp({ baseUrl: sandbox.url, timeoutMs, resilience });
  const glue = createGlueClient({ http });

  const control: SandboxGlue['control'] = async (method, path, body) => {
    const response = await request(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const created = async (path: string, body: unknown): Promise<Record<string, string>> => {
    const answer = await control('POST', path, body);
    if (answer.status !== 201)
      throw new Error(`sandbox ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as Record<string, string>;
  };

  return {
    sandbox,
    http,
    glue,
    control,
    async fault(fault) {
      await created('/_sandbox/faults', fault);
    },
    async guestWithCart(items) {
      counter += 1;
      const anonymousId = `glue-test-guest-${process.pid}-${counter}`;
      const { cartId } = await created('/_sandbox/carts', { anonymousId, items });
      return {
        caller: { identity: { kind: 'guest', anonymousId }, acceptLanguage: 'en', requestId: `req-${counter}` },
        cartId: cartId ?? '',
      };
    },
    async customerWithCart(items) {
      counter += 1;
      const customer = await created('/_sandbox/customers', {
        salutation: 'Mrs',
        firstName: 'Sonia',
        lastName: 'Wagner',
      });
      const customerReference = customer.customerReference ?? '';
      const { cartId } = await created('/_sandbox/carts', { customerReference, items });
      return {
        caller: {
          identity: { kind: 'customer', accessToken: customer.accessToken ?? '' },
          acceptLanguage: 'en',
          requestId: `req-${counter}`,
        },
        cartId: cartId ?? '',
        customerReference,
      };
    },
    async close() {
      await http.close();
      await sandbox.close();
    },
  };
}
