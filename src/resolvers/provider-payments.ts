import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import type { CancelPaymentOutcome, CreatePaymentOutcome } from '../domain/ports/glue-port.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';

export interface CreatedPayment {
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
  readonly transactionId: string | null;
}

/** CONTRACT.md §12, `/payments` rows. */
export function createdPaymentOrError(
  outcome: CreatePaymentOutcome,
  method: { name: string; provider: string },
): Result<CreatedPayment, GatewayError> {
  switch (outcome.kind) {
    case 'created':
      return ok({ preOrderPaymentData: outcome.preOrderPaymentData, transactionId: outcome.transactionId });
    case 'method-not-found':
      return err(Errors.methodNotAvailable(method.name, method.provider));
    case 'validation':
      return err(Errors.validation(outcome.violations));
    case 'provider-rejected':
      return err(Errors.providerRejected(outcome.upstream));
    case 'authentication-failed':
      return err(Errors.authentication());
    case 'unavailable':
      return err(Errors.upstreamUnavailable(outcome.upstream, outcome.retryAfterSeconds));
  }
}

export type CancellationResult =
  | { readonly kind: 'canceled'; readonly note: string | null }
  | { readonly kind: 'failed'; readonly error: GatewayError };

/** CONTRACT.md §12, `/payment-cancellations` rows; "already canceled" after an unclear try counts as done. */
export function cancellationResult(outcome: CancelPaymentOutcome): CancellationResult {
  switch (outcome.kind) {
    case 'canceled':
      return { kind: 'canceled', note: null };
    case 'already-canceled':
      return { kind: 'canceled', note: 'the provider reported the payment as already canceled' };
    case 'provider-rejected':
      return { kind: 'failed', error: Errors.providerRejected(outcome.upstream) };
    case 'authentication-failed':
      return { kind: 'failed', error: Errors.authentication() };
    case 'unavailable':
      return { kind: 'failed', error: Errors.upstreamUnavailable(outcome.upstream, outcome.retryAfterSeconds) };
  }
}
