import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One `graphql` module for the app and Yoga: Vite would otherwise load graphql's .mjs for our
    // code and Yoga its .js, and GraphQLErrors thrown on purpose would fail Yoga's instanceof
    // check and be masked. Node (npm start) already loads a single copy.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
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
