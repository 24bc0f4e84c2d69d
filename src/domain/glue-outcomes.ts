import type { GatewayError } from './errors.ts';
import { Errors } from './errors.ts';
import type {
  CancelPaymentOutcome,
  CartReadFailure,
  CreatePaymentOutcome,
  GlueCommonFailure,
} from './ports/glue-port.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

/**
 * What the use cases make of the Glue port's outcomes: each failure becomes the contract's error
 * for it (docs/glue-answers.md). Pure; the adapter already mapped Glue's raw answers to outcomes.
 */

/** Turns a read failure the Glue adapter reported into the contract's error for it. */
export function glueFailureToError(failure: GlueCommonFailure): GatewayError {
  switch (failure.kind) {
    case 'authentication-failed':
      return Errors.authentication();
    case 'unavailable':
      return Errors.upstreamUnavailable(failure.upstream, failure.retryAfterSeconds);
  }
}

export function cartReadFailureToError(failure: CartReadFailure, cartId: string): GatewayError {
  switch (failure.kind) {
    case 'cart-not-found':
      return Errors.cartNotFound(cartId);
    case 'cart-empty':
      return Errors.cartEmpty(cartId);
    case 'validation':
      return Errors.validation(failure.violations);
    case 'rejected':
      // A refusal of the order data itself (e.g. an unknown shipment method): the shopper must correct the input.
      return Errors.validation([
        { path: 'input', message: failure.upstream.detail ?? 'The commerce backend refused the checkout data.' },
      ]);
    default:
      return glueFailureToError(failure);
  }
}

export interface CreatedPayment {
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
  readonly transactionId: string | null;
}

/** docs/glue-answers.md, `/payments` rows. */
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
  /** A clear "no", or nothing reached Glue: the payment is as it was. */
  | { readonly kind: 'failed'; readonly error: GatewayError }
  /** Sent without a clear answer: it may take effect, so it stays CANCELING and is repeated. */
  | { readonly kind: 'unclear'; readonly error: GatewayError };

/** docs/glue-answers.md, `/payment-cancellations` rows; "already canceled" after an unclear try counts as done. */
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
    case 'no-answer':
      return { kind: 'unclear', error: Errors.upstreamUnavailable(outcome.upstream) };
  }
}
