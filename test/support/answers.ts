import type { StoreAnswer } from '../../src/domain/ports/store-answer.ts';

/** The value of a store's answer; a test fails loudly when the store was unavailable instead. */
export async function answered<T>(answer: Promise<StoreAnswer<T>>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`store unavailable: ${settled.error.message}`);
  return settled.value;
}

/** A store's methods with their answers unwrapped: what tests assert on when the store is up. */
export type Answering<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => Promise<StoreAnswer<infer T>> ? (...args: A) => Promise<T> : S[K];
};

/**
 * The same store, answering plain values: each `StoreAnswer` is unwrapped with `answered`, and
 * anything else (ping, close) passes through, so contract tests read as assertions on values.
 */
export function answering<S extends object>(store: S): Answering<S> {
  return new Proxy(store, {
    get(target, property) {
      const member: unknown = Reflect.get(target, property);
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]) => {
        const result: unknown = await member.apply(target, args);
        const isAnswer = typeof result === 'object' && result !== null && 'ok' in result;
        return isAnswer ? answered(Promise.resolve(result as StoreAnswer<unknown>)) : result;
      };
    },
  }) as Answering<S>;
}
