import type { ErrorCode } from '../domain/errors.ts';
import { paymentMatchesOrder } from '../domain/pre-order-payment.ts';
import type { PlaceOrderSuccess } from '../resolvers/place-order/answer-from-status.ts';
import { placeOrder } from '../resolvers/place-order/place-order.ts';
import type { PlacedOrder } from '../resolvers/place-order/placement-result.ts';
import { builder } from './builder.ts';
import { measured } from './measured.ts';
import { requireCaller } from './require-caller.ts';
import { resultUnion, toUnionMember } from './results.ts';
import { AddressInput, CustomerInput, ShipmentInput, toShipments } from './types/inputs.ts';
import { MoneyRef } from './types/money.ts';
import { PreOrderPaymentRef } from './types/pre-order-payment.ts';

const PlaceOrderInput = builder.inputType('PlaceOrderInput', {
  fields: (t) => ({
    preOrderPaymentId: t.id(),
    customer: t.field({
      type: CustomerInput,
      required: false,
      description: 'Omitted: as given at initialization. Same for billingAddress and shipments.',
    }),
    billingAddress: t.field({ type: AddressInput, required: false }),
    shipments: t.field({ type: [ShipmentInput], required: false }),
    idempotencyKey: t.string({ required: false }),
  }),
});

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
    paymentMatchesOrder: t.boolean({
      description:
        'False when the order costs something else than the pre-order payment (e.g. items were added to the cart elsewhere while the order was being placed). The order exists either way; the shop reviews a mismatch. True when the totals match or the commerce backend did not report the order total.',
      resolve: (s) => paymentMatchesOrder(s.record),
    }),
    orderTotal: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'What the order costs, as the commerce backend reported it when the order was placed; null when unknown.',
      resolve: (s) => s.record.orderTotal ?? null,
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

builder.mutationField('placeOrder', (t) =>
  t.field({
    type: PlaceOrderResult,
    args: { input: t.arg({ type: PlaceOrderInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      measured(ctx, { operation: 'placeOrder', successType: 'PlaceOrderSuccess' }, async () =>
        toUnionMember(
          await placeOrder(ctx.deps, requireCaller(ctx), {
            ...input,
            shipments: input.shipments ? toShipments(input.shipments) : null,
          }),
          PLACE_ORDER_ERRORS,
        ),
      ),
  }),
);
