import { trace } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context.ts';

/**
 * Runs one operation's field and counts it (docs/operations.md: `gateway_operations_total`,
 * `gateway_operation_duration_seconds`): its result is the error code of an error union member,
 * else `successType` (or `null` for an empty nullable answer); a top-level error counts as its code.
 * The same result goes on the operation's span (when traced), where an error union member is
 * otherwise invisible: for GraphQL it is data.
 */
export async function measured<T>(
  ctx: GraphQLContext,
  field: { readonly operation: string; readonly successType: string },
  run: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const count = (result: string) => {
    ctx.deps.metrics.operation({ operation: field.operation, result, seconds: (performance.now() - started) / 1000 });
    trace.getActiveSpan()?.setAttribute(`gateway.result.${field.operation}`, result);
  };
  try {
    const value = await run();
    count(resultOf(value, field.successType));
    return value;
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    count(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
    throw error;
  }
}

function resultOf(value: unknown, successType: string): string {
  if (value === null) return 'null';
  if (typeof value === 'object' && 'code' in value && typeof value.code === 'string') return value.code;
  return successType;
}
