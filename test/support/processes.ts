import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { onTestFailed } from 'vitest';
import { useOnce } from './lifecycle.ts';
import { newKeyPrefix } from './redis.ts';
import { type RedisCluster, type RedisClusterOptions, startRedisCluster } from './redis-cluster.ts';
import { freePort, type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.ts';
import { SandboxControl } from './sandbox-control.ts';
import { getSdk, type Sdk } from './sdk.ts';

/**
 * Production-shaped multi-process stacks for resilience tests: the Glue sandbox as its own
 * process (`node sandbox/main.ts`), N gateway processes (`node src/server.ts`) configured only
 * through the environment, and a private redis-server the test may pause, kill and restart (or a
 * private Redis Cluster whose masters it may kill, redis-cluster.ts). Every process listens on
 * loopback only; every line a child writes is kept for assertions and printed when a test fails.
 * Whatever is started here is stopped by `close()` (and SIGKILLed if the test process exits
 * without it).
 */

export type { Sdk } from './sdk.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The Node that runs the tests (the devDependency's Node 24 under `npx vitest`): it runs .ts files. */
const NODE = process.execPath;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
/** Lines kept per process (oldest dropped first): enough to diagnose, bounded for long runs. */
const MAX_LINES = 20_000;

const alive = new Set<ChildProcess>();
// A crashed or interrupted run must not leave gateways or sandboxes behind.
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Every stdout/stderr line so far (stderr lines prefixed with `[stderr] `). */
  readonly lines: readonly string[];
  readonly exited: Promise<ExitInfo>;
  running(): boolean;
  /** Sends a signal; for SIGKILL/SIGTERM/SIGINT waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
  /** The last `count` lines, for failure output. */
  tail(count?: number): string;
}

/**
 * `node <args>` from the repository root, its lines kept. `exited` resolves once its output is
 * read to the end, so the lines are complete by then.
 */
export function spawnManaged(name: string, args: readonly string[], env: Record<string, string>): ManagedProcess {
  const child = spawn(NODE, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  alive.add(child);
  const lines: string[] = [];
  const collect = (prefix: string) => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) if (line.trim() !== '') lines.push(prefix + line);
      if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
    };
  };
  child.stdout?.on('data', collect(''));
  child.stderr?.on('data', collect('[stderr] '));
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('close', (code, signal) => {
      alive.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      lines.push(`[spawn error] ${error.message}`);
      alive.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null && alive.has(child);

  async function kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!running()) return;
    child.kill(signal);
    if (signal === 'SIGKILL' || signal === 'SIGTERM' || signal === 'SIGINT') await exited;
  }

  return {
    name,
    pid: child.pid ?? -1,
    lines,
    exited,
    running,
    kill,
    async stop() {
      if (!running()) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
    tail(count = 200) {
      return lines
        .slice(-count)
        .map((line) => `  ${name} | ${line}`)
        .join('\n');
    },
  };
}

/** Waits for `ready()` to hold, or for the process to exit (then throws with its output). */
async function waitUntil(process_: ManagedProcess, what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let gone = false;
  void process_.exited.then(() => (gone = true));
  for (;;) {
    if (gone || !process_.running()) throw new Error(`${process_.name} exited before ${what}:\n${process_.tail(60)}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      await process_.stop();
      throw new Error(`${process_.name}: no ${what} within ${START_TIMEOUT_MS} ms:\n${process_.tail(60)}`);
    }
    await sleep(50);
  }
}

/** The environment a child gets: nothing inherited but what a process needs to run. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// Sandbox

export interface SandboxProcess extends ManagedProcess {
  /** e.g. http://127.0.0.1:43123 (Glue base URL). */
  readonly url: string;
  readonly control: SandboxControl;
}

/** `node sandbox/main.ts` on a free loopback port; resolves once it printed its URL and answers. */
export async function startSandboxProcess(name = 'sandbox'): Promise<SandboxProcess> {
  const child = spawnManaged(name, ['sandbox/main.ts'], {
    ...baseEnv(),
    SANDBOX_PORT: '0',
    SANDBOX_HOST: '127.0.0.1',
  });
  let url = '';
  await waitUntil(child, 'its listening line', async () => {
    const line = child.lines.find((candidate) => candidate.includes('Glue sandbox listening on '));
    const match = line ? /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line) : null;
    if (!match?.[1]) return false;
    url = match[1];
    const response = await request(`${url}/_sandbox/faults`);
    await response.body.dump();
    return response.statusCode === 200;
  });
  return Object.assign(child, { url, control: new SandboxControl(url) });
}

// ---------------------------------------------------------------------------------------------
// Gateways

export interface GatewayProcess extends ManagedProcess {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  readonly env: Readonly<Record<string, string>>;
  sdk(headers: Record<string, string>): Sdk;
  guestSdk(anonymousId: string): Sdk;
  customerSdk(accessToken: string): Sdk;
  /** GET /readyz status code (0 when nothing answered within the timeout). */
  readyz(timeoutMs?: number): Promise<number>;
  /** Parsed pino lines (non-JSON lines skipped). */
  logRecords(): Record<string, unknown>[];
}

/** What every gateway gets unless overridden: loopback only, quiet limits, one shared secret. */
export const GATEWAY_DEFAULT_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  GLUE_TIMEOUT_MS: '3000',
  PLACEMENT_LEASE_MS: '8000',
  RATE_LIMIT_INIT_PER_CLIENT: '100000/60',
  RATE_LIMIT_INIT_PER_CART: '100000/60',
  RATE_LIMIT_PLACE_PER_PAYMENT: '100000/60',
  OWNER_KEY_SECRET: 'resilience-tests-owner-key-secret-0123456789',
  LOG_LEVEL: 'info',
};

/** Where a gateway's Redis is: one server (REDIS_URL) or a Redis Cluster's startup nodes (REDIS_CLUSTER_NODES). */
export type GatewayRedis = { readonly url: string } | { readonly clusterNodes: string };

export interface GatewayOptions {
  readonly name: string;
  readonly glueBaseUrl: string;
  readonly redis: GatewayRedis;
  /** Added to (and overriding) GATEWAY_DEFAULT_ENV. */
  readonly env?: Record<string, string>;
}

/** `node src/server.ts` on its own free port; resolves once `/healthz` answers 200. */
export async function startGatewayProcess(options: GatewayOptions): Promise<GatewayProcess> {
  // A probed free port can be taken before the child binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const env = {
      ...GATEWAY_DEFAULT_ENV,
      GLUE_BASE_URL: options.glueBaseUrl,
      ...('url' in options.redis
        ? { REDIS_URL: options.redis.url }
        : { REDIS_CLUSTER_NODES: options.redis.clusterNodes }),
      ...options.env,
      PORT: String(port),
    };
    const child = spawnManaged(options.name, ['src/server.ts'], { ...baseEnv(), ...env });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitUntil(child, '/healthz', async () => {
        const response = await request(`${baseUrl}/healthz`, { headersTimeout: 1000, bodyTimeout: 1000 });
        await response.body.dump();
        return response.statusCode === 200;
      });
    } catch (error) {
      const portTaken = child.lines.some((line) => line.includes('EADDRINUSE'));
      await child.stop();
      if (portTaken && attempt < 3) continue;
      throw error;
    }
    const url = `${baseUrl}/graphql`;
    const sdk = (headers: Record<string, string>) => getSdk(url, headers);
    return Object.assign(child, {
      port,
      baseUrl,
      url,
      env,
      sdk,
      guestSdk: (anonymousId: string) => sdk({ 'X-Anonymous-Customer-Unique-Id': anonymousId }),
      customerSdk: (accessToken: string) => sdk({ Authorization: `Bearer ${accessToken}` }),
      readyz: (timeoutMs = 3000) => probe(`${baseUrl}/readyz`, timeoutMs),
      logRecords: () =>
        child.lines.flatMap((line) => {
          if (!line.startsWith('{')) return [];
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    });
  }
}

async function probe(url: string, timeoutMs: number): Promise<number> {
  try {
    const response = await request(url, {
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return response.statusCode;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The development server, as `npm start` runs it

export interface DevServer extends ManagedProcess {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** The embedded sandbox's Glue base URL (its control surface is under /_sandbox). */
  readonly sandboxUrl: string;
  readonly control: SandboxControl;
}

/**
 * `node src/server.ts` with nothing configured, as `npm start` runs it on a fresh machine: the
 * embedded Glue sandbox and the in-process store. Resolves once `/healthz` answers 200.
 */
export async function startDevServer(name = 'dev-server', env: Record<string, string> = {}): Promise<DevServer> {
  const port = await freePort();
  const child = spawnManaged(name, ['src/server.ts'], { ...baseEnv(), HOST: '127.0.0.1', ...env, PORT: String(port) });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil(child, '/healthz', async () => {
    const response = await request(`${baseUrl}/healthz`, { headersTimeout: 1000, bodyTimeout: 1000 });
    await response.body.dump();
    return response.statusCode === 200;
  });
  const line = child.lines.find((candidate) => candidate.includes('"sandboxUrl"'));
  const sandboxUrl = line ? (JSON.parse(line) as { sandboxUrl?: string }).sandboxUrl : undefined;
  if (!sandboxUrl) {
    await child.stop();
    throw new Error(`${name} printed no sandbox URL:\n${child.tail(40)}`);
  }
  return Object.assign(child, { baseUrl, sandboxUrl, control: new SandboxControl(sandboxUrl) });
}

/** A development server for the whole test file. */
export function useDevServer(env: Record<string, string> = {}): DevServer {
  return useOnce(
    () => startDevServer('dev-server', env),
    (server) => server.stop(),
  );
}

// ---------------------------------------------------------------------------------------------
// A whole stack

export interface ClusterOptions {
  /** Number of gateway processes started at once (default 3). */
  readonly gateways?: number;
  /** Environment for every gateway of this cluster (over GATEWAY_DEFAULT_ENV). */
  readonly env?: Record<string, string>;
  readonly redis?: RedisServerOptions;
}

/** The gateway processes and the sandbox of a stack, whichever Redis they share. */
export interface GatewayStack {
  /**
   * The OUTBOX_DIR every gateway of this cluster gets unless told otherwise: one directory per
   * cluster, as one host's disk would be (removed by close()).
   */
  readonly outboxDir: string;
  readonly sandbox: SandboxProcess;
  readonly control: SandboxControl;
  readonly gateways: readonly GatewayProcess[];
  /** Starts one more gateway on the same sandbox and Redis (stopped by close()). */
  addGateway(name: string, env?: Record<string, string>): Promise<GatewayProcess>;
  /** Every process's recent output, for a failing test. */
  tails(linesPerProcess?: number): string;
  /** Call at the start of a test: prints every process's output if the test fails. */
  printLogsOnFailure(): void;
  close(): Promise<void>;
}

/** The options of a stack, whichever Redis it has. */
export type GatewayStackOptions = Omit<ClusterOptions, 'redis'>;

/** A stack on one private redis-server. */
export interface Cluster extends GatewayStack {
  readonly redis: RedisServer;
}

/** A cluster for the whole test file: started before its tests, closed after them. */
export function useCluster(options: ClusterOptions = {}): Cluster {
  return useOnce(
    () => startCluster(options),
    (cluster) => cluster.close(),
  );
}

/** A private Redis, the sandbox process and N gateway processes sharing both. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const redis = await startRedisServer(options.redis ?? {});
  const stack = await startGatewayStack(options, { url: redis.url }, () => redis.stop());
  return { ...stack, redis };
}

export interface StackOnRedisClusterOptions extends GatewayStackOptions {
  /** The private Redis Cluster to start (and stop with the stack). */
  readonly redisCluster?: RedisClusterOptions;
  /**
   * Or a Redis Cluster already running, shared with other stacks and left running by close():
   * the stack's keys get a REDIS_KEY_PREFIX of their own, so no other stack's sweeper sees them.
   */
  readonly on?: RedisCluster;
}

/** A stack whose gateways share a Redis Cluster (REDIS_CLUSTER_NODES, no REDIS_URL). */
export interface StackOnRedisCluster extends GatewayStack {
  readonly redisCluster: RedisCluster;
}

/** A stack on a Redis Cluster for the whole test file: started before its tests, closed after them. */
export function useStackOnRedisCluster(options: StackOnRedisClusterOptions = {}): StackOnRedisCluster {
  return useOnce(
    () => startStackOnRedisCluster(options),
    (stack) => stack.close(),
  );
}

/** A Redis Cluster (redis-cluster.ts; a private one unless `on` names one), the sandbox and N gateway processes. */
export async function startStackOnRedisCluster(options: StackOnRedisClusterOptions = {}): Promise<StackOnRedisCluster> {
  const shared = options.on;
  const redisCluster = shared ?? (await startRedisCluster(options.redisCluster ?? {}));
  const stack = await startGatewayStack(
    shared ? { ...options, env: { REDIS_KEY_PREFIX: newKeyPrefix(), ...options.env } } : options,
    { clusterNodes: redisCluster.startupNodes },
    shared ? async () => {} : () => redisCluster.stop(),
  );
  return { ...stack, redisCluster };
}

/** The sandbox and the gateways on a Redis already started; `stopRedis` runs last in close(). */
async function startGatewayStack(
  options: GatewayStackOptions,
  redisTarget: GatewayRedis,
  stopRedis: () => Promise<void>,
): Promise<GatewayStack> {
  const processes: ManagedProcess[] = [];
  const outboxDir = await mkdtemp(join(tmpdir(), 'hpg-outbox-'));
  let sandbox: SandboxProcess | undefined;
  const gateways: GatewayProcess[] = [];
  const addGateway = async (name: string, env: Record<string, string> = {}) => {
    if (!sandbox) throw new Error('no sandbox');
    const gateway = await startGatewayProcess({
      name,
      glueBaseUrl: sandbox.url,
      redis: redisTarget,
      env: { OUTBOX_DIR: outboxDir, ...options.env, ...env },
    });
    processes.push(gateway);
    return gateway;
  };
  const close = async () => {
    await Promise.all(processes.map((process_) => process_.stop()));
    await stopRedis();
    await rm(outboxDir, { recursive: true, force: true });
  };
  try {
    sandbox = await startSandboxProcess();
    processes.push(sandbox);
    const count = options.gateways ?? 3;
    gateways.push(
      ...(await Promise.all(Array.from({ length: count }, (_, index) => addGateway(`gateway-${index + 1}`)))),
    );
  } catch (error) {
    await close();
    throw error;
  }
  const tails = (linesPerProcess = 80) =>
    processes
      .map(
        (process_) =>
          `--- ${process_.name} (pid ${process_.pid}${process_.running() ? '' : ', exited'}) ---\n${process_.tail(linesPerProcess)}`,
      )
      .join('\n');
  return {
    outboxDir,
    sandbox,
    control: sandbox.control,
    gateways,
    addGateway,
    tails,
    printLogsOnFailure() {
      onTestFailed(() => {
        console.log(`process output at failure:\n${tails()}`);
      });
    },
    close,
  };
}

// ---------------------------------------------------------------------------------------------
// Small shared helpers

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How a GraphQL call ended: the result's `__typename`, or why there was no result. */
export interface Answer<T> {
  readonly ms: number;
  readonly gateway: string;
  readonly result: T | null;
  /** HTTP status when the call failed at the transport or GraphQL level (0: no HTTP answer). */
  readonly failureStatus: number | null;
  readonly failure: string | null;
}

/** Runs one SDK call and records how long it took and how it ended, never throwing. */
export async function timed<T>(gateway: string, call: () => Promise<T>): Promise<Answer<T>> {
  const started = performance.now();
  try {
    const result = await call();
    return { ms: Math.round(performance.now() - started), gateway, result, failureStatus: null, failure: null };
  } catch (error) {
    const response = (error as { response?: { status?: number; errors?: unknown } }).response;
    const message = error instanceof Error ? error.message : String(error);
    return {
      ms: Math.round(performance.now() - started),
      gateway,
      result: null,
      failureStatus: response?.status ?? 0,
      failure: response?.errors ? JSON.stringify(response.errors) : message.slice(0, 500),
    };
  }
}
