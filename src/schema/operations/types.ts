import type { AttentionReason } from '../../domain/attention.ts';
import type { Money } from '../../domain/money.ts';
import type { OperatorError } from '../../domain/operator-errors.ts';
import {
  type PreOrderPaymentEvent,
  type PreOrderPaymentRecord,
  paymentMatchesOrder,
} from '../../domain/pre-order-payment.ts';
import type { NeedingAttention } from '../../resolvers/operations/list-payments-needing-attention.ts';
import { opsBuilder } from './builder.ts';

const REASONS: Record<AttentionReason, string> = {
  ORDER_OUTCOME_UNKNOWN:
    'The order request’s outcome is unknown; settle it in Spryker’s back office, then resolveOrderOutcome.',
  RELEASE_FAILED:
    'Its release failed RELEASE_MAX_ATTEMPTS times; the hold at the provider stays until retryRelease succeeds.',
  RELEASE_OVERDUE: 'Past its deadline and not yet released (the sweeper is behind or retrying).',
  PLACEMENT_STALE: 'PLACING_ORDER, and the placement’s lease ran out (its process may have died).',
  CANCELLATION_STALE: 'CANCELING without a clear answer, and its lease ran out: the cancellation is repeated.',
  ORDER_TOTAL_MISMATCH:
    'ORDER_PLACED, but the order costs something else than the payment; decide in Spryker’s back office, then acknowledgeOrderMismatch.',
};

export const AttentionReasonEnum = opsBuilder.enumType('AttentionReason', {
  values: Object.fromEntries(Object.entries(REASONS).map(([name, description]) => [name, { description }])),
});

const EventRef = opsBuilder.objectRef<PreOrderPaymentEvent>('PaymentEvent').implement({
  fields: (t) => ({
    type: t.exposeString('type'),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
    message: t.string({ nullable: true, resolve: (event) => event.message ?? null }),
  }),
});

const MoneyRef = opsBuilder.objectRef<Money>('Money').implement({
  fields: (t) => ({
    amount: t.exposeInt('amount', { description: 'Minor units.' }),
    currency: t.exposeString('currency'),
  }),
});

export const OpsPaymentRef = opsBuilder.objectRef<PreOrderPaymentRecord>('PreOrderPayment').implement({
  description: 'A pre-order payment as operators see it (no provider secrets).',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.exposeString('status'),
    cartId: t.exposeID('cartId'),
    ownerKind: t.exposeString('ownerKind'),
    amount: t.int({ description: 'Minor units.', resolve: (record) => record.amount.amount }),
    currency: t.string({ resolve: (record) => record.amount.currency }),
    paymentMethodName: t.exposeString('paymentMethodName'),
    paymentProviderName: t.exposeString('paymentProviderName'),
    transactionId: t.string({ nullable: true, resolve: (record) => record.transactionId }),
    orderReference: t.string({ nullable: true, resolve: (record) => record.orderReference }),
    orderTotal: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'What the placed order costs, as Glue’s checkout answer said; null when unknown.',
      resolve: (record) => record.orderTotal ?? null,
    }),
    paymentMatchesOrder: t.boolean({
      description: 'False when the placed order costs something else than the payment (as the shopper was told).',
      resolve: (record) => paymentMatchesOrder(record),
    }),
    mismatchAcknowledged: t.boolean({
      description: 'An operator acknowledged the order total mismatch (false when there is none).',
      resolve: (record) => record.orderMismatch?.acknowledged === true,
    }),
    expiresAt: t.field({ type: 'DateTime', resolve: (record) => record.expiresAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (record) => record.updatedAt }),
    releaseAttempts: t.int({ resolve: (record) => record.release?.attempts ?? 0 }),
    events: t.field({ type: [EventRef], resolve: (record) => record.events }),
  }),
});

const NeedingAttentionRef = opsBuilder.objectRef<NeedingAttention>('PaymentNeedingAttention').implement({
  fields: (t) => ({
    reason: t.field({ type: AttentionReasonEnum, resolve: (item) => item.reason }),
    since: t.field({ type: 'DateTime', resolve: (item) => item.since }),
    payment: t.field({ type: OpsPaymentRef, resolve: (item) => item.record }),
  }),
});

export const NeedingAttentionEdgeRef = opsBuilder
  .objectRef<{ readonly node: NeedingAttention; readonly cursor: string }>('PaymentNeedingAttentionEdge')
  .implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.field({ type: NeedingAttentionRef, resolve: (edge) => edge.node }),
    }),
  });

export const PageInfoRef = opsBuilder
  .objectRef<{ readonly hasNextPage: boolean; readonly endCursor: string | null }>('PageInfo')
  .implement({
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.string({ nullable: true, resolve: (info) => info.endCursor }),
    }),
  });

export const OperatorErrorRef = opsBuilder.objectRef<OperatorError>('OperatorActionRefused').implement({
  description: 'The action was not done: the code says why (NOT_APPLICABLE: the payment’s status does not allow it).',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

export const OperatorSuccessRef = opsBuilder
  .objectRef<{ readonly payment: PreOrderPaymentRecord }>('OperatorActionDone')
  .implement({ fields: (t) => ({ payment: t.field({ type: OpsPaymentRef, resolve: (done) => done.payment }) }) });

export const OperatorResultUnion = opsBuilder.unionType('OperatorActionResult', {
  types: [OperatorSuccessRef, OperatorErrorRef],
  resolveType: (value) => ('code' in value ? 'OperatorActionRefused' : 'OperatorActionDone'),
});
