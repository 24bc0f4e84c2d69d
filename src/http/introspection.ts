import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Introspection is off in production unless asked (docs/transport-and-configuration.md GRAPHQL_INTROSPECTION): `__schema`
 * and `__type` are validation errors; `__typename` stays (clients need it for unions). Field
 * suggestions go with it (./suggestions.ts).
 */
export function introspectionPlugin(enabled: boolean): Plugin {
  if (enabled) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
