import { Redis } from 'ioredis';
import { type StoreAnswer, unavailable } from '../../domain/ports/store-answer.ts';
import { ok } from '../../domain/result.ts';

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

/**
 * A Redis client that fails fast instead of queueing: a request must answer "upstream
 * unavailable" within a second rather than hang while Redis is down. It keeps reconnecting with
 * capped backoff, so the process recovers without a restart once Redis is back.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    // No command waits for a connection: while disconnected, every command is rejected at once.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Commands issued in the same tick (concurrent requests, or one request's independent calls)
    // leave in one socket write: a write per command was the largest single cost in a profile.
    enableAutoPipelining: true,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    // Returning a number (never null) means "keep trying forever".
    retryStrategy: (attempt) =>
      Math.min(50 * 2 ** Math.min(attempt, 10), MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 50),
    // After a failover the old primary answers READONLY: reconnect to find the new one.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
  // Without a listener an 'error' event would crash the process; the caller decides what to log.
  redis.on('error', (error: Error) => options.onError?.(error));
  return redis;
}

/**
 * Waits (at most `maxWaitMs`) while a connection attempt is under way, so commands sent right
 * after start are not refused just because the socket is still opening. While Redis is down the
 * client sits in 'reconnecting' between attempts and this returns at once: still fail-fast.
 */
export async function connectionSettled(redis: Redis, maxWaitMs = 500): Promise<void> {
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
export async function reach<T>(redis: Redis, call: () => Promise<T>): Promise<StoreAnswer<T>> {
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
