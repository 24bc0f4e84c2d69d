import type { Shipment } from '../domain/checkout-inputs.ts';
import type { ErrorCode } from '../domain/errors.ts';
import type { CancelSuccess } from '../resolvers/cancel-pre-order-payment.ts';
import { cancelPreOrderPayment } from '../resolvers/cancel-pre-order-payment.ts';
import type { InitializeSuccess } from '../resolvers/initialize-pre-order-payment.ts';
import { initializePreOrderPayment } from '../resolvers/initialize-pre-order-payment.ts';
import type { PlaceOrderSuccess } from '../resolvers/place-order.ts';
import { placeOrder } from '../resolvers/place-order.ts';
import type { PlacedOrder } from '../resolvers/placement.ts';
import { builder } from './builder.ts';
import { CancelInput, InitializeInput, PlaceOrderInput } from './inputs.ts';
import { PreOrderPaymentRef } from './pre-order-payment.ts';
import { requireCaller } from './require-caller.ts';
import { resultUnion, toUnionMember } from './results.ts';

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

const PlacedOrderRef = builder.objectRef<PlacedOrder>('PlacedOrder').implement({
  fields: (t) => ({
    orderReference: t.exposeString('orderReference'),
    redirectUrl: t.string({ nullable: true, resolve: (o) => o.redirectUrl }),
    isExternalRedirect: t.boolean({ nullable: true, resolve: (o) => o.isExternalRedirect }),
  }),
});

const PlaceOrderSuccessRef = builder.objectRef<PlaceOrderSuccess>('PlaceOrderSuccess').implement({
  fields: (t) => ({
    order: t.field({ type: PlacedOrderRef, resolve: (s) => s.order }),
    preOrderPayment: t.field({ type: PreOrderPaymentRef, resolve: (s) => s.record }),
    replayed: t.exposeBoolean('replayed', {
      description:
        'True when the order had already been placed for this pre-order payment and no new order was requested.',
    }),
  }),
});

const PLACE_ORDER_ERRORS = [
  'VALIDATION_FAILED',
  'AUTHENTICATION_FAILED',
  'PRE_ORDER_PAYMENT_NOT_FOUND',
  'PRE_ORDER_PAYMENT_EXPIRED',
  'PRE_ORDER_PAYMENT_CANCELED',
  'CART_NOT_FOUND',
  'CART_CHANGED',
  'CHECKOUT_REJECTED',
  'ORDER_OUTCOME_UNKNOWN',
  'UPSTREAM_UNAVAILABLE',
  'OPERATION_IN_PROGRESS',
  'IDEMPOTENCY_KEY_CONFLICT',
  'RATE_LIMITED',
] as const satisfies readonly ErrorCode[];

const PlaceOrderResult = resultUnion('PlaceOrderResult', PlaceOrderSuccessRef, PLACE_ORDER_ERRORS);

/** GraphQL input objects arrive with absent optional fields as undefined; the use cases take null. */
function shipments(
  list: readonly {
    shipmentMethodId: number;
    shippingAddress: Shipment['shippingAddress'];
    itemGroupKeys?: string[] | null;
    requestedDeliveryDate?: string | null;
  }[],
): Shipment[] {
  return list.map((s) => ({
    ...s,
    itemGroupKeys: s.itemGroupKeys ?? null,
    requestedDeliveryDate: s.requestedDeliveryDate ?? null,
  }));
}

builder.mutationFields((t) => ({
  initializePreOrderPayment: t.field({
    type: InitializeResult,
    args: { input: t.arg({ type: InitializeInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toUnionMember(
        await initializePreOrderPayment(ctx.deps, requireCaller(ctx), {
          ...input,
          shipments: shipments(input.shipments),
        }),
        INITIALIZE_ERRORS,
      ),
  }),
  cancelPreOrderPayment: t.field({
    type: CancelResult,
    args: { input: t.arg({ type: CancelInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toUnionMember(await cancelPreOrderPayment(ctx.deps, requireCaller(ctx), input), CANCEL_ERRORS),
  }),
  placeOrder: t.field({
    type: PlaceOrderResult,
    args: { input: t.arg({ type: PlaceOrderInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toUnionMember(
        await placeOrder(ctx.deps, requireCaller(ctx), {
          ...input,
          shipments: input.shipments ? shipments(input.shipments) : null,
        }),
        PLACE_ORDER_ERRORS,
      ),
  }),
}));
