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
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Tests must not depend on their order.
    sequence: { shuffle: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // The fast tier: use cases in-process, no HTTP, no Redis; one worker reused across files.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false },
      },
      {
        // The end-to-end tier: real HTTP, Redis and the sandbox. Starts one redis-server for the
        // run unless REDIS_URL is set (test/support/global-setup.ts); child processes, not
        // threads, because tests spawn and signal redis-server and gateway processes.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**'],
          globalSetup: ['test/support/global-setup.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
