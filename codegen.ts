import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: prints the served schema (built by Pothos) to the committed schema.graphql,
 * and generates the client package's typed documents (TypedDocumentNode, GraphQL Code Generator's
 * client preset) from the operation documents in operations/.
 */
const config: CodegenConfig = {
  schema: './src/schema/printable.ts',
  documents: ['operations/**/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'client/src/generated/': {
      preset: 'client',
      // Storefronts read the fields they asked for directly, without unmasking fragments.
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
      },
    },
  },
};

export default config;
