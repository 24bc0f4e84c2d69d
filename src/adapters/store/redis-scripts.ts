import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Redis } from 'ioredis';
import type { ScriptCall } from './redis-client.ts';

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
  redis: Redis,
  name: string,
  script: { readonly numberOfKeys: number; readonly lua: string },
): ScriptCall {
  // Registering again on a shared client replaces the same script with itself: harmless.
  redis.defineCommand(name, { numberOfKeys: script.numberOfKeys, lua: script.lua });
  // defineCommand adds the method at runtime; ioredis cannot type it.
  const commands = redis as unknown as Record<string, ScriptCall>;
  const run: ScriptCall = (...keysAndArguments) => {
    const command = commands[name];
    if (!command) throw new Error(`store: script ${name} is not registered`);
    return command.apply(redis, keysAndArguments);
  };
  return (...keysAndArguments) => {
    if (!trace.getActiveSpan()) return run(...keysAndArguments);
    return tracedRun(redis, name, () => run(...keysAndArguments));
  };
}

async function tracedRun(redis: Redis, name: string, run: () => Promise<unknown>): Promise<unknown> {
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
        'server.address': redis.options.host ?? 'localhost',
        'server.port': redis.options.port ?? 6379,
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
