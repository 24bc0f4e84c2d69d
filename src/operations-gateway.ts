import { randomUUID } from 'node:crypto';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger as PinoLogger } from 'pino';
import { type Adapters, useCaseDeps } from './composition.ts';
import type { Config } from './config.ts';
import { operationTracingPlugin } from './http/operation-tracing.ts';
import { operatorAuthPlugin } from './http/operator-auth.ts';
import { requestIdOf } from './http/request-identity.ts';
import { requestLogger } from './http/request-logger.ts';
import type { OperationsContext } from './schema/operations/builder.ts';
import { buildOperationsSchema } from './schema/operations/index.ts';

export type OperationsGateway = YogaServerInstance<Record<string, unknown>, OperationsContext>;

/**
 * The operators' GraphQL endpoint at /ops/graphql (docs/operations.md): only when OPS_TOKEN is set,
 * only with that bearer token, never with a shopper's identity, and nothing of it in the shopper's
 * schema. Null when OPS_TOKEN is unset: then the path does not exist (404).
 */
export function createOperationsGateway(deps: {
  readonly config: Config;
  readonly adapters: Adapters;
  readonly logger: PinoLogger;
}): OperationsGateway | null {
  const { config } = deps;
  if (!config.opsToken) return null;
  return createYoga<Record<string, unknown>, OperationsContext>({
    schema: buildOperationsSchema(),
    graphqlEndpoint: '/ops/graphql',
    landingPage: false,
    graphiql: false,
    batching: false,
    maskedErrors: true,
    cors: false,
    plugins: [operatorAuthPlugin(config.opsToken), operationTracingPlugin()],
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args) => deps.logger.warn({ yoga: args.map(String) }, 'ops yoga'),
      error: (...args) =>
        deps.logger.error({ yoga: args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))) }, 'ops yoga'),
    },
    context: ({ request }): OperationsContext => {
      const requestId = requestIdOf(request.headers) || `ops-${randomUUID()}`;
      const logger = requestLogger(deps.logger, { requestId, operator: true });
      return { deps: useCaseDeps({ config, adapters: deps.adapters, logger }), requestId };
    },
  });
}
