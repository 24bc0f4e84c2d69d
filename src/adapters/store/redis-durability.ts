import type { Redis } from 'ioredis';
import { isCluster, keySlot, type RedisClient } from './redis-client.ts';
import type { Script } from './redis-scripts.ts';

/**
 * Durable writes (docs/redis-keys.md, "Durable writes"). Redis replicates asynchronously: a master
 * that fails right after acknowledging a write can lose it when a replica takes over. A durable write
 * is therefore followed by `WAIT`, pipelined behind it on the same connection, and counts as written
 * only once enough replicas acknowledged it; fewer in time is an outage (the caller sees
 * "unavailable" and retries), never a write the next step may act on.
 */
export interface DurabilityOptions {
  /**
   * Acknowledgements a durable write needs (REDIS_MIN_REPLICAS_ACK). Null: 1 while the master that
   * takes the write has a replica, 0 (no WAIT) when it has none. In a cluster, a replica is one the
   * cluster lists for that master and has not marked failed, connected or not (see clusterReplicas);
   * elsewhere, one connected (`connected_slaves`).
   */
  readonly minReplicasAck?: number | null;
  /** How long WAIT waits; below the command timeout, so a late replica is a short count, not a timeout. */
  readonly waitTimeoutMs?: number;
}

/** One durable script call: a reply `wrote` says was written must reach the replicas asked for. */
export interface DurableWrite {
  readonly script: Script;
  /** A key of the call, for its slot (all its keys share one). */
  readonly key: string;
  readonly args: readonly (string | number)[];
  readonly wrote: (reply: unknown) => boolean;
}

export interface Durability {
  run(write: DurableWrite): Promise<unknown>;
}

const DEFAULT_WAIT_TIMEOUT_MS = 250;
/** How long a master's replica count is believed before it is asked again (on the next durable write). */
const REPLICAS_FRESH_MS = 5000;

export function createDurability(client: RedisClient, options: DurabilityOptions = {}): Durability {
  const timeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const configured = options.minReplicasAck ?? null;
  const masters = new Map<string, ReplicaCount>();
  /** The master that takes writes on `key`'s slot, with how many replicas it has. */
  const masterOf = (key: string): ReplicaCount | null => {
    let name = 'server';
    let node: Redis | undefined;
    if (isCluster(client)) {
      // Where the client sends the slot's commands (its slot table, refreshed on every MOVED).
      name = client.slots[keySlot(key)]?.[0] ?? '';
      node = client.nodes('master').find((candidate) => `${candidate.options.host}:${candidate.options.port}` === name);
      if (!node) return null;
    }
    let count = masters.get(name);
    if (!count) {
      count = replicaCount(node ? () => clusterReplicas(node) : () => connectedReplicas(client));
      masters.set(name, count);
    }
    return count;
  };
  return {
    async run({ script, key, args, wrote }) {
      const master = configured === null ? masterOf(key) : null;
      // Not knowing the slot's master yet (a cluster moving slots) is an outage like any other.
      if (configured === null && !master) throw new Error('store: no master known for a durable write');
      const needed = configured ?? Math.min(1, (await master?.current()) ?? 0);
      if (needed === 0) return script(...args);
      const { reply, acknowledged } = await script.waiting({ replicas: needed, timeoutMs }, ...args);
      // A refused compare-and-set wrote nothing: nothing to make durable.
      if (acknowledged >= needed || !wrote(reply)) return reply;
      // A replica may have gone: look again, so the next write asks for what is there.
      master?.stale();
      throw new Error(
        `store: ${acknowledged} of ${needed} replicas acknowledged a durable write within ${timeoutMs} ms`,
      );
    },
  };
}

interface ReplicaCount {
  current(): Promise<number>;
  stale(): void;
}

/** A server's (or a Sentinel-named master's) `connected_slaves`. */
async function connectedReplicas(server: RedisClient): Promise<number> {
  return Number(/(?:^|\n)connected_slaves:(\d+)/.exec(await server.info('replication'))?.[1] ?? 0);
}

/**
 * The replicas a cluster master has as `CLUSTER NODES` on it lists them, all but those marked
 * `fail`. Its `connected_slaves` would not do: a replica whose link is down (partitioned, too slow,
 * resyncing) drops out of it, yet it is the one most likely to be elected without the last writes
 * when the master dies, so writes must keep waiting for it (and fail) rather than go on unreplicated.
 */
async function clusterReplicas(master: Redis): Promise<number> {
  const nodes = String(await master.call('CLUSTER', 'NODES'))
    .split('\n')
    .map((line) => line.split(' '));
  const self = nodes.find((fields) => fields[2]?.split(',').includes('myself'))?.[0];
  if (!self) throw new Error('store: CLUSTER NODES names no node as myself');
  return nodes.filter((fields) => fields[3] === self && !fields[2]?.split(',').includes('fail')).length;
}

/**
 * A master's replica count: asked on its first durable write, then believed for a few seconds
 * and asked again behind the next one (a failed look keeps the old count).
 */
function replicaCount(count: () => Promise<number>): ReplicaCount {
  let known: { readonly value: number; readonly at: number } | null = null;
  let asking: Promise<number> | null = null;
  const ask = (): Promise<number> => {
    asking ??= count()
      .then((value) => {
        known = { value, at: Date.now() };
        return value;
      })
      .finally(() => {
        asking = null;
      });
    return asking;
  };
  return {
    async current() {
      if (!known) return ask();
      if (Date.now() - known.at > REPLICAS_FRESH_MS) ask().catch(() => {});
      return known.value;
    },
    stale() {
      if (known) known = { value: known.value, at: 0 };
    },
  };
}
