import type { TestProject } from 'vitest/node';
import { REDIS_SERVER_MISSING, startRedisServer } from './redis-server.ts';

/**
 * One redis-server for the whole run, unless REDIS_URL names one. When redis-server is not
 * installed the run still starts, so tests that need no Redis can pass; tests that do fail with
 * the install hint (see getTestRedisUrl).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.REDIS_URL;
  if (external) {
    project.provide('redisUrl', external);
    project.provide('redisUnavailable', '');
    return async () => {};
  }
  try {
    const server = await startRedisServer();
    project.provide('redisUrl', server.url);
    project.provide('redisUnavailable', '');
    return () => server.stop();
  } catch (error) {
    if (!(error instanceof Error && error.message === REDIS_SERVER_MISSING)) throw error;
    project.provide('redisUrl', '');
    project.provide('redisUnavailable', REDIS_SERVER_MISSING);
    return async () => {};
  }
}
