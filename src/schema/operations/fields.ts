import { GraphQLError } from 'graphql';
import type { OperatorError } from '../../domain/operator-errors.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { acknowledgeOrderMismatch } from '../../resolvers/operations/acknowledge-order-mismatch.ts';
import {
  listPaymentsNeedingAttention,
  type NeedingAttention,
} from '../../resolvers/operations/list-payments-needing-attention.ts';
import { resolveOrderOutcome } from '../../resolvers/operations/resolve-order-outcome.ts';
import { retryRelease } from '../../resolvers/operations/retry-release.ts';
import { opsBuilder } from './builder.ts';
import { NeedingAttentionEdgeRef, OperatorResultUnion, PageInfoRef } from './types.ts';

interface AttentionConnection {
  readonly edges: readonly { readonly node: NeedingAttention; readonly cursor: string }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

const ConnectionRef = opsBuilder.objectRef<AttentionConnection>('PaymentsNeedingAttentionConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [NeedingAttentionEdgeRef], resolve: (connection) => connection.edges }),
    pageInfo: t.field({ type: PageInfoRef, resolve: (connection) => connection.pageInfo }),
  }),
});

const encodeCursor = (cursor: NeedingAttention['cursor']): string =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(raw: string | null | undefined): NeedingAttention['cursor'] | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { since?: unknown; id?: unknown };
    if (typeof value.since === 'number' && typeof value.id === 'string') return { since: value.since, id: value.id };
  } catch {
    // Falls through to the error below.
  }
  throw new GraphQLError('after is not a cursor this query gave', { extensions: { code: 'BAD_USER_INPUT' } });
}

function answer(result: Result<PreOrderPaymentRecord, OperatorError>) {
  return result.ok ? { payment: result.value } : result.error;
}

/** A store outage on a query is a top-level error: the connection cannot carry one. */
function valueOrThrow<T>(result: Result<T, OperatorError>): T {
  if (result.ok) return result.value;
  throw new GraphQLError(result.error.message, { extensions: { code: result.error.code } });
}

opsBuilder.queryField('preOrderPaymentsNeedingAttention', (t) =>
  t.field({
    type: ConnectionRef,
    description:
      'Payments an operator must look at, oldest first: unknown order outcomes, failed or overdue releases, stale placements or cancellations, placed orders whose total differs from the payment. Each with its events.',
    args: { first: t.arg.int({ required: false, defaultValue: 20 }), after: t.arg.string({ required: false }) },
    resolve: async (_root, args, ctx) => {
      const first = Math.min(Math.max(args.first ?? 20, 1), 100);
      const page = valueOrThrow(
        await listPaymentsNeedingAttention(ctx.deps, { first, after: decodeCursor(args.after) }),
      );
      const edges = page.items.map((node) => ({ node, cursor: encodeCursor(node.cursor) }));
      return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  }),
);

const ResolveInput = opsBuilder.inputType('ResolveOrderOutcomeInput', {
  fields: (t) => ({
    preOrderPaymentId: t.id(),
    orderReference: t.string({ required: false, description: 'The order Spryker’s back office shows. Or notPlaced.' }),
    notPlaced: t.boolean({ required: false, description: 'No order exists: release the payment at the provider.' }),
    note: t.string({ description: 'Why; recorded on the payment with the action.' }),
  }),
});

const RetryInput = opsBuilder.inputType('RetryReleaseInput', {
  fields: (t) => ({ preOrderPaymentId: t.id(), note: t.string() }),
});

const AcknowledgeInput = opsBuilder.inputType('AcknowledgeOrderMismatchInput', {
  fields: (t) => ({
    preOrderPaymentId: t.id(),
    note: t.string({ description: 'What was decided about the order; recorded on the payment with the action.' }),
  }),
});

opsBuilder.mutationFields((t) => ({
  resolveOrderOutcome: t.field({
    type: OperatorResultUnion,
    description: 'Settles an ORDER_OUTCOME_UNKNOWN payment: placed with this order, or not placed (released).',
    args: { input: t.arg({ type: ResolveInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      answer(
        await resolveOrderOutcome(ctx.deps, {
          ...input,
          preOrderPaymentId: String(input.preOrderPaymentId),
          requestId: ctx.requestId,
        }),
      ),
  }),
  acknowledgeOrderMismatch: t.field({
    type: OperatorResultUnion,
    description:
      'Ends the listing of a placed order whose total differs from its payment, once an operator decided what to do with it.',
    args: { input: t.arg({ type: AcknowledgeInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      answer(
        await acknowledgeOrderMismatch(ctx.deps, { ...input, preOrderPaymentId: String(input.preOrderPaymentId) }),
      ),
  }),
  retryRelease: t.field({
    type: OperatorResultUnion,
    description: 'Tries the release of a payment whose release failed or is overdue once more, now.',
    args: { input: t.arg({ type: RetryInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      answer(
        await retryRelease(ctx.deps, {
          ...input,
          preOrderPaymentId: String(input.preOrderPaymentId),
          requestId: ctx.requestId,
        }),
      ),
  }),
}));
