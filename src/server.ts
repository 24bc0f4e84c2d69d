import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allSecretFields } from './adapters/psp/index.ts';
import { createAdapters, startBackgroundWork } from './composition.ts';
import { loadConfig } from './config.ts';
import { createGateway } from './gateway.ts';
import { type DemoIdentity, graphiqlTabs, recipe } from './http/graphiql-recipe.ts';
import { createAccessLogger, createLogger } from './logger.ts';
import { startConfiguredTracing } from './tracing.ts';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const config = loaded.config;
const logger = createLogger(config.logLevel, allSecretFields());
if (config.usesDevelopmentOwnerKeySecret)
  logger.warn('OWNER_KEY_SECRET is unset: using a development constant (never in production)');

// Before anything that makes spans; with OTEL_EXPORTER_OTLP_ENDPOINT unset this loads nothing.
const tracing = await startConfiguredTracing(config);
if (tracing) logger.info({ serviceName: config.tracing?.serviceName }, 'tracing: spans exported over OTLP');

let glueBaseUrl = config.glueBaseUrl;
let demo: DemoIdentity | null = null;
let closeSandbox: (() => Promise<void>) | null = null;
let pages: ((url: URL) => Promise<Response | null>) | undefined;
if (!glueBaseUrl) {
  // Development only (config refuses production without GLUE_BASE_URL): the embedded Glue sandbox.
  const { startSandbox } = await import('../sandbox/index.ts');
  const sandbox = await startSandbox({ port: config.sandboxPort });
  glueBaseUrl = sandbox.url;
  demo = {
    anonymousId: sandbox.demo.guest.anonymousId,
    cartId: sandbox.demo.guestCartId,
    shopper: sandbox.demo.shopper,
  };
  closeSandbox = () => sandbox.close();
  // The demo checkout page plays the sandbox's demo guest; it exists only beside the sandbox.
  const { demoPages } = await import('../demo/serve.ts');
  pages = demoPages({ sandboxUrl: sandbox.url, ...demo });
  logger.warn({ sandboxUrl: sandbox.url }, 'GLUE_BASE_URL is unset: serving the embedded Glue sandbox');
}

const adapters = createAdapters(config, glueBaseUrl, logger);
const gateway = createGateway({
  config,
  logger,
  accessLogger: createAccessLogger(config.logLevel),
  adapters,
  graphiqlTabs: graphiqlTabs(demo),
  pages,
});
const background = startBackgroundWork({ config, adapters, logger });
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}/graphql`;
  logger.info(
    {
      port,
      glueBaseUrl: config.glueBaseUrl ? 'configured' : 'sandbox',
      store: config.redis ? (config.redis.kind === 'server' ? 'redis' : `redis ${config.redis.kind}`) : 'in-process',
    },
    `gateway listening on ${url}`,
  );
  if (demo) process.stdout.write(recipe(url, demo));
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  server.close();
  server.closeAllConnections();
  await background.stop();
  await adapters.close();
  await closeSandbox?.();
  // Last, so the spans of the requests that were still finishing are exported too; an unreachable
  // collector must not hold up the exit for the exporter's own timeouts.
  if (tracing) {
    const exported = tracing
      .shutdown()
      .catch((error: unknown) => logger.warn({ err: String(error) }, 'tracing: spans not exported at shutdown'));
    await Promise.race([exported, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
