import { expect } from 'vitest';
import type { ErrorCode, ErrorOf, GatewayError } from '../../../src/domain/errors.ts';
import type { OperatorError } from '../../../src/domain/operator-errors.ts';
import type { Result } from '../../../src/domain/result.ts';

/** The value of a success; fails the test with the error's code otherwise. */
export function expectOk<T>(result: Result<T, GatewayError | OperatorError>): T {
  if (!result.ok) {
    expect.fail(`expected a success, got ${result.error.code}: ${JSON.stringify(result.error)}`);
  }
  return result.value;
}

/** The error of a failure with exactly this code; fails the test otherwise. */
export function expectError<C extends ErrorCode>(result: Result<unknown, GatewayError>, code: C): ErrorOf<C> {
  if (result.ok) expect.fail(`expected ${code}, got a success`);
  expect(result.error.code).toBe(code);
  return result.error as ErrorOf<C>;
}

/** The error of an operator's action refused with exactly this code; fails the test otherwise. */
export function expectRefused(result: Result<unknown, OperatorError>, code: OperatorError['code']): OperatorError {
  if (result.ok) expect.fail(`expected ${code}, got a success`);
  expect(result.error.code).toBe(code);
  return result.error;
}
