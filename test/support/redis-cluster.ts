import { spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { useOnce } from './lifecycle.ts';
import { type RedisServer, startRedisServer } from './redis-server.ts';

/**
 * A private Redis Cluster for tests: masters with a replica each, every node its own
 * redis-server (redis-server.ts: own port and directory, AOF fsynced on every write), joined by
 * `redis-cli --cluster create`. Handles find which master serves a slot and kill it, so failover
 * can be tested without touching any Redis someone else uses. Start one per test file (a few
 * seconds), never per test.
 */

export interface RedisClusterOptions {
  /** Default 3. */
  readonly masters?: number;
  /** Default 1. */
  readonly replicasPerMaster?: number;
  /** How long a silent node takes to count as failed (and its replica to take over); default 1500 ms. */
  readonly nodeTimeoutMs?: number;
}

export interface RedisCluster {
  readonly nodes: readonly RedisServer[];
  /** `127.0.0.1:<port>,...` as REDIS_CLUSTER_NODES takes it. */
  readonly startupNodes: string;
  /** The startup nodes as createRedisClusterClient takes them. */
  readonly addresses: readonly { readonly host: string; readonly port: number }[];
  /** The slot of a key as the cluster computes it (`CLUSTER KEYSLOT`). */
  slotOf(key: string): Promise<number>;
  /** The node serving a slot as master now, as a live node sees it. */
  masterOf(slot: number): Promise<RedisServer>;
  /** The replicas of a master, as a live node sees them. */
  replicasOf(master: RedisServer): Promise<RedisServer[]>;
  /** SIGKILLs a node (a crash); it stays down. */
  kill(node: RedisServer): Promise<void>;
  /** One command on one node, not redirected (INFO, CONFIG SET, ... on the node a test chose). */
  command(node: RedisServer, ...command: [string, ...string[]]): Promise<unknown>;
  /**
   * Until every live node answers `cluster_state:ok` with all slots served, all agree on who
   * serves them, and every live replica is in sync with its master.
   */
  untilHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const REDIS_CLUSTER_TOOLS_MISSING =
  'redis-server or redis-cli not found: install them (apt-get install -y redis-server) to run the Redis Cluster tests';

let tools: string | undefined;
/** '' when redis-server and redis-cli both run here; otherwise why the Redis Cluster tests are skipped. */
export function redisClusterUnavailable(): string {
  tools ??= ['redis-server', 'redis-cli'].every(
    (binary) => spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0,
  )
    ? ''
    : REDIS_CLUSTER_TOOLS_MISSING;
  return tools;
}

/** A describe block that runs where redis-server and redis-cli are installed, and is skipped saying why elsewhere. */
export function describeOnRedisCluster(name: string, body: () => void): void {
  const missing = redisClusterUnavailable();
  describe.skipIf(missing !== '')(missing ? `${name} (skipped: ${missing})` : name, body);
}

const ALL_SLOTS = 16384;

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 1;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 1500;
  const started = await Promise.allSettled(
    Array.from({ length: masters * (replicas + 1) }, () =>
      startRedisServer({ appendOnly: true, cluster: { nodeTimeoutMs } }),
    ),
  );
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const killed = new Set<RedisServer>();
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }

  const live = () => nodes.filter((node) => !killed.has(node));
  const byPort = (port: number) => {
    const node = nodes.find((candidate) => candidate.port === port);
    if (!node) throw new Error(`no node of this cluster listens on ${port}`);
    return node;
  };
  /** The slot ranges and their nodes (master first) as a live node answers `CLUSTER SLOTS`. */
  const slotTable = async (node = live()[0]) => {
    if (!node) throw new Error('no live node');
    const ranges = (await ask(node.port, 'CLUSTER', 'SLOTS')) as [number, number, ...[string, number, string][]][];
    return ranges
      .map(([from, to, ...servers]) => ({ from, to, ports: servers.map((server) => server[1]) }))
      .sort((a, b) => a.from - b.from);
  };

  const cluster: RedisCluster = {
    nodes,
    startupNodes: nodes.map((node) => `127.0.0.1:${node.port}`).join(','),
    addresses: nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
    async slotOf(key) {
      const node = live()[0];
      if (!node) throw new Error('no live node');
      return Number(await ask(node.port, 'CLUSTER', 'KEYSLOT', key));
    },
    async masterOf(slot) {
      const range = (await slotTable()).find((candidate) => candidate.from <= slot && slot <= candidate.to);
      const port = range?.ports[0];
      if (port === undefined) throw new Error(`slot ${slot} is not served`);
      return byPort(port);
    },
    async replicasOf(master) {
      const lines = String(await ask(live()[0]?.port ?? master.port, 'CLUSTER', 'NODES'))
        .trim()
        .split('\n');
      const id = lines.find((line) => line.split(' ')[1]?.startsWith(`127.0.0.1:${master.port}@`))?.split(' ')[0];
      return lines
        .map((line) => line.split(' '))
        .filter((fields) => fields[3] === id && !fields[2]?.includes('fail'))
        .map((fields) => byPort(Number(fields[1]?.split(':')[1]?.split('@')[0])));
    },
    async kill(node) {
      killed.add(node);
      await node.kill();
    },
    command: (node, ...command) => ask(node.port, ...command),
    async untilHealthy(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let why = '';
      for (;;) {
        why = await unhealthy(live(), slotTable).catch((error: unknown) => String(error));
        if (why === '') return;
        if (Date.now() > deadline) throw new Error(`Redis Cluster not healthy after ${timeoutMs} ms: ${why}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop,
  };

  try {
    await create(
      nodes.map((node) => `127.0.0.1:${node.port}`),
      replicas,
    );
    await cluster.untilHealthy();
  } catch (error) {
    await stop();
    throw error;
  }
  return cluster;
}

/** A Redis Cluster for the whole test file: started before its tests, stopped after them. */
export function useRedisCluster(options: RedisClusterOptions = {}): RedisCluster {
  return useOnce(
    () => startRedisCluster(options),
    (cluster) => cluster.stop(),
  );
}

/** `redis-cli --cluster create`: the first nodes become masters, the others their replicas. */
function create(addresses: readonly string[], replicas: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-cli',
      ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`redis-cli --cluster create exited ${code}:\n${output}`)),
    );
  });
}

/** '' when healthy (see untilHealthy), else what is not yet. */
async function unhealthy(
  nodes: readonly RedisServer[],
  slotTable: (node: RedisServer) => Promise<{ from: number; to: number; ports: number[] }[]>,
): Promise<string> {
  const tables = new Set<string>();
  for (const node of nodes) {
    const info = String(await ask(node.port, 'CLUSTER', 'INFO'));
    if (!/cluster_state:ok/.test(info)) return `${node.port}: cluster_state is not ok`;
    if (!new RegExp(`cluster_slots_ok:${ALL_SLOTS}\\b`).test(info)) return `${node.port}: not all slots ok`;
    const replication = String(await ask(node.port, 'INFO', 'replication'));
    if (/role:slave/.test(replication) && !/master_link_status:up/.test(replication))
      return `${node.port}: replica not in sync`;
    // Masters only: replicas a node still believes in may differ for a moment after a failover.
    tables.add(JSON.stringify((await slotTable(node)).map(({ from, to, ports }) => [from, to, ports[0]])));
  }
  return tables.size === 1 ? '' : 'nodes disagree on who serves the slots';
}

/** One command on one node over a connection of its own (no retries, no cluster redirection). */
async function ask(port: number, ...command: [string, ...string[]]): Promise<unknown> {
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await redis.call(...command);
  } finally {
    redis.disconnect();
  }
}
