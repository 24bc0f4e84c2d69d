import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: prints the served schema (built by Pothos) to the committed schema.graphql,
 * and generates the typed graphql-request client the tests and storefronts use from the
 * operation documents in operations/.
 */
const config: CodegenConfig = {
  schema: './src/schema/printable.ts',
  documents: ['operations/**/*.graphql'],
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'test/client/generated.ts': {
      plugins: ['typescript-operations', 'typescript-graphql-request'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' },
        rawRequest: false,
        gqlImport: 'graphql-tag#gql',
      },
    },
  },
  hooks: {},
};

export default config;
