import type { ObjectRef } from '@pothos/core';
import type { ErrorCode, ErrorOf, GatewayError } from '../domain/errors.ts';
import type { Result } from '../domain/result.ts';
import { builder } from './builder.ts';
import { ERROR_REFS } from './types/error-types.ts';
import { ERROR_TYPE_NAMES } from './types/errors.ts';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * A result union: the success type plus the error type of each code, in that order (the codes
 * are the same list `toUnionMember` checks the use case's answer against).
 */
export function resultUnion<S, C extends ErrorCode>(
  name: string,
  success: ObjectRef<BuilderTypes, S>,
  codes: readonly C[],
) {
  return builder.unionType(name, {
    types: [success, ...codes.map((code) => ERROR_REFS[code])],
    resolveType: resolveResultType(success.name),
  });
}

/** A union member is either a success object tagged with its type name or a GatewayError. */
export function resolveResultType(successTypeName: string) {
  return (value: unknown): string => {
    if (typeof value === 'object' && value !== null && 'code' in value)
      return ERROR_TYPE_NAMES[(value as GatewayError).code];
    return successTypeName;
  };
}

/**
 * Unwraps a use case's result for a union field. An error outside the union is a bug in the use
 * case (thrown, so Yoga masks it) rather than a silently wrong answer.
 */
export function toUnionMember<T extends object, C extends ErrorCode>(
  result: Result<T, GatewayError>,
  allowed: readonly C[],
): T | ErrorOf<C> {
  if (result.ok) return result.value;
  const error = result.error;
  if (!isAllowed(error, allowed))
    throw new Error(`use case returned ${error.code}, which its result union does not have`);
  return error;
}

function isAllowed<C extends ErrorCode>(error: GatewayError, allowed: readonly C[]): error is ErrorOf<C> {
  return (allowed as readonly ErrorCode[]).includes(error.code);
}
