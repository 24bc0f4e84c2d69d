import type { ErrorCode } from '../domain/errors.ts';
import { type CancelSuccess, cancelPreOrderPayment } from '../resolvers/cancel/cancel-pre-order-payment.ts';
import { builder } from './builder.ts';
import { measured } from './measured.ts';
import { requireCaller } from './require-caller.ts';
import { resultUnion, toUnionMember } from './results.ts';
import { PreOrderPaymentRef } from './types/pre-order-payment.ts';

const CancelInput = builder.inputType('CancelPreOrderPaymentInput', {
  fields: (t) => ({
    preOrderPaymentId: t.id(),
    idempotencyKey: t.string({ required: false }),
  }),
});

const CancelSuccessRef = builder.objectRef<CancelSuccess>('CancelPreOrderPaymentSuccess').implement({
  fields: (t) => ({
    preOrderPayment: t.field({ type: PreOrderPaymentRef, resolve: (s) => s.record }),
    replayed: t.exposeBoolean('replayed'),
  }),
});

const CANCEL_ERRORS = [
  'VALIDATION_FAILED',
  'AUTHENTICATION_FAILED',
  'PRE_ORDER_PAYMENT_NOT_FOUND',
  'ORDER_ALREADY_PLACED',
  'ORDER_OUTCOME_UNKNOWN',
  'PAYMENT_PROVIDER_REJECTED',
  'UPSTREAM_UNAVAILABLE',
  'OPERATION_IN_PROGRESS',
  'IDEMPOTENCY_KEY_CONFLICT',
  'RATE_LIMITED',
] as const satisfies readonly ErrorCode[];

const CancelResult = resultUnion('CancelPreOrderPaymentResult', CancelSuccessRef, CANCEL_ERRORS);

builder.mutationField('cancelPreOrderPayment', (t) =>
  t.field({
    type: CancelResult,
    args: { input: t.arg({ type: CancelInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      measured(ctx, { operation: 'cancelPreOrderPayment', successType: 'CancelPreOrderPaymentSuccess' }, async () =>
        toUnionMember(await cancelPreOrderPayment(ctx.deps, requireCaller(ctx), input), CANCEL_ERRORS),
      ),
  }),
);
