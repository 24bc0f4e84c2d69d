import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts one redis-server for the run unless REDIS_URL is set (test/support/redis.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Tests must not depend on their order.
    sequence: { shuffle: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Child processes, not threads: tests spawn and signal redis-server processes.
    pool: 'forks',
  },
});
