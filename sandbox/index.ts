import type { AddressInfo } from 'node:net';
import type { SandboxContext } from './context.ts';
import { CallRecorder } from './control/calls.ts';
import { FaultRegistry } from './control/faults.ts';
import { catalogSummary, installCatalog, seedDemo } from './domain/seed.ts';
import { createSandboxServer } from './http/server.ts';
import { SandboxState } from './state.ts';
import type { DemoData } from './types.ts';

export type { DemoData } from './types.ts';

export interface SandboxOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed the demo customer, guest and carts (default true). The catalog is always there. */
  seed?: boolean;
  /** One line per Glue call and per internal error; silent by default. */
  log?: (line: string) => void;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:43123, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
  demo: DemoData;
}

/** With `seed: false` there is no demo customer or cart; those fields are empty strings. */
function unseededDemo(state: SandboxState): DemoData {
  return {
    customer: { email: '', password: '', customerReference: '', accessToken: '' },
    customerCartId: '',
    guest: { anonymousId: '' },
    guestCartId: '',
    ...catalogSummary(state),
  };
}

/**
 * Starts an in-memory simulation of the Spryker Glue Storefront API endpoints the gateway uses,
 * with a simulated payment provider and a /_sandbox control surface for tests.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState();
  installCatalog(state);
  const demo = options.seed === false ? unseededDemo(state) : seedDemo(state);
  const context: SandboxContext = {
    state,
    faults: new FaultRegistry(),
    calls: new CallRecorder(),
    demo,
    baseUrl: '',
    hanging: new Set(),
    log: options.log ?? (() => {}),
  };
  const server = createSandboxServer(context);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  context.baseUrl = `http://${urlHost}:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const response of context.hanging) response.socket?.destroy();
      context.hanging.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url: context.baseUrl, port, close, demo };
}
