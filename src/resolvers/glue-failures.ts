import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import type { CartReadFailure, GlueCommonFailure } from '../domain/ports/glue-port.ts';

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
