import { Cluster, Command, Redis, type RedisOptions } from 'ioredis';
import { type StoreAnswer, unavailable } from '../../domain/ports/store-answer.ts';
import { ok } from '../../domain/result.ts';

/**
 * What every Redis adapter talks to: one server (given by URL, or the master Sentinel names) or a
 * Redis Cluster. Both take the same commands; the store's key layout (keys.ts) keeps every script
 * and every command on one slot, so nothing needs to know which it is.
 */
export type RedisClient = Redis | Cluster;

export interface RedisAddress {
  readonly host: string;
  readonly port: number;
}

/** Where the gateway's Redis is (config.ts reads it from REDIS_URL or REDIS_CLUSTER_NODES). */
export type RedisTarget =
  | { readonly kind: 'server'; readonly url: string }
  | {
      readonly kind: 'sentinel';
      readonly sentinels: readonly RedisAddress[];
      /** The master's name as the Sentinels know it. */
      readonly name: string;
      readonly username: string | null;
      readonly password: string | null;
    }
  | { readonly kind: 'cluster'; readonly nodes: readonly RedisAddress[] };

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** The Redis Cluster slot of a key (the hash tag rule included), as ioredis routes it. */
export function keySlot(key: string): number {
  return new Command('exists', [key]).getSlot();
}

export interface RedisClientOptions {
  /**
   * Receives connection errors (refused, reset, timeouts while reconnecting). They are expected
   * during an outage and the client recovers on its own, so they are reported, never thrown.
   */
  readonly onError?: (error: Error) => void;
  /** Per-command deadline; default 500 ms. */
  readonly commandTimeoutMs?: number;
}

/** Longest pause between reconnect attempts: Redis coming back is noticed within about this. */
const MAX_RECONNECT_DELAY_MS = 2000;

/** Capped exponential backoff with jitter; a number (never null) means "keep trying forever". */
const reconnectDelay = (attempt: number) =>
  Math.min(50 * 2 ** Math.min(attempt, 10), MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 50);

/** The fail-fast options every connection gets, to one server or to each node of a cluster. */
function failFast(options: RedisClientOptions) {
  return {
    // No command waits for a connection: while disconnected, every command is rejected at once.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
  } satisfies RedisOptions;
}

/**
 * A Redis client that fails fast instead of queueing: a request must answer "upstream
 * unavailable" within a second rather than hang while Redis is down. It keeps reconnecting with
 * capped backoff, so the process recovers without a restart once Redis is back.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  return reported(new Redis(url, serverOptions(options)), options);
}

function serverOptions(options: RedisClientOptions): RedisOptions {
  return {
    lazyConnect: false,
    ...failFast(options),
    // Commands issued in the same tick (concurrent requests, or one request's independent calls)
    // leave in one socket write: a write per command was the largest single cost in a profile.
    enableAutoPipelining: true,
    retryStrategy: reconnectDelay,
    // After a failover the old primary answers READONLY: reconnect to find the new one.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  };
}

/**
 * The client for a target: one server, the master a set of Sentinels names (ioredis asks them
 * again after a failover), or a Redis Cluster.
 */
export function connectRedis(target: RedisTarget, options: RedisClientOptions = {}): RedisClient {
  switch (target.kind) {
    case 'server':
      return createRedisClient(target.url, options);
    case 'sentinel':
      return reported(
        new Redis({
          ...serverOptions(options),
          sentinels: target.sentinels.map(({ host, port }) => ({ host, port })),
          name: target.name,
          ...(target.username === null ? {} : { username: target.username }),
          ...(target.password === null ? {} : { password: target.password }),
          // While no Sentinel answers, keep asking them (the same backoff as reconnects).
          sentinelRetryStrategy: reconnectDelay,
        }),
        options,
      );
    case 'cluster':
      return createRedisClusterClient(target.nodes, options);
  }
}

/**
 * A Redis Cluster client, fail-fast like createRedisClient: no offline queue, the same command
 * timeout on every node, reconnecting forever with backoff. Reads go to masters too
 * (`scaleReads: 'master'`): a replica may lag behind a compare-and-set just written.
 */
export function createRedisClusterClient(nodes: readonly RedisAddress[], options: RedisClientOptions = {}): Cluster {
  const { enableOfflineQueue, ...perNode } = failFast(options);
  const cluster = new Cluster(
    nodes.map(({ host, port }) => ({ host, port })),
    {
      enableOfflineQueue,
      scaleReads: 'master',
      clusterRetryStrategy: reconnectDelay,
      // A command whose connection closed may have run: sending it again could apply a write twice
      // behind the use case's back. It answers "unavailable" instead, as on a single server, and the
      // use case decides from what the store holds. (MOVED, ASK, TRYAGAIN and CLUSTERDOWN mean the
      // command did not run: those are still followed, within the command timeout.)
      retryDelayOnFailover: 0,
      slotsRefreshTimeout: 1000,
      redisOptions: perNode,
    },
  );
  return reported(cluster, options);
}

/** Without a listener an 'error' event would crash the process; the caller decides what to log. */
function reported<T extends RedisClient>(client: T, options: RedisClientOptions): T {
  client.on('error', (error: Error) => options.onError?.(error));
  return client;
}

/**
 * Waits (at most `maxWaitMs`) while a connection attempt is under way, so commands sent right
 * after start are not refused just because the socket is still opening. While Redis is down the
 * client sits in 'reconnecting' between attempts and this returns at once: still fail-fast.
 */
export async function connectionSettled(redis: RedisClient, maxWaitMs = 500): Promise<void> {
  if (redis.status !== 'connecting' && redis.status !== 'connect') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    redis.once('ready', done);
    redis.once('close', done);
  });
}

/**
 * Runs one Redis call, after letting a connection attempt in progress settle. Whatever ioredis
 * throws (refused, closed, timed out, a server-side error such as OOM or READONLY) is an outage:
 * the one place Redis errors become "unavailable".
 */
export async function reach<T>(redis: RedisClient, call: () => Promise<T>): Promise<StoreAnswer<T>> {
  try {
    await connectionSettled(redis);
    return ok(await call());
  } catch {
    return unavailable();
  }
}

/** A Lua script registered with `defineCommand`: keys first, then arguments. */
export type ScriptCall = (...keysAndArguments: (string | number)[]) => Promise<unknown>;

/** A number in a script's reply (an integer, or a string such as a sorted-set score). */
export function scriptNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`store: expected a number in a script reply, got ${String(value)}`);
  return number;
}

/** A text in a script's reply; Lua's `false` arrives as null and reads as ''. */
export function scriptText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
