import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import { parsePreOrderPaymentId } from '../../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/** What an operator does to one payment: which, what, and their note. */
export interface OperatorAction {
  readonly preOrderPaymentId: string;
  /** What the operator decided, in a few words, for the event. */
  readonly action: string;
  readonly note: string;
}

/**
 * Records an operator's action on the payment as an OPERATOR_ACTION event with the note, before
 * anything else happens to it, and answers the payment as recorded.
 */
export async function noteOperatorAction(
  deps: UseCaseDeps,
  action: OperatorAction,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  const id = parsePreOrderPaymentId(action.preOrderPaymentId);
  if (!id) return err(Errors.notFound());
  const read = await deps.store.get(id);
  if (!read.ok) return read;
  if (!read.value) return err(Errors.notFound());
  const noted = await transitionTo(deps, read.value, {
    changes: {},
    event: { type: 'OPERATOR_ACTION', message: `${action.action}: ${action.note}` },
  });
  if (!noted.ok) return noted;
  if (!noted.value.won) return err(Errors.inProgress());
  deps.logger.info({ preOrderPaymentId: id, action: action.action }, 'operator action');
  return ok(noted.value.record);
}
