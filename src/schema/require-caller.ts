import { GraphQLError } from 'graphql';
import type { Caller } from '../domain/identity.ts';
import type { GraphQLContext } from './context.ts';

/** Every operation but introspection needs an identity (docs/identity-and-ownership.md; docs/errors.md). */
export function requireCaller(ctx: GraphQLContext): Caller {
  if (ctx.caller) return ctx.caller;
  throw new GraphQLError('Send Authorization: Bearer <Glue customer token> or X-Anonymous-Customer-Unique-Id.', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}
