import { GraphQLError } from 'graphql';
import type { ErrorCode, GatewayError } from '../domain/errors.ts';
import type { Result } from '../domain/result.ts';
import { findActivePreOrderPayment } from '../resolvers/queries/find-active-pre-order-payment.ts';
import { findPreOrderPayment } from '../resolvers/queries/find-pre-order-payment.ts';
import { listPaymentMethods } from '../resolvers/queries/list-payment-methods.ts';
import { watchPreOrderPayment } from '../resolvers/queries/watch-pre-order-payment.ts';
import { builder } from './builder.ts';
import { measured } from './measured.ts';
import { requireCaller } from './require-caller.ts';
import { resultUnion, toUnionMember } from './results.ts';
import { PaymentMethodListRef } from './types/payment-methods.ts';
import { PreOrderPaymentRef } from './types/pre-order-payment.ts';

const PAYMENT_METHODS_ERRORS = [
  'CART_NOT_FOUND',
  'AUTHENTICATION_FAILED',
  'UPSTREAM_UNAVAILABLE',
] as const satisfies readonly ErrorCode[];
const PaymentMethodsResult = resultUnion('PaymentMethodsResult', PaymentMethodListRef, PAYMENT_METHODS_ERRORS);

/** A nullable query field cannot carry a typed error: store or Glue outages become a top-level error. */
function valueOrThrow<T>(result: Result<T, GatewayError>): T {
  if (result.ok) return result.value;
  throw new GraphQLError(result.error.message, { extensions: { code: result.error.code } });
}

builder.queryFields((t) => ({
  paymentMethods: t.field({
    type: PaymentMethodsResult,
    description: 'Payment methods the commerce backend offers for this cart.',
    args: { cartId: t.arg.id({ required: true }) },
    resolve: (_root, { cartId }, ctx) =>
      measured(ctx, { operation: 'paymentMethods', successType: 'PaymentMethodList' }, async () =>
        toUnionMember(await listPaymentMethods(ctx.deps, requireCaller(ctx), String(cartId)), PAYMENT_METHODS_ERRORS),
      ),
  }),
  preOrderPayment: t.field({
    type: PreOrderPaymentRef,
    nullable: true,
    description: "Null when unknown or not the caller's.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      measured(ctx, { operation: 'preOrderPayment', successType: 'PreOrderPayment' }, async () =>
        valueOrThrow(await findPreOrderPayment(ctx.deps, requireCaller(ctx), String(id))),
      ),
  }),
  activePreOrderPayment: t.field({
    type: PreOrderPaymentRef,
    nullable: true,
    description:
      "The cart's live (not canceled, not expired) pre-order payment, if any: what a storefront reloads after a page refresh.",
    args: { cartId: t.arg.id({ required: true }) },
    resolve: (_root, { cartId }, ctx) =>
      measured(ctx, { operation: 'activePreOrderPayment', successType: 'PreOrderPayment' }, async () =>
        valueOrThrow(await findActivePreOrderPayment(ctx.deps, requireCaller(ctx), String(cartId))),
      ),
  }),
}));

builder.subscriptionFields((t) => ({
  preOrderPaymentUpdated: t.field({
    type: PreOrderPaymentRef,
    description:
      'Emits the pre-order payment once on subscribe, then after each change (GraphQL over SSE). Completes after ORDER_PLACED, CANCELED or EXPIRED.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, ctx) =>
      measured(ctx, { operation: 'preOrderPaymentUpdated', successType: 'subscribed' }, async () =>
        valueOrThrow(await watchPreOrderPayment(ctx.deps, requireCaller(ctx), String(id))),
      ),
    resolve: (record) => record,
  }),
}));
