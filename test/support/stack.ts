import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { request } from 'undici';
import { startSandbox } from '../../sandbox/index.ts';
import { allSecretFields } from '../../src/adapters/psp/index.ts';
import { createAdapters, startBackgroundWork } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import { createGateway } from '../../src/gateway.ts';
import { createLogger } from '../../src/logger.ts';
import { useOnce } from './lifecycle.ts';
import { getTestRedisUrl, newKeyPrefix } from './redis.ts';
import { SandboxControl } from './sandbox-control.ts';
import { getSdk, type Sdk } from './sdk.ts';

export type { Sdk } from './sdk.ts';

export interface Stack {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  readonly sandboxUrl: string;
  readonly control: SandboxControl;
  /** Every log line the gateway wrote, as JSON text. */
  readonly logLines: string[];
  sdk(headers: Record<string, string>): Sdk;
  guestSdk(anonymousId: string): Sdk;
  customerSdk(accessToken: string): Sdk;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly store?: 'redis' | 'memory';
  readonly env?: Record<string, string>;
  /** Return before /readyz is 200 (for tests of an unready gateway). */
  readonly skipReadiness?: boolean;
}

/** A stack for the whole test file: started before its tests, closed after them. */
export function useStack(options: StackOptions = {}): Stack {
  return useOnce(
    () => startStack(options),
    (stack) => stack.close(),
  );
}

/** The real thing over real HTTP: the Glue sandbox, a gateway listening on a free port, real Redis. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sandbox = await startSandbox({ port: 0 });
  // Each stack its own outbox directory, as each host has its own disk; removed on close.
  const outboxDir = await mkdtemp(join(tmpdir(), 'hpg-outbox-'));
  const env: Record<string, string> = {
    OUTBOX_DIR: outboxDir,
    NODE_ENV: 'test',
    GLUE_BASE_URL: sandbox.url,
    GLUE_TIMEOUT_MS: '3000',
    PLACEMENT_LEASE_MS: '8000',
    LOG_LEVEL: 'debug',
    // Every test client is 127.0.0.1 and shares one Redis: limits are set explicitly where tested.
    RATE_LIMIT_INIT_PER_CLIENT: '100000/60',
    RATE_LIMIT_INIT_PER_CART: '1000/600',
    RATE_LIMIT_PLACE_PER_PAYMENT: '1000/600',
    // Stacks share the run's Redis: a key prefix of its own keeps each stack's sweeper to its own
    // payments (another stack's sweeper would send their cancellations to the wrong sandbox).
    ...(options.store === 'memory' ? {} : { REDIS_URL: getTestRedisUrl(), REDIS_KEY_PREFIX: newKeyPrefix() }),
    ...options.env,
  };
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.message);
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  // The production logger, redaction included, writing into the test's memory.
  const logger = createLogger(loaded.config.logLevel, allSecretFields(), sink);
  const adapters = createAdapters(loaded.config, sandbox.url, logger);
  const gateway = createGateway({ config: loaded.config, logger, adapters });
  // The release sweeper, as server.ts starts it next to the gateway.
  const background = startBackgroundWork({ config: loaded.config, adapters, logger });
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  if (!options.skipReadiness) await untilReady(url.replace(/\/graphql$/, '/readyz'));
  const sdk = (headers: Record<string, string>) => getSdk(url, headers);
  return {
    baseUrl: url.replace(/\/graphql$/, ''),
    url,
    sandboxUrl: sandbox.url,
    control: new SandboxControl(sandbox.url),
    logLines,
    sdk,
    guestSdk: (anonymousId) => sdk({ 'X-Anonymous-Customer-Unique-Id': anonymousId }),
    customerSdk: (accessToken) => sdk({ Authorization: `Bearer ${accessToken}` }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background.stop();
      await adapters.close();
      await sandbox.close();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the gateway's Redis connection is up, so a test's first request does not race it. */
async function untilReady(readyUrl: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await request(readyUrl).catch(() => null);
    const status = response?.statusCode;
    await response?.body.dump();
    if (status === 200) return;
    if (Date.now() > deadline)
      throw new Error(`gateway not ready after 10 s (${readyUrl} answered ${status ?? 'nothing'})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
