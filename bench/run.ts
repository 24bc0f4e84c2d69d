/**
 * `npm run bench` (issue 9): the sandbox Glue with a fixed added latency, an own redis-server and the
 * gateway on a CPU of its own; this process loads it. Each operation runs as "direct" (our Glue
 * client making exactly the calls the gateway makes, the limit) and through the gateway,
 * alternating, and the medians go to BENCHMARKS.md. BENCH_QUICK=1 for a short run.
 */
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { Pool, request } from 'undici';
import { GLUE_ENDPOINTS } from '../sandbox/glue/routes.ts';
import { storeKeys } from '../src/adapters/store/keys.ts';
import { startRedisServer } from '../test/support/redis-server.ts';
import { DirectClient, type DirectItem } from './direct.ts';
import { GatewayClient, type PreparedPayment } from './gateway-client.ts';
import { fillLivePayments } from './live-payments.ts';
import { PassthroughClient } from './passthrough-client.ts';
import { cpuMicros, pinning, rssMb, startChild } from './processes.ts';
import { startDelayProxy } from './redis-delay-proxy.ts';
import { type Figures, type LiveRow, type Row, type ScaleRow, writeReport } from './report.ts';
import { closedLoop, median, summarize } from './stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const LATENCY_MS = Number(process.env.BENCH_GLUE_LATENCY_MS ?? 20);
const SECONDS = QUICK ? 2 : 5;
const ROUNDS = QUICK ? 1 : 2;
const HEADLINE_CONNECTIONS = 50;
const SWEEP = QUICK ? [1, 50] : [1, 10, 50, 200];
/** Passthrough is measured where the targets are (1 and 50 connections), to keep the run short. */
const PASSTHROUGH_AT = new Set([1, HEADLINE_CONNECTIONS]);
const LIVE_LEVELS = QUICK ? [1_000, 10_000] : [1_000, 100_000];
const started = Date.now();

// This process (load generator), the sandbox and Redis on CPU 0; the gateway alone on CPU 1.
const load = pinning(0);
if (load.length > 0) execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
const redis = await startRedisServer();
const sandbox = await startChild(
  [...load, process.execPath, 'sandbox/main.ts'],
  { SANDBOX_PORT: '0' },
  /Use it as GLUE_BASE_URL=(\S+)/,
);
const glueUrl = sandbox.match[1] ?? '';
for (const endpoint of GLUE_ENDPOINTS) {
  if (endpoint.startsWith('GET /_') || endpoint.includes('_sandbox')) continue;
  await request(`${glueUrl}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint, mode: 'delay', delayMs: LATENCY_MS, count: 1_000_000_000 }),
  }).then((answer) => answer.body.text());
}
const freePort = () => 40_000 + Math.floor(Math.random() * 20_000);
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [];
/** Extra node flags for the gateway (e.g. heap limits), to measure what they change. */
const gatewayFlags = (process.env.BENCH_GATEWAY_NODE_FLAGS ?? '').split(' ').filter(Boolean);
/** `node src/server.ts` as production runs it, on the given CPU. */
function startGateway(cpu: number, port: number, env: Record<string, string> = {}) {
  return startChild(
    [...pinning(cpu), process.execPath, ...profile, ...gatewayFlags, 'src/server.ts'],
    {
      GLUE_BASE_URL: glueUrl,
      REDIS_URL: redis.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      OWNER_KEY_SECRET: 'bench-owner-key-secret-0123456789abcdef',
      LOG_LEVEL: 'info',
      RATE_LIMIT_INIT_PER_CART: '1000000/60',
      RATE_LIMIT_INIT_PER_CLIENT: '1000000000/60',
      RATE_LIMIT_PLACE_PER_PAYMENT: '1000000/60',
      ...env,
    },
    /gateway listening/,
  );
}
const port = freePort();
const gateway = await startGateway(1, port);
const passthroughPort = freePort();
const passthrough = await startChild(
  [...pinning(1), process.execPath, 'bench/passthrough-server.ts'],
  { GLUE_BASE_URL: glueUrl, PORT: String(passthroughPort) },
  /passthrough listening/,
);
const gatewayPid = gateway.child.pid ?? 0;
const redisClient = new Redis(redis.url);
const gatewayClient = new GatewayClient(new Pool(`http://127.0.0.1:${port}`, { connections: 256 }), glueUrl);
const direct = new DirectClient(glueUrl);
const passthroughClient = new PassthroughClient(
  new Pool(`http://127.0.0.1:${passthroughPort}`, { connections: 256 }),
  direct,
);
const pids: Record<Variant, number> = { gateway: gatewayPid, passthrough: passthrough.child.pid ?? 0, direct: 0 };

/** CPU (user + system) Redis has used so far, in µs (INFO cpu). */
async function redisCpuMicros(): Promise<number> {
  const info = await redisClient.info('cpu');
  const seconds = (name: string) => Number(info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'))?.[1] ?? 0);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6;
}

async function redisCommands(): Promise<number> {
  const info = await redisClient.info('commandstats');
  let calls = 0;
  for (const match of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) if (match[1] !== 'info') calls += Number(match[2]);
  return calls;
}

/**
 * Glue calls the gateway made so far, from its own metrics (the sandbox keeps only its last 20,000
 * calls). Label values hold braces (`GET /guest-carts/{id}`): the line is matched to its last `}`.
 */
async function glueCalls(): Promise<number> {
  const answer = await request(`http://127.0.0.1:${port}/metrics`);
  let calls = 0;
  for (const match of (await answer.body.text()).matchAll(/^glue_requests_total\{.*\} (\d+)$/gm))
    calls += Number(match[1]);
  return calls;
}

/** The gateway's V8 heap (used, total) and memory outside it, in MB, from its default metrics. */
async function heapFigures(): Promise<{ heapUsedMb: number; heapTotalMb: number; externalMb: number }> {
  const text = await (await request(`http://127.0.0.1:${port}/metrics`)).body.text();
  const value = (name: string) => Number(text.match(new RegExp(`^${name} (\\S+)`, 'm'))?.[1] ?? Number.NaN) / 2 ** 20;
  return {
    heapUsedMb: value('nodejs_heap_size_used_bytes'),
    heapTotalMb: value('nodejs_heap_size_total_bytes'),
    externalMb: value('nodejs_external_memory_bytes'),
  };
}

type Operation = 'initialize' | 'reinitialize' | 'placeOrder' | 'query';
type Variant = 'gateway' | 'direct' | 'passthrough';
const OPERATIONS: readonly Operation[] = ['initialize', 'reinitialize', 'placeOrder', 'query'];

/** How one request of a variant is sent (the gateway's through `client`, one of its processes). */
function sender(operation: Operation, variant: Variant, client: GatewayClient) {
  if (variant === 'direct') return (item: unknown) => direct.run(operation, item);
  if (variant === 'passthrough') return (item: unknown) => passthroughClient.run(operation, item as DirectItem);
  return (item: unknown) => client.run(operation, item as PreparedPayment);
}

/** Carts and payments for one timed window, prepared before it starts. */
async function prepare(operation: Operation, variant: Variant, count: number): Promise<unknown[]> {
  if (variant === 'direct') return direct.prepare(operation, count);
  if (variant === 'passthrough') return passthroughClient.prepare(operation, count);
  return gatewayClient.prepare(operation, count);
}

/** Re-initialize (unchanged cart) and the query can repeat on the same payment; the others need fresh ones. */
const REUSABLE = new Set<Operation>(['reinitialize', 'query']);
/** Closed loop: at most one Glue round of LATENCY_MS per request and connection, and ~1,000 req/s on a core. */
function itemsFor(operation: Operation, connections: number): number {
  const perSecond = Math.min((connections * 1000) / Math.max(1, 2 * LATENCY_MS), 1000);
  const wanted = Math.ceil(perSecond * SECONDS * 1.3) + 20;
  return REUSABLE.has(operation) ? Math.min(wanted, 400) : wanted;
}

/** CPU µs per second each server process spends with no request, measured before the load starts. */
const idleCpuPerSecond: Partial<Record<Variant, number>> = {};
async function measureIdle(): Promise<void> {
  const before = { gateway: cpuMicros(pids.gateway), passthrough: cpuMicros(pids.passthrough) };
  await new Promise((resolve) => setTimeout(resolve, 3000));
  idleCpuPerSecond.gateway = (cpuMicros(pids.gateway) - before.gateway) / 3;
  idleCpuPerSecond.passthrough = (cpuMicros(pids.passthrough) - before.passthrough) / 3;
  console.log(`idle CPU µs/s: ${JSON.stringify(idleCpuPerSecond)}`);
}

/** One timed window; `clients` spreads the gateway's load round-robin over several processes. */
async function measure(
  operation: Operation,
  variant: Variant,
  load: { readonly connections: number; readonly clients?: readonly GatewayClient[] },
): Promise<Figures> {
  const { connections, clients = [gatewayClient] } = load;
  const pool = await prepare(operation, variant, itemsFor(operation, connections));
  const reused = REUSABLE.has(operation);
  const senders = clients.map((client) => sender(operation, variant, client));
  let next = 0;
  const send = () => {
    const index = next++;
    const item = reused ? pool[index % pool.length] : pool[index];
    if (!item) return null;
    const run = senders[index % senders.length] ?? senders[0];
    return run ? () => run(item) : null;
  };
  const pid = pids[variant];
  const [cpu0, redis0, glue0, redisCpu0] = [
    pid ? cpuMicros(pid) : 0,
    await redisCommands(),
    await glueCalls(),
    await redisCpuMicros(),
  ];
  const window = await closedLoop(connections, SECONDS, send);
  const [cpu1, redis1, glue1, redisCpu1] = [
    pid ? cpuMicros(pid) : 0,
    await redisCommands(),
    await glueCalls(),
    await redisCpuMicros(),
  ];
  // What the process spends with no request (sweeper, timers) is not the operation's.
  const busy = cpu1 - cpu0 - (idleCpuPerSecond[variant] ?? 0) * window.seconds;
  const ops = window.completed;
  const summary = summarize(window);
  return {
    ...summary,
    cpuPerOp: pid && clients.length === 1 ? Math.max(0, busy) / ops : null,
    redisPerOp: variant === 'gateway' ? (redis1 - redis0) / ops : null,
    // Redis also serves the other gateway processes' sweepers, if any: a little high, never low.
    redisCpuPerOp: variant === 'gateway' ? (redisCpu1 - redisCpu0) / ops : null,
    // Direct and passthrough make by construction the calls the gateway made for the same operation.
    gluePerOp: variant === 'gateway' ? (glue1 - glue0) / ops : Number.NaN,
  };
}

function medians(samples: readonly Figures[]): Figures {
  const pick = (key: keyof Figures) => {
    const values = samples.map((sample) => sample[key]).filter((value): value is number => value !== null);
    return values.length ? median(values) : null;
  };
  return {
    rps: pick('rps') ?? 0,
    p50: pick('p50') ?? 0,
    p99: pick('p99') ?? 0,
    cpuPerOp: pick('cpuPerOp'),
    redisPerOp: pick('redisPerOp'),
    redisCpuPerOp: pick('redisCpuPerOp'),
    gluePerOp: pick('gluePerOp') ?? 0,
  };
}

/** Live pre-order payments in Redis now: entries of the release queue (one per live payment). */
async function livePayments(): Promise<number> {
  const sizes = await Promise.all(
    storeKeys()
      .releaseQueues()
      .map((key) => redisClient.zcard(key)),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Live payments made to exactly `total` or more (the gateway's own count as well), then measured. */
async function atLive(total: number): Promise<LiveRow[]> {
  const before = await livePayments();
  const started = Date.now();
  if (before < total) await fillLivePayments(redis.url, before, total);
  const live = await livePayments();
  console.log(`${live} live payments in Redis (${live - before} added in ${Date.now() - started} ms)`);
  const out: LiveRow[] = [];
  for (const operation of ['initialize', 'query'] as const) {
    out.push({ live, operation, gateway: await measure(operation, 'gateway', { connections: HEADLINE_CONNECTIONS }) });
  }
  return out;
}

/** What each round trip to Redis is made to cost while round trips are counted. */
const TRIP_DELAY_MS = 20;

/** Redis commands one request sends and the sequential round trips it waits for. */
interface RedisTraffic {
  readonly commands: number;
  readonly trips: number;
}

/**
 * Redis traffic per operation, exactly: a second gateway process (its release sweeper idle) whose
 * Redis sits behind a proxy holding every sent chunk TRIP_DELAY_MS (redis-delay-proxy.ts), and
 * sequential requests under MONITOR. Only commands through the proxy count (not those scripts
 * run, not this process's); commands less than half the delay apart went out together.
 */
async function redisTraffic(count = 40): Promise<Record<string, RedisTraffic>> {
  const proxy = await startDelayProxy(redis.url);
  const proxiedPort = freePort();
  const proxied = await startGateway(1, proxiedPort, { REDIS_URL: proxy.url, SWEEP_INTERVAL_MS: '3600000' });
  const client = new GatewayClient(new Pool(`http://127.0.0.1:${proxiedPort}`, { connections: 4 }), glueUrl);
  const out: Record<string, RedisTraffic> = {};
  for (const operation of OPERATIONS) {
    const items = await client.prepare(operation, count);
    const monitor = await redisClient.monitor();
    const times: number[] = [];
    const sources = proxy.sources();
    monitor.on('monitor', (time: string, _args: string[], source: string) => {
      if (!sources.has(source)) return;
      // MONITOR stamps each command with Redis's clock: seconds, then microseconds.
      const [seconds = '0', micros = '0'] = time.split('.');
      times.push(Number(seconds) * 1000 + Number(micros.padEnd(6, '0')) / 1000);
    });
    proxy.setDelay(TRIP_DELAY_MS);
    for (const item of items) await client.run(operation, item);
    // MONITOR's lines trail the replies a little.
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.setDelay(0);
    monitor.disconnect();
    const trips = times.filter((at, index) => index === 0 || at - (times[index - 1] ?? 0) > TRIP_DELAY_MS / 2);
    out[operation] = { commands: times.length / count, trips: trips.length / count };
  }
  proxied.child.kill('SIGTERM');
  await proxy.close();
  return out;
}

// Warm-up: JIT and connections, not measured.
for (const operation of OPERATIONS) await measure(operation, 'gateway', { connections: 10 });
for (const operation of OPERATIONS)
  if (operation !== 'query') await measure(operation, 'passthrough', { connections: 10 });

await measureIdle();
const warmRss = rssMb(gatewayPid);
const warmHeap = await heapFigures();
console.log(`after warm-up: gateway RSS ${warmRss.toFixed(0)} MB, ${JSON.stringify(warmHeap)}`);

// Before the load and the 100,000 live payments, while the sweeper has nothing to do.
const sent = await redisTraffic();
console.log(`Redis commands and round trips per operation: ${JSON.stringify(sent)}`);

const live: LiveRow[] = [];
const firstLive = LIVE_LEVELS[0] ?? 1_000;
live.push(...(await atLive(firstLive)));

const rows: Row[] = [];
for (const connections of SWEEP) {
  const rounds = connections === HEADLINE_CONNECTIONS ? ROUNDS : 1;
  for (const operation of OPERATIONS) {
    const samples: Record<Variant, Figures[]> = { gateway: [], direct: [], passthrough: [] };
    for (let round = 0; round < rounds; round += 1) {
      if (operation !== 'query') samples.direct.push(await measure(operation, 'direct', { connections: connections }));
      if (operation !== 'query' && PASSTHROUGH_AT.has(connections)) {
        samples.passthrough.push(await measure(operation, 'passthrough', { connections: connections }));
      }
      samples.gateway.push(await measure(operation, 'gateway', { connections: connections }));
    }
    const row: Row = {
      operation,
      connections,
      gateway: medians(samples.gateway),
      direct: samples.direct.length ? medians(samples.direct) : null,
      passthrough: samples.passthrough.length ? medians(samples.passthrough) : null,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
for (const total of LIVE_LEVELS.slice(1)) live.push(...(await atLive(total)));

// 1 vs 2 gateway processes sharing the gateway's core (this machine has 2: the other one is the load
// generator's, the sandbox's and Redis's): what running several processes on one Redis costs.
const scale: ScaleRow[] = [];
const secondPort = freePort();
const second = await startGateway(1, secondPort);
const secondClient = new GatewayClient(new Pool(`http://127.0.0.1:${secondPort}`, { connections: 256 }), glueUrl);
const scaleConnections = 2 * HEADLINE_CONNECTIONS;
for (const operation of ['initialize', 'placeOrder'] as const) {
  const one = await measure(operation, 'gateway', { connections: scaleConnections });
  const two = await measure(operation, 'gateway', {
    connections: scaleConnections,
    clients: [gatewayClient, secondClient],
  });
  scale.push({ operation, connections: scaleConnections, one, two });
  console.log(JSON.stringify(scale.at(-1)));
}
second.child.kill('SIGTERM');

const rss = rssMb(gatewayPid);
const heap = await heapFigures();
console.log(`gateway RSS ${rss.toFixed(0)} MB, ${JSON.stringify(heap)}`);
writeReport('BENCHMARKS.md', {
  rows,
  live,
  scale,
  commandsSent: sent,
  headlineConnections: HEADLINE_CONNECTIONS,
  latencyMs: LATENCY_MS,
  seconds: SECONDS,
  rounds: ROUNDS,
  pinned: load.length > 0,
  rssMb: rss,
  heap,
  warm: { rssMb: warmRss, heap: warmHeap },
  durationSeconds: (Date.now() - started) / 1000,
  quick: QUICK,
});
console.log(`BENCHMARKS.md written in ${Math.round((Date.now() - started) / 1000)} s`);
gateway.child.kill('SIGTERM');
passthrough.child.kill('SIGTERM');
sandbox.child.kill('SIGTERM');
redisClient.disconnect();
await redis.stop();
await new Promise((resolve) => setTimeout(resolve, 300));
process.exit(0);
