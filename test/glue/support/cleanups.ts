import { afterEach } from 'vitest';

/** Stops or closes something a test started. */
export type Cleanup = () => Promise<void>;

/** Registers cleanups to run after the current test. */
export type Defer = (...cleanups: Cleanup[]) => void;

/**
 * One list of cleanups for a test file: whatever a test (or its beforeEach) defers is run after
 * the test, the last deferred first.
 */
export function useCleanups(): Defer {
  const pending: Cleanup[] = [];
  afterEach(async () => {
    while (pending.length > 0) await pending.pop()?.();
  });
  return (...cleanups) => {
    pending.push(...cleanups);
  };
}
