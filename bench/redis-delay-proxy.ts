import { connect, createServer, type Socket } from 'node:net';

export interface DelayProxy {
  /** `redis://` URL of the proxy. */
  readonly url: string;
  /** What the client sends is held this long before it goes on to Redis (replies are not held). */
  setDelay(ms: number): void;
  /** MONITOR's name for the proxy's connections to Redis (`127.0.0.1:<port>`): whose commands went through it. */
  sources(): ReadonlySet<string>;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of Redis that holds every chunk a client sends for a set time. Commands a
 * client sends together then reach Redis together, and each round trip it waits for shows as a gap
 * of at least that time between the commands Redis runs (MONITOR), which counts round trips.
 * Change the delay only while no command is in flight: a shorter one could overtake held chunks.
 */
export async function startDelayProxy(redisUrl: string): Promise<DelayProxy> {
  const target = new URL(redisUrl);
  let delayMs = 0;
  const sockets = new Set<Socket>();
  const upstreams = new Set<Socket>();
  // No Nagle on either side: a small write held for an ACK would add time the delay did not.
  const server = createServer({ noDelay: true }, (client) => {
    const upstream = connect({ port: Number(target.port), host: target.hostname, noDelay: true });
    sockets.add(client).add(upstream);
    upstreams.add(upstream);
    // Timers of one delay fire in the order they were set, so chunks keep their order.
    client.on('data', (chunk) => {
      if (delayMs === 0) upstream.write(chunk);
      else setTimeout(() => upstream.write(chunk), delayMs);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      upstreams.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('delay proxy: no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    setDelay: (ms) => {
      delayMs = ms;
    },
    sources: () => new Set([...upstreams].map((socket) => `${socket.localAddress}:${socket.localPort}`)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
