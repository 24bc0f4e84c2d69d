import type {
  PreOrderPaymentEvent,
  PreOrderPaymentEventType,
  PreOrderPaymentRecord,
  PublicStatus,
} from '../../domain/pre-order-payment.ts';
import { publicStatus, shopperVisibleEvents } from '../../domain/pre-order-payment.ts';
import type { ProviderData } from '../../domain/provider-data.ts';
import { builder } from '../builder.ts';
import { MoneyRef } from './money.ts';

const STATUSES: readonly PublicStatus[] = [
  'INITIALIZED',
  'PLACING_ORDER',
  'CANCELING',
  'ORDER_PLACED',
  'CANCELED',
  'EXPIRED',
  'ORDER_OUTCOME_UNKNOWN',
];
const STATUS_DESCRIPTIONS: Partial<Record<PublicStatus, string>> = {
  INITIALIZED: "Created at the payment provider; the shopper can authorize it in the provider's widget.",
  PLACING_ORDER: 'placeOrder is talking to the commerce backend right now.',
  CANCELING:
    'A cancellation or a release was sent to the payment provider; one without a clear answer stays here and is repeated until the provider answers.',
  EXPIRED: 'Not completed in time, and released (canceled) at the provider by the gateway.',
  ORDER_OUTCOME_UNKNOWN:
    "The order request's outcome is unknown; kept for reconciliation, never released automatically.",
};

export const PreOrderPaymentStatusEnum = builder.enumType('PreOrderPaymentStatus', {
  values: Object.fromEntries(
    STATUSES.map((status) => [status, { description: STATUS_DESCRIPTIONS[status] }]),
  ) as Record<PublicStatus, { description?: string }>,
});

const EVENT_TYPES: readonly PreOrderPaymentEventType[] = [
  'INITIALIZED',
  'REINITIALIZED',
  'CANCELED',
  'ORDER_PLACEMENT_STARTED',
  'ORDER_PLACED',
  'ORDER_PLACEMENT_REJECTED',
  'ORDER_OUTCOME_UNKNOWN',
  'EXPIRED',
  'RELEASE_FAILED',
];
const EventTypeEnum = builder.enumType('PreOrderPaymentEventType', { values: EVENT_TYPES });

const EventRef = builder.objectRef<PreOrderPaymentEvent>('PreOrderPaymentEvent').implement({
  fields: (t) => ({
    type: t.field({ type: EventTypeEnum, resolve: (event) => event.type }),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
    message: t.string({ nullable: true, resolve: (event) => event.message ?? null }),
  }),
});

type Stripe = Extract<ProviderData, { kind: 'stripe' }>;
type PayPal = Extract<ProviderData, { kind: 'paypal-express' }>;
type Generic = Extract<ProviderData, { kind: 'generic' }>;

const StripeRef = builder.objectRef<Stripe>('StripePaymentData').implement({
  isTypeOf: (value) => (value as ProviderData).kind === 'stripe',
  fields: (t) => ({
    transactionId: t.exposeString('transactionId'),
    clientSecret: t.exposeString('clientSecret'),
    publishableKey: t.exposeString('publishableKey'),
    accountId: t.string({ nullable: true, resolve: (data) => data.accountId }),
  }),
});

const nullableString = (key: keyof PayPal) => ({
  nullable: true as const,
  resolve: (data: PayPal) => (data[key] as string | null) ?? null,
});

const PayPalRef = builder.objectRef<PayPal>('PayPalExpressPaymentData').implement({
  isTypeOf: (value) => (value as ProviderData).kind === 'paypal-express',
  fields: (t) => ({
    transactionId: t.exposeString('transactionId'),
    orderId: t.string(nullableString('orderId')),
    token: t.string(nullableString('token')),
    clientId: t.string(nullableString('clientId')),
    merchantId: t.string(nullableString('merchantId')),
    currency: t.string(nullableString('currency')),
  }),
});

const EntryRef = builder.objectRef<Generic['entries'][number]>('ProviderDataEntry').implement({
  fields: (t) => ({ key: t.exposeString('key'), value: t.string({ nullable: true, resolve: (entry) => entry.value }) }),
});

const GenericRef = builder.objectRef<Generic>('GenericPaymentData').implement({
  isTypeOf: (value) => (value as ProviderData).kind === 'generic',
  fields: (t) => ({
    transactionId: t.string({ nullable: true, resolve: (data) => data.transactionId }),
    entries: t.field({ type: [EntryRef], resolve: (data) => data.entries }),
  }),
});

const ProviderDataUnion = builder.unionType('PaymentProviderData', {
  types: [StripeRef, PayPalRef, GenericRef],
  resolveType: (data) =>
    ({ stripe: 'StripePaymentData', 'paypal-express': 'PayPalExpressPaymentData', generic: 'GenericPaymentData' })[
      data.kind
    ],
});

export const PreOrderPaymentRef = builder.objectRef<PreOrderPaymentRecord>('PreOrderPayment').implement({
  description:
    'A payment created at the payment provider before the order exists, held by the gateway for a limited time.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Opaque and unguessable.' }),
    status: t.field({ type: PreOrderPaymentStatusEnum, resolve: (record) => publicStatus(record.status) }),
    cartId: t.exposeID('cartId'),
    amount: t.field({
      type: MoneyRef,
      description: "The total the commerce backend computes for this cart and its shipments, never a client's figure.",
      resolve: (record) => record.amount,
    }),
    paymentMethodName: t.exposeString('paymentMethodName'),
    paymentProviderName: t.exposeString('paymentProviderName'),
    transactionId: t.string({ nullable: true, resolve: (record) => record.transactionId }),
    providerData: t.field({
      type: ProviderDataUnion,
      description: "What the storefront needs to render the provider's widget, typed per provider.",
      resolve: (record, _args, ctx) => ctx.providerData(record),
    }),
    preOrderPaymentData: t.field({
      type: 'JSON',
      description: "The provider's data exactly as the commerce backend returned it.",
      resolve: (record) => record.preOrderPaymentData,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (record) => record.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (record) => record.updatedAt }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'After this instant an unfinished pre-order payment is released at the provider.',
      resolve: (record) => record.expiresAt,
    }),
    orderReference: t.string({ nullable: true, resolve: (record) => record.orderReference }),
    events: t.field({ type: [EventRef], resolve: (record) => shopperVisibleEvents(record.events) }),
  }),
});
