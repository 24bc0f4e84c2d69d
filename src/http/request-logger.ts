import type { Logger as PinoLogger } from 'pino';
import type { Logger } from '../domain/logger.ts';

/**
 * A request's logger, bound to its fields (request id, ...). Most requests log nothing through
 * it (the access line has its own), so the pino child, whose bindings pass through redaction,
 * is made only when the first line is written.
 */
export function requestLogger(root: PinoLogger, bindings: Record<string, unknown>): Logger {
  let child: PinoLogger | null = null;
  const bound = () => {
    child ??= root.child(bindings);
    return child;
  };
  return {
    debug: (fields, message) => bound().debug(fields, message),
    info: (fields, message) => bound().info(fields, message),
    warn: (fields, message) => bound().warn(fields, message),
    error: (fields, message) => bound().error(fields, message),
  };
}
