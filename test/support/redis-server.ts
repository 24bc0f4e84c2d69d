import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private redis-server for tests: its own port and directory, no snapshots, and handles to make
 * it misbehave (pause, kill, restart) so outage handling can be tested without touching any
 * Redis someone else is using.
 */

export interface RedisServerOptions {
  /** AOF with fsync on every write, so a SIGKILL loses nothing that was acknowledged. */
  readonly appendOnly?: boolean;
  /** Working directory (AOF files); default: a fresh temp dir, removed by stop(). */
  readonly dir?: string;
  /**
   * A Redis Cluster node (redis-cluster.ts joins the nodes): `cluster-enabled`, its own
   * `nodes-<port>.conf` in `dir`, and how long a node may be silent before it counts as failed.
   */
  readonly cluster?: { readonly nodeTimeoutMs: number };
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** The current process; changes after restart(). */
  readonly pid: number;
  /** SIGTERM and wait for exit; removes the temp dir it created. */
  stop(): Promise<void>;
  /** SIGSTOP: the port stays open but nothing answers (a hung server). */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** SIGKILL and wait for exit (a crash). */
  kill(): Promise<void>;
  /** Stops it if running, then starts it again on the same port and directory. */
  restart(): Promise<void>;
}

export const REDIS_SERVER_MISSING =
  'redis-server not found: install it (apt-get install -y redis-server) or set REDIS_URL';

const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';
const START_TIMEOUT_MS = 10_000;
const running = new Set<ChildProcess>();

// A crashed or interrupted test run must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'hpg-redis-')));
  const ownsDir = options.dir === undefined;
  const args = (port: number) => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--appendonly',
    options.appendOnly ? 'yes' : 'no',
    '--appendfsync',
    'always',
    ...(options.cluster
      ? [
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          String(options.cluster.nodeTimeoutMs),
        ]
      : []),
  ];

  // The free port may be taken between probing and binding: try a few.
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await spawnServer(args(port), port);
    } catch (error) {
      if (attempt >= 3 || (error instanceof Error && error.message === REDIS_SERVER_MISSING)) {
        if (ownsDir) await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  let current: ChildProcess = child;

  async function terminate(signal: NodeJS.Signals): Promise<void> {
    if (current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill('SIGCONT'); // a paused server cannot act on SIGTERM
    current.kill(signal);
    const timer = setTimeout(() => current.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return current.pid ?? -1;
    },
    async stop() {
      await terminate('SIGTERM');
      if (ownsDir) await rm(dir, { recursive: true, force: true });
    },
    pause() {
      current.kill('SIGSTOP');
    },
    resume() {
      current.kill('SIGCONT');
    },
    kill: () => terminate('SIGKILL'),
    async restart() {
      await terminate('SIGTERM');
      current = await spawnServer(args(port), port);
    },
  };
}

/** Spawns redis-server and resolves once it answers; rejects with its output if it exits. */
async function spawnServer(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  running.add(child);
  child.once('exit', () => running.delete(child));
  // A server the caller forgot to stop must not keep the process alive; the exit hook kills it.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as Socket | null)?.unref();

  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      running.delete(child);
      reject(error.code === 'ENOENT' ? new Error(REDIS_SERVER_MISSING) : error);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`redis-server on port ${port} exited (${code ?? signal}) while starting:\n${output}`)),
    );
  });
  failed.catch(() => {}); // observed by the race below; later exits are expected (stop, kill)

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const answered = await Promise.race([answersAs(port, child.pid), failed]);
    if (answered) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * One raw `INFO server` (no client library, no retry logs): answering proves it is up, and its
 * process_id proves it is ours, not some other server that grabbed the port first.
 */
function answersAs(port: number, pid: number | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(250, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (data) => {
      reply += data.toString('utf8');
      const match = /\r\nprocess_id:(\d+)\r\n/.exec(reply);
      if (match) done(Number(match[1]) === pid);
      else if (reply.startsWith('-')) done(false); // e.g. -LOADING while reading the AOF
    });
  });
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
