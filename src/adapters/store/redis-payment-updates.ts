import type { Logger } from '../../domain/logger.ts';
import type { PaymentUpdate, PaymentUpdates } from '../../domain/ports/payment-updates.ts';
import { unavailable } from '../../domain/ports/store-answer.ts';
import { ok } from '../../domain/result.ts';
import { storeKeys } from './keys.ts';
import { decodeAnnouncement } from './record-codec.ts';
import { isCluster, type RedisClient, reach } from './redis-client.ts';

type Listener = (update: PaymentUpdate) => void;

/** After a cluster node left: when ioredis has moved the subscription to another node (it takes milliseconds). */
const RESUBSCRIBED_AFTER_MS = 1000;

/**
 * Watching payments through Redis pub/sub: the store's scripts publish every committed change on
 * the payment's channel (lua-scripts.ts), and one subscriber connection per gateway process
 * listens for all its watchers, subscribing a channel while anyone watches it. Nothing is sent to
 * Redis while nothing changes. When the connection drops and comes back (ioredis subscribes
 * again by itself), every watcher is told to re-read, since announcements in between are lost.
 */
export function createRedisPaymentUpdates(
  subscriber: RedisClient,
  options: { readonly keyPrefix?: string; readonly logger?: Logger } = {},
): PaymentUpdates {
  const keys = storeKeys(options.keyPrefix);
  const listeners = new Map<string, Set<Listener>>();
  const subscribing = new Map<string, Promise<boolean>>();
  let disconnected = false;

  subscriber.on('message', (channel: string, message: string) => {
    const watching = listeners.get(channel);
    if (!watching) return;
    let update: PaymentUpdate;
    try {
      update = { kind: 'changed', record: decodeAnnouncement(message, channel) };
    } catch (error) {
      options.logger?.error({ channel, err: String(error) }, 'an announced change could not be read');
      update = { kind: 'resync' };
    }
    for (const listener of watching) listener(update);
  });
  subscriber.on('close', () => {
    disconnected = true;
  });
  const resyncAll = () => {
    for (const watching of listeners.values()) for (const listener of watching) listener({ kind: 'resync' });
  };
  subscriber.on('ready', () => {
    if (!disconnected) return;
    disconnected = false;
    resyncAll();
  });
  if (isCluster(subscriber)) {
    // In a cluster the subscription lives on one node (PUBLISH reaches every node). When a node
    // leaves, ioredis subscribes again on another one without a 'close', and what was announced
    // in between is lost: everyone re-reads now and once the new subscription surely stands.
    subscriber.on('-node', () => {
      resyncAll();
      setTimeout(resyncAll, RESUBSCRIBED_AFTER_MS).unref();
    });
  }

  /** Subscribes a channel once, however many watchers ask at the same time. */
  function subscribed(channel: string): Promise<boolean> {
    const pending = subscribing.get(channel);
    if (pending) return pending;
    const attempt = reach(subscriber, () => subscriber.subscribe(channel)).then((reply) => {
      subscribing.delete(channel);
      return reply.ok;
    });
    subscribing.set(channel, attempt);
    return attempt;
  }

  async function unwatch(channel: string, listener: Listener): Promise<void> {
    const watching = listeners.get(channel);
    if (!watching) return;
    watching.delete(listener);
    if (watching.size > 0) return;
    listeners.delete(channel);
    // Best effort: a channel left subscribed while Redis is away costs nothing and is dropped on reconnect.
    await reach(subscriber, () => subscriber.unsubscribe(channel));
  }

  return {
    async watch(id, listener) {
      const channel = keys.updates(id);
      const watching = listeners.get(channel) ?? new Set<Listener>();
      watching.add(listener);
      listeners.set(channel, watching);
      if (!(await subscribed(channel))) {
        await unwatch(channel, listener);
        return unavailable();
      }
      return ok(() => unwatch(channel, listener));
    },
    async close() {
      listeners.clear();
      subscriber.disconnect();
    },
  };
}
