import { createYoga, type GraphiQLOptions, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger as PinoLogger } from 'pino';
import { type Adapters, useCaseDeps } from './composition.ts';
import type { Config } from './config.ts';
import type { Clock } from './domain/clock.ts';
import { accessLogPlugin } from './http/access-log.ts';
import { clientAddressResolver } from './http/client-address.ts';
import { CSRF_HEADER, edgeOptions } from './http/edge.ts';
import { renderGatewayGraphiQL } from './http/graphiql-page.ts';
import type { GraphiQLTab } from './http/graphiql-recipe.ts';
import { introspectionPlugin } from './http/introspection.ts';
import { operationTracingPlugin } from './http/operation-tracing.ts';
import { identityOf, requestIdOf } from './http/request-identity.ts';
import { requestLogger } from './http/request-logger.ts';
import { createOperationsGateway } from './operations-gateway.ts';
import type { GraphQLContext } from './schema/context.ts';
import { buildSchema } from './schema/index.ts';

export interface GatewayDeps {
  readonly config: Config;
  readonly adapters: Adapters;
  readonly logger: PinoLogger;
  /** Where the one line per request goes (server.ts: buffered stdout); the logger when absent. */
  readonly accessLogger?: PinoLogger;
  readonly clock?: Clock;
  /** GraphiQL's opening tabs: one per step of the flow, with ready-to-run variables and headers. */
  readonly graphiqlTabs?: readonly GraphiQLTab[];
  /** Development pages (the demo checkout next to the embedded sandbox): a response, or null for other paths. */
  readonly pages?: (url: URL) => Promise<Response | null>;
}

/** What the Node adapter passes as server context (absent when driven through `fetch`). */
interface ServerContext {
  readonly req?: { readonly socket?: { readonly remoteAddress?: string } };
}

export type Gateway = YogaServerInstance<ServerContext, GraphQLContext>;

/**
 * GraphiQL's options. On a first load GraphiQL leaves the first tab's variables and headers out of
 * the editors (its issue #3392), so `variables` and `headers` repeat them; `headers` is also what a
 * new tab starts with. `variables` is passed through to GraphiQL though Yoga's type omits it.
 */
function graphiqlOptions(tabs: readonly GraphiQLTab[] | undefined): GraphiQLOptions & { variables?: string } {
  const [first] = tabs ?? [];
  return {
    title: 'Headless payment gateway',
    ...(tabs ? { defaultTabs: [...tabs] } : {}),
    ...(first ? { variables: first.variables, headers: first.headers } : {}),
    shouldPersistHeaders: true,
    // GraphiQL posts JSON (CSRF-safe already); the header keeps it working were it to use GET.
    additionalHeaders: { [CSRF_HEADER]: 'graphiql' },
  };
}

/** Builds the GraphQL server without listening (tests drive `gateway.fetch`; server.ts listens). */
export function createGateway(deps: GatewayDeps): Gateway {
  const { config } = deps;
  const { adapters } = deps;
  const requestIds = new WeakMap<Request, string>();
  const clientAddressOf = clientAddressResolver(config.trustProxy);

  const requestIdPlugin: Plugin<GraphQLContext> = {
    onRequest({ request }) {
      requestIds.set(request, requestIdOf(request.headers));
    },
    onResponse({ request, response }) {
      // GraphiQL's own plugin answers before ours sees the request: derive the id here then.
      response.headers.set('x-request-id', requestIds.get(request) ?? requestIdOf(request.headers));
    },
  };

  const operations = createOperationsGateway(deps);
  const healthPlugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      // The operators' endpoint is its own Yoga (own schema, own auth): routed, not merged.
      if (operations && url.pathname === '/ops/graphql') {
        endResponse(await operations.fetch(request));
        return;
      }
      if (url.pathname === '/healthz') endResponse(new fetchAPI.Response('ok\n', { status: 200 }));
      else if (url.pathname === '/metrics') {
        const text = await adapters.metrics.text();
        endResponse(
          new fetchAPI.Response(text, { status: 200, headers: { 'content-type': adapters.metrics.contentType } }),
        );
      } else if (url.pathname === '/readyz') {
        const ready = (await adapters.store.ping()) && adapters.glueAvailable();
        endResponse(new fetchAPI.Response(ready ? 'ready\n' : 'not ready\n', { status: ready ? 200 : 503 }));
      } else if (url.pathname !== '/graphql' && url.pathname !== '/graphql/') {
        const page = await deps.pages?.(url);
        if (page) {
          endResponse(page);
          return;
        }
        // Yoga serves any path that ends in /graphql; only ours exists (/ops/graphql is 404 without OPS_TOKEN).
        endResponse(new fetchAPI.Response('not found\n', { status: 404 }));
      }
    },
  };

  const edge = edgeOptions(config);
  return createYoga<ServerContext, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: edge.cors,
    maxRequestBodySize: edge.maxRequestBodySize,
    batching: edge.batching,
    multipart: edge.multipart,
    maskedErrors: edge.maskedErrors,
    logging: {
      debug: (...args) => deps.logger.debug({ yoga: args.map(String) }, 'yoga'),
      info: (...args) => deps.logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args) => deps.logger.warn({ yoga: args.map(String) }, 'yoga'),
      error: (...args) =>
        deps.logger.error({ yoga: args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))) }, 'yoga'),
    },
    graphiql: config.introspection ? graphiqlOptions(deps.graphiqlTabs) : false,
    renderGraphiQL: renderGatewayGraphiQL,
    plugins: [
      requestIdPlugin,
      accessLogPlugin(deps.accessLogger ?? deps.logger),
      operationTracingPlugin(),
      healthPlugin,
      introspectionPlugin(config.introspection),
      ...edge.plugins,
    ],
    context: ({ request, req }): GraphQLContext => {
      const requestId = requestIds.get(request) ?? requestIdOf(request.headers);
      const identity = identityOf(request.headers);
      const logger = requestLogger(deps.logger, { requestId });
      const useCaseDepsOfRequest = useCaseDeps({
        config,
        adapters,
        logger,
        ...(deps.clock ? { clock: deps.clock } : {}),
      });
      const clientAddress = clientAddressOf(req?.socket?.remoteAddress, request.headers.get('x-forwarded-for'));
      return {
        caller: identity
          ? { identity, acceptLanguage: request.headers.get('accept-language'), requestId, clientAddress }
          : null,
        deps: useCaseDepsOfRequest,
        providerData: adapters.providerData,
      };
    },
  });
}
