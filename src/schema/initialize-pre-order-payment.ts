import type { ErrorCode } from '../domain/errors.ts';
import type { InitializeSuccess } from '../resolvers/initialize/initialization-request.ts';
import { initializePreOrderPayment } from '../resolvers/initialize/initialize-pre-order-payment.ts';
import { builder } from './builder.ts';
import { measured } from './measured.ts';
import { requireCaller } from './require-caller.ts';
import { resultUnion, toUnionMember } from './results.ts';
import {
  AddressInput,
  CustomerInput,
  IDEMPOTENCY_KEY_DESCRIPTION,
  ShipmentInput,
  toShipments,
} from './types/inputs.ts';
import { PreOrderPaymentRef } from './types/pre-order-payment.ts';

const InitializeInput = builder.inputType('InitializePreOrderPaymentInput', {
  fields: (t) => ({
    cartId: t.id(),
    paymentMethodName: t.string(),
    paymentProviderName: t.string(),
    customer: t.field({ type: CustomerInput }),
    billingAddress: t.field({ type: AddressInput }),
    shipments: t.field({
      type: [ShipmentInput],
      description:
        'The shipments the order will have, so that the amount includes shipping costs (empty for carts that ship nothing).',
    }),
    idempotencyKey: t.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
  }),
});

const InitializeSuccessRef = builder.objectRef<InitializeSuccess>('InitializePreOrderPaymentSuccess').implement({
  fields: (t) => ({
    preOrderPayment: t.field({ type: PreOrderPaymentRef, resolve: (s) => s.record }),
    replayed: t.exposeBoolean('replayed', {
      description:
        'True when no new work was done: an idempotent replay, or an unchanged cart answered from the existing pre-order payment.',
    }),
  }),
});

const INITIALIZE_ERRORS = [
  'VALIDATION_FAILED',
  'AUTHENTICATION_FAILED',
  'CART_NOT_FOUND',
  'CART_EMPTY',
  'PAYMENT_METHOD_NOT_AVAILABLE',
  'PAYMENT_PROVIDER_REJECTED',
  'UPSTREAM_UNAVAILABLE',
  'ORDER_ALREADY_PLACED',
  'ORDER_OUTCOME_UNKNOWN',
  'OPERATION_IN_PROGRESS',
  'IDEMPOTENCY_KEY_CONFLICT',
  'RATE_LIMITED',
] as const satisfies readonly ErrorCode[];

const InitializeResult = resultUnion('InitializePreOrderPaymentResult', InitializeSuccessRef, INITIALIZE_ERRORS);

builder.mutationField('initializePreOrderPayment', (t) =>
  t.field({
    type: InitializeResult,
    args: { input: t.arg({ type: InitializeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      measured(
        ctx,
        { operation: 'initializePreOrderPayment', successType: 'InitializePreOrderPaymentSuccess' },
        async () =>
          toUnionMember(
            await initializePreOrderPayment(ctx.deps, requireCaller(ctx), {
              ...input,
              shipments: toShipments(input.shipments),
            }),
            INITIALIZE_ERRORS,
          ),
      ),
  }),
);
