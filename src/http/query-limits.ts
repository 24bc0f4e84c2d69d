import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Limits on one GraphQL document (docs/errors.md `QUERY_TOO_COMPLEX`). Measured against
 * `operations/*.graphql` (the richest operation: depth 5, 2 aliases, cost 453; the whole file as
 * GraphiQL sends it: 420 tokens) and the schema (no type cycles: no valid selection is deeper
 * than 5), with headroom for hand-written queries. Fragments count where they are spread
 * (`flattenFragments`): they add no real nesting. Introspection (`__schema`) is left to
 * graphql-js's own MaxIntrospectionDepthRule, so GraphiQL's introspection query passes.
 */
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 10,
  maxTokens: 1000,
  maxCost: 1000,
  maxDirectives: 10,
} as const;

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** Armor's errors read "Syntax Error: …" with no code; ours name the limit and carry the contract's code. */
function tooComplex(armorError: GraphQLError): GraphQLError {
  const reason = armorError.message.replace(/^Syntax Error:\s*/, '');
  return createGraphQLError(`Query too complex: ${reason}`, {
    extensions: { code: QUERY_TOO_COMPLEX, http: { status: 400 } },
  });
}

/**
 * Validation rules get a context and report into it (Yoga answers every validation error at once,
 * 400); the token counter runs inside the parser, has no context, and must stop it by throwing.
 */
function reject(context: ValidationContext | null, error: GraphQLError): void {
  if (context) context.reportError(tooComplex(error));
  else throw tooComplex(error);
}

/** A fresh object per limit: armor merges options into its own config and keeps the array. */
const rejection = () => ({ onReject: [reject], propagateOnRejection: false, exposeLimits: true });

/** graphql-armor's Envelop plugins with the limits above. */
export function queryLimitPlugins(): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...rejection() },
    // Every alias counts, `__typename` too: aliases are how one request multiplies resolver work.
    maxAliases: { n: QUERY_LIMITS.maxAliases, allowList: [], ...rejection() },
    maxTokens: { n: QUERY_LIMITS.maxTokens, ...rejection() },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, flattenFragments: true, ignoreIntrospection: true, ...rejection() },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...rejection() },
    // Suggestions are hidden by ./suggestions.ts, which also covers variable and enum messages.
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().plugins as Plugin[];
}
