import { describe, expect, it } from 'vitest';
import { Errors } from '../../../src/domain/errors.ts';
import {
  cancellationResult,
  cartReadFailureToError,
  createdPaymentOrError,
  glueFailureToError,
} from '../../../src/domain/glue-outcomes.ts';

const STRIPE = { name: 'Stripe', provider: 'Stripe' };
const UPSTREAM = { status: 422, code: '1234', detail: 'refused' };

describe('glueFailureToError', () => {
  it('maps a refused credential to AUTHENTICATION_FAILED', () => {
    expect(glueFailureToError({ kind: 'authentication-failed', upstream: { status: 401 } })).toEqual(
      Errors.authentication(),
    );
  });

  it('maps unavailable to a retryable UPSTREAM_UNAVAILABLE carrying Glue’s Retry-After', () => {
    const error = glueFailureToError({ kind: 'unavailable', upstream: { status: 503 }, retryAfterSeconds: 7 });
    expect(error).toEqual({ ...Errors.upstreamUnavailable({ status: 503 }), retryAfterSeconds: 7 });
  });

  it('answers retryAfterSeconds 1 when Glue named none', () => {
    const error = glueFailureToError({ kind: 'unavailable', upstream: null, retryAfterSeconds: null });
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfterSeconds: 1 });
  });
});

describe('cartReadFailureToError', () => {
  it('maps cart-not-found and cart-empty to the cart errors naming the cart', () => {
    expect(cartReadFailureToError({ kind: 'cart-not-found' }, 'cart-1')).toEqual(Errors.cartNotFound('cart-1'));
    expect(cartReadFailureToError({ kind: 'cart-empty' }, 'cart-1')).toEqual(Errors.cartEmpty('cart-1'));
  });

  it('keeps Glue’s violations of a validation failure', () => {
    const violations = [{ path: 'input.billingAddress.zipCode', message: 'invalid' }];
    expect(cartReadFailureToError({ kind: 'validation', violations, upstream: UPSTREAM }, 'cart-1')).toEqual(
      Errors.validation(violations),
    );
  });

  it('turns any other refusal of the read into a VALIDATION_FAILED at input with Glue’s detail', () => {
    expect(cartReadFailureToError({ kind: 'rejected', upstream: UPSTREAM }, 'cart-1')).toEqual(
      Errors.validation([{ path: 'input', message: 'refused' }]),
    );
  });

  it('uses a generic message for a refusal without detail', () => {
    const error = cartReadFailureToError({ kind: 'rejected', upstream: { status: 422 } }, 'cart-1');
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      violations: [{ path: 'input', message: 'The commerce backend refused the checkout data.' }],
    });
  });

  it('maps the common failures like glueFailureToError', () => {
    expect(cartReadFailureToError({ kind: 'authentication-failed', upstream: UPSTREAM }, 'cart-1').code).toBe(
      'AUTHENTICATION_FAILED',
    );
    expect(
      cartReadFailureToError({ kind: 'unavailable', upstream: null, retryAfterSeconds: null }, 'cart-1').code,
    ).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('createdPaymentOrError (`/payments` rows)', () => {
  it('keeps the provider map and transaction id of a created payment', () => {
    const preOrderPaymentData = { transactionId: 'pi_1', clientSecret: 's' };
    expect(createdPaymentOrError({ kind: 'created', preOrderPaymentData, transactionId: 'pi_1' }, STRIPE)).toEqual({
      ok: true,
      value: { preOrderPaymentData, transactionId: 'pi_1' },
    });
  });

  it('maps method-not-found to PAYMENT_METHOD_NOT_AVAILABLE naming the method', () => {
    expect(createdPaymentOrError({ kind: 'method-not-found', upstream: UPSTREAM }, STRIPE)).toEqual({
      ok: false,
      error: Errors.methodNotAvailable('Stripe', 'Stripe'),
    });
  });

  it('maps validation, provider-rejected, authentication-failed and unavailable to their errors', () => {
    const violations = [{ path: 'input.customer.email', message: 'bad' }];
    const cases = [
      [{ kind: 'validation', violations, upstream: UPSTREAM }, Errors.validation(violations)],
      [{ kind: 'provider-rejected', upstream: UPSTREAM }, Errors.providerRejected(UPSTREAM)],
      [{ kind: 'authentication-failed', upstream: UPSTREAM }, Errors.authentication()],
      [{ kind: 'unavailable', upstream: null, retryAfterSeconds: 3 }, Errors.upstreamUnavailable(null, 3)],
    ] as const;
    for (const [outcome, error] of cases) {
      expect(createdPaymentOrError(outcome, STRIPE)).toEqual({ ok: false, error });
    }
  });
});

describe('cancellationResult (`/payment-cancellations` rows)', () => {
  it('counts a cancellation as done without a note', () => {
    expect(cancellationResult({ kind: 'canceled' })).toEqual({ kind: 'canceled', note: null });
  });

  it('counts "already canceled" as done, with a note for the event', () => {
    expect(cancellationResult({ kind: 'already-canceled', upstream: UPSTREAM })).toEqual({
      kind: 'canceled',
      note: 'the provider reported the payment as already canceled',
    });
  });

  it('fails with PAYMENT_PROVIDER_REJECTED on a refusal', () => {
    expect(cancellationResult({ kind: 'provider-rejected', upstream: UPSTREAM })).toEqual({
      kind: 'failed',
      error: Errors.providerRejected(UPSTREAM),
    });
  });

  it('fails with AUTHENTICATION_FAILED or a retryable UPSTREAM_UNAVAILABLE', () => {
    expect(cancellationResult({ kind: 'authentication-failed', upstream: UPSTREAM })).toEqual({
      kind: 'failed',
      error: Errors.authentication(),
    });
    expect(cancellationResult({ kind: 'unavailable', upstream: { status: 502 }, retryAfterSeconds: null })).toEqual({
      kind: 'failed',
      error: Errors.upstreamUnavailable({ status: 502 }),
    });
  });
});
