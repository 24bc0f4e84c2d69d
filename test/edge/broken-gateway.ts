import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createAdapters } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import type { GluePort } from '../../src/domain/ports/glue-port.ts';
import { createGateway } from '../../src/gateway.ts';

/**
 * A gateway whose Glue port has a bug (not a test file itself): `/checkout-data` throws a plain
 * Error with the given message. Only the composition differs from the real one, so what a client
 * sees is what Yoga's masking makes of an internal error.
 */
export async function withBrokenGlue(
  sandboxUrl: string,
  message: string,
  use: (url: string) => Promise<void>,
): Promise<void> {
  const loaded = loadConfig({ NODE_ENV: 'test', GLUE_BASE_URL: sandboxUrl, LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.message);
  const logger = pino({ level: 'silent' });
  const adapters = createAdapters(loaded.config, sandboxUrl, logger);
  const broken = (): GluePort => ({
    ...adapters.glueForRequest(),
    checkoutData: () => {
      throw new Error(message);
    },
  });
  const server: Server = createServer(
    createGateway({ config: loaded.config, logger, adapters: { ...adapters, glueForRequest: broken } }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await adapters.close();
  }
}
