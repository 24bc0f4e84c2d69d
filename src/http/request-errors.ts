import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** docs/errors.md: malformed variables are `BAD_USER_INPUT`. */
export const BAD_USER_INPUT = 'BAD_USER_INPUT';

/**
 * graphql-js reports variables that do not fit their types ("Variable "$input" got invalid value…")
 * as a result with errors and no `data` key at all (nothing ran), and Yoga passes them on without
 * any `extensions.code`. A result without `data` can only come from that stage (operation selection
 * is checked earlier by Yoga), so its code-less errors get the contract's code. Mutated in place:
 * the errors belong to graphql's build that Yoga recognizes; a copy made here might not.
 */
function tagRequestErrors(result: unknown): void {
  if (typeof result !== 'object' || result === null || Symbol.asyncIterator in result || 'data' in result) return;
  for (const error of (result as ExecutionResult).errors ?? []) {
    if (error.extensions.code === undefined) error.extensions.code = BAD_USER_INPUT;
  }
}

export function badUserInputPlugin(): Plugin {
  return {
    onExecute: () => ({ onExecuteDone: ({ result }) => tagRequestErrors(result) }),
    onSubscribe: () => ({ onSubscribeResult: ({ result }) => tagRequestErrors(result) }),
  };
}
