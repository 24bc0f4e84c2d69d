import { afterAll, beforeAll } from 'vitest';

/**
 * Something a test file starts once before its tests and stops after them (a stack, a sandbox,
 * a cluster), as one line: `const stack = useStack()`. The handle stands for the started thing
 * inside tests and hooks; touching it before `beforeAll` ran is a mistake and says so.
 */
export function useOnce<T extends object>(start: () => Promise<T>, stop: (started: T) => Promise<void>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    if (started) await stop(started);
  });
  const current = (): T => {
    if (!started) throw new Error('used before beforeAll started it: read it inside a test or hook');
    return started;
  };
  return new Proxy({} as T, {
    get(_target, property) {
      const target = current();
      const value: unknown = Reflect.get(target, property, target);
      // Bound, so class methods (private fields included) see the real object, not the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_target, property) => Reflect.has(current(), property),
  });
}
