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
import { startRedisServer } from '../test/support/redis-server.ts';
import { DirectClient } from './direct.ts';
import { GatewayClient, type PreparedPayment } from './gateway-client.ts';
import { cpuMicros, pinning, rssMb, startChild } from './processes.ts';
import { type Row, writeReport } from './report.ts';
import { closedLoop, median, summarize } from './stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const LATENCY_MS = Number(process.env.BENCH_GLUE_LATENCY_MS ?? 20);
const SECONDS = QUICK ? 2 : 5;
const ROUNDS = QUICK ? 1 : 2;
const HEADLINE_CONNECTIONS = 50;
const SWEEP = QUICK ? [1, 50] : [1, 10, 50, 200];
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
const port = 40_000 + Math.floor(Math.random() * 20_000);
const gatewayCommand = [
  ...pinning(1),
  process.execPath,
  ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : []),
  'src/server.ts',
];
const gateway = await startChild(
  gatewayCommand,
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
  },
  /gateway listening/,
);
const gatewayPid = gateway.child.pid ?? 0;
const redisClient = new Redis(redis.url);
const gatewayClient = new GatewayClient(new Pool(`http://127.0.0.1:${port}`, { connections: 256 }), glueUrl);
const direct = new DirectClient(glueUrl);

async function redisCommands(): Promise<number> {
  const info = await redisClient.info('commandstats');
  let calls = 0;
  for (const match of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) if (match[1] !== 'info') calls += Number(match[2]);
  return calls;
}

/** Glue calls the gateway made so far, from its own metrics (the sandbox keeps only its last 20,000 calls). */
async function glueCalls(): Promise<number> {
  const answer = await request(`http://127.0.0.1:${port}/metrics`);
  let calls = 0;
  for (const match of (await answer.body.text()).matchAll(/^glue_requests_total\{[^}]*\} (\d+)/gm))
    calls += Number(match[1]);
  return calls;
}

type Operation = 'initialize' | 'reinitialize' | 'placeOrder' | 'query';
const OPERATIONS: readonly Operation[] = ['initialize', 'reinitialize', 'placeOrder', 'query'];

/** Inputs enough for one timed window at a generous rate, prepared before it starts. */
async function prepare(operation: Operation, variant: 'gateway' | 'direct', count: number) {
  if (variant === 'direct') return direct.prepare(operation, count);
  return gatewayClient.prepare(operation, count);
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuPerOp: number | null;
  redisPerOp: number | null;
  gluePerOp: number;
}

async function measure(operation: Operation, variant: 'gateway' | 'direct', connections: number): Promise<Measured> {
  const pool = await prepare(operation, variant, Math.max(200, connections * 4) * SECONDS * 8);
  let next = 0;
  const send = () => {
    const item = pool[next++];
    if (!item) return null;
    return variant === 'gateway'
      ? () => gatewayClient.run(operation, item as PreparedPayment)
      : () => direct.run(operation, item);
  };
  const [cpu0, redis0, glue0] = [cpuMicros(gatewayPid), await redisCommands(), await glueCalls()];
  const window = await closedLoop(connections, SECONDS, send);
  const [cpu1, redis1, glue1] = [cpuMicros(gatewayPid), await redisCommands(), await glueCalls()];
  const ops = window.completed;
  const summary = summarize(window);
  return {
    ...summary,
    cpuPerOp: variant === 'gateway' ? (cpu1 - cpu0) / ops : null,
    redisPerOp: variant === 'gateway' ? (redis1 - redis0) / ops : null,
    // Direct makes by construction the calls the gateway made for the same operation.
    gluePerOp: variant === 'gateway' ? (glue1 - glue0) / ops : Number.NaN,
  };
}

function medians(samples: readonly Measured[]): Measured {
  const pick = (key: keyof Measured) => {
    const values = samples.map((sample) => sample[key]).filter((value): value is number => value !== null);
    return values.length ? median(values) : null;
  };
  return {
    rps: pick('rps') ?? 0,
    p50: pick('p50') ?? 0,
    p99: pick('p99') ?? 0,
    cpuPerOp: pick('cpuPerOp'),
    redisPerOp: pick('redisPerOp'),
    gluePerOp: pick('gluePerOp') ?? 0,
  };
}

// Warm-up: JIT and connections, not measured.
for (const operation of OPERATIONS) await measure(operation, 'gateway', 10);

const rows: Row[] = [];
for (const connections of SWEEP) {
  const rounds = connections === HEADLINE_CONNECTIONS ? ROUNDS : 1;
  for (const operation of OPERATIONS) {
    const gatewaySamples: Measured[] = [];
    const directSamples: Measured[] = [];
    for (let round = 0; round < rounds; round += 1) {
      if (operation !== 'query') directSamples.push(await measure(operation, 'direct', connections));
      gatewaySamples.push(await measure(operation, 'gateway', connections));
    }
    const row: Row = {
      operation,
      connections,
      gateway: medians(gatewaySamples),
      direct: directSamples.length ? medians(directSamples) : null,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
const rss = rssMb(gatewayPid);
writeReport('BENCHMARKS.md', {
  rows,
  headlineConnections: HEADLINE_CONNECTIONS,
  latencyMs: LATENCY_MS,
  seconds: SECONDS,
  rounds: ROUNDS,
  pinned: load.length > 0,
  rssMb: rss,
  durationSeconds: (Date.now() - started) / 1000,
  quick: QUICK,
});
console.log(`BENCHMARKS.md written in ${Math.round((Date.now() - started) / 1000)} s`);
gateway.child.kill('SIGTERM');
sandbox.child.kill('SIGTERM');
redisClient.disconnect();
await redis.stop();
await new Promise((resolve) => setTimeout(resolve, 300));
process.exit(0);
