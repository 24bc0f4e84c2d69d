import { lexicographicSortSchema } from 'graphql';
import { buildSchema } from './index.ts';

/** The served schema, sorted, for codegen's schema loader (codegen.ts). */
export const schema = lexicographicSortSchema(buildSchema());
