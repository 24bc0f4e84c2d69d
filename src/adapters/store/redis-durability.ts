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
   * takes the write has a replica, 0 (no WAIT) when it has none.
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
  const replicas = options.minReplicasAck ?? null;
  const count = isCluster(client) ? null : serverReplicas(client);
  const required = async (key: string): Promise<number> => {
    if (replicas !== null) return replicas;
    // A cluster client knows each slot's master and its healthy replicas (CLUSTER SLOTS leaves
    // failed ones out), refreshed on every MOVED and every few seconds.
    if (isCluster(client)) return (client.slots[keySlot(key)]?.length ?? 1) > 1 ? 1 : 0;
    return Math.min(1, (await count?.current()) ?? 0);
  };
  return {
    async run({ script, key, args, wrote }) {
      const needed = await required(key);
      if (needed === 0) return script(...args);
      const { reply, acknowledged } = await script.waiting({ replicas: needed, timeoutMs }, ...args);
      // A refused compare-and-set wrote nothing: nothing to make durable.
      if (acknowledged >= needed || !wrote(reply)) return reply;
      // A replica may have gone: look again, so the next write asks for what is there.
      if (isCluster(client)) client.refreshSlotsCache();
      else count?.stale();
      throw new Error(
        `store: ${acknowledged} of ${needed} replicas acknowledged a durable write within ${timeoutMs} ms`,
      );
    },
  };
}

/** `connected_slaves` of one server (or the master Sentinel names), asked again when older than a few seconds. */
function serverReplicas(client: RedisClient) {
  let known: { readonly value: number; readonly at: number } | null = null;
  let asking: Promise<number> | null = null;
  const ask = (): Promise<number> => {
    asking ??= client
      .info('replication')
      .then((text) => {
        const value = Number(/\r?\nconnected_slaves:(\d+)/.exec(`\n${text}`)?.[1] ?? 0);
        known = { value, at: Date.now() };
        return value;
      })
      .finally(() => {
        asking = null;
      });
    return asking;
  };
  return {
    async current(): Promise<number> {
      if (!known) return ask();
      // Stale: answer what was known and look again meanwhile (a failure keeps the old count).
      if (Date.now() - known.at > REPLICAS_FRESH_MS) ask().catch(() => {});
      return known.value;
    },
    stale() {
      if (known) known = { value: known.value, at: 0 };
    },
  };
}
