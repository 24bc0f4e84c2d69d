import type { Plugin } from 'graphql-yoga';

/**
 * graphql-js answers a typo with "Did you mean …?", naming fields, arguments, input fields and enum
 * values: the schema, bit by bit, even with introspection off. docs/transport-and-configuration.md ties suggestions to
 * GRAPHQL_INTROSPECTION. graphql-armor's blockFieldSuggestions only rewrites validation errors and
 * misses the enum form ("Did you mean the enum value …?") and variable coercion errors (raised at
 * execution), so this rewrites every error message of a result, whatever phase made it.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

interface MessageBearer {
  message: string;
}

function strip(errors: readonly MessageBearer[] | undefined): void {
  for (const error of errors ?? []) error.message = withoutSuggestions(error.message);
}

export function hideSuggestionsPlugin(): Plugin {
  return {
    onResultProcess({ result }) {
      // Streams (subscriptions) carry resolver errors only; suggestions come from parse, validation
      // and variable coercion, which all end in a single result (or a batch of them).
      if (Symbol.asyncIterator in result) return;
      for (const single of Array.isArray(result) ? result : [result]) strip(single.errors);
    },
  };
}
