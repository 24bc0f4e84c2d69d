import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { isCluster, type RedisClient, type ScriptCall } from './redis-client.ts';

/** `WAIT replicas timeoutMs` after a write: how many replicas must have it, and for how long to wait. */
export interface ReplicaWait {
  readonly replicas: number;
  readonly timeoutMs: number;
}

/** A script call followed by WAIT: its reply, and how many replicas acknowledged what it wrote. */
export interface WaitedReply {
  readonly reply: unknown;
  readonly acknowledged: number;
}

/** A registered script: called as is, or with WAIT behind it (durable writes, redis-durability.ts). */
export interface Script extends ScriptCall {
  /**
   * The same call with `WAIT` pipelined behind it on the same connection: in a cluster, to the
   * node that owns the script's keys, since WAIT counts the writes of its own connection. One
   * round trip, plus however long the replicas take.
   */
  waiting(wait: ReplicaWait, ...keysAndArguments: (string | number)[]): Promise<WaitedReply>;
}

/** Trace scopes are per adapter, so a backend can tell Redis spans from Glue and GraphQL ones. */
const tracer = () => trace.getTracer('headless-payment-gateway/redis');

/**
 * Registers a Lua script on the client (`defineCommand`: EVALSHA, EVAL once when Redis does not
 * know it yet) and answers the one function every store calls it through, which puts each call in
 * a `redis.script <name>` span. Only inside a traced unit of work (a GraphQL operation): the
 * release sweeper claims on every shard every second, and a trace for each claim would bury the
 * ones that matter. `name` is the client's command name: prefixed (`hpg…`) so that stores sharing
 * one client cannot clash.
 */
export function defineScript(
  redis: RedisClient,
  name: string,
  script: { readonly numberOfKeys: number; readonly lua: string },
): Script {
  // Registering again on a shared client replaces the same script with itself: harmless.
  redis.defineCommand(name, { numberOfKeys: script.numberOfKeys, lua: script.lua });
  // defineCommand adds the method at runtime; ioredis cannot type it.
  const commands = redis as unknown as Record<string, ScriptCall>;
  const run: ScriptCall = (...keysAndArguments) => {
    const command = commands[name];
    if (!command) throw new Error(`store: script ${name} is not registered`);
    return command.apply(redis, keysAndArguments);
  };
  const waited = async (wait: ReplicaWait, keysAndArguments: (string | number)[]): Promise<WaitedReply> => {
    // A cluster pipeline sent before the client knows the slots waits for them without any
    // deadline (ioredis); fail fast instead, as every other command does while not connected.
    if (redis.status !== 'ready') throw new Error('store: not connected');
    const pipeline = redis.pipeline();
    const inPipeline = (pipeline as unknown as Record<string, ScriptCall>)[name];
    if (!inPipeline) throw new Error(`store: script ${name} is not registered`);
    void inPipeline.apply(pipeline, keysAndArguments);
    pipeline.wait(wait.replicas, wait.timeoutMs);
    const [scripted, acknowledged] = (await pipeline.exec()) ?? [];
    if (!scripted || !acknowledged) throw new Error('store: the pipeline answered nothing');
    if (scripted[0]) throw scripted[0];
    if (acknowledged[0]) throw acknowledged[0];
    return { reply: scripted[1], acknowledged: Number(acknowledged[1]) };
  };
  const call: ScriptCall = (...keysAndArguments) => {
    if (!trace.getActiveSpan()) return run(...keysAndArguments);
    return tracedRun(redis, { name }, () => run(...keysAndArguments));
  };
  return Object.assign(call, {
    waiting: (wait: ReplicaWait, ...keysAndArguments: (string | number)[]) =>
      trace.getActiveSpan()
        ? tracedRun(redis, { name, wait }, () => waited(wait, keysAndArguments))
        : waited(wait, keysAndArguments),
  });
}

async function tracedRun<T>(
  redis: RedisClient,
  call: { readonly name: string; readonly wait?: ReplicaWait },
  run: () => Promise<T>,
): Promise<T> {
  const { name, wait } = call;
  const span = tracer().startSpan(
    `redis.script ${name}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        // Both spellings of the conventions (db.system became db.system.name): backends read one or the other.
        'db.system': 'redis',
        'db.system.name': 'redis',
        'db.operation.name': 'EVALSHA',
        'db.stored_procedure.name': name,
        // A cluster picks the node per call, by the keys' slot: no single address to name.
        ...(isCluster(redis)
          ? {}
          : { 'server.address': redis.options.host ?? 'localhost', 'server.port': redis.options.port ?? 6379 }),
        ...(wait ? { 'db.redis.wait_replicas': wait.replicas } : {}),
      },
    },
    context.active(),
  );
  try {
    return await run();
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
