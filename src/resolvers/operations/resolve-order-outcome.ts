import { Errors } from '../../domain/errors.ts';
import { gatewayCaller } from '../../domain/identity.ts';
import type { OperatorError } from '../../domain/operator-errors.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { cancelAtProvider } from '../payment-record/cancel-at-provider.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { noteOperatorAction } from './operator-note.ts';

export interface OutcomeResolution {
  readonly preOrderPaymentId: string;
  /** The order Spryker's back office shows for this payment; or `notPlaced`. */
  readonly orderReference?: string | null;
  /** No order exists: the payment is released at the provider. */
  readonly notPlaced?: boolean | null;
  readonly note: string;
  readonly requestId: string;
}

/**
 * resolveOrderOutcome (operators' view): an ORDER_OUTCOME_UNKNOWN payment whose outcome an operator
 * settled in Spryker's back office becomes ORDER_PLACED with that order, or, when no order exists,
 * is released at the provider (CANCELED). The operator's note is an event on the payment first.
 */
export async function resolveOrderOutcome(
  deps: UseCaseDeps,
  resolution: OutcomeResolution,
): Promise<Result<PreOrderPaymentRecord, OperatorError>> {
  const reference = resolution.orderReference?.trim() ?? '';
  if ((reference === '') === !resolution.notPlaced) {
    return err(Errors.validation([{ path: 'input', message: 'give either orderReference or notPlaced: true' }]));
  }
  const noted = await noteOperatorAction(deps, {
    preOrderPaymentId: resolution.preOrderPaymentId,
    action: reference ? `resolved as placed with order ${reference}` : 'resolved as not placed',
    note: resolution.note,
    appliesTo: (record) => record.status === 'ORDER_OUTCOME_UNKNOWN',
  });
  if (!noted.ok) return noted;
  const record = noted.value;
  if (reference) {
    const placed = await transitionTo(deps, record, {
      changes: { status: 'ORDER_PLACED', orderReference: reference, reconciliation: null },
      event: { type: 'ORDER_PLACED', message: `${reference}, confirmed by an operator` },
    });
    if (!placed.ok) return placed;
    return placed.value.won ? ok(placed.value.record) : err(Errors.inProgress());
  }
  const released = await cancelAtProvider(deps, {
    caller: gatewayCaller(resolution.requestId),
    record,
    purpose: 'operator',
    reason: 'released by an operator: no order was placed',
  });
  switch (released.kind) {
    case 'canceled':
      return ok(released.record);
    case 'lost':
      return err(Errors.inProgress());
    default:
      return err(released.error);
  }
}
