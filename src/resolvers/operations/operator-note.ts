import { Errors } from '../../domain/errors.ts';
import { parsePreOrderPaymentId } from '../../domain/ids.ts';
import { notApplicable, type OperatorError } from '../../domain/operator-errors.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/** What an operator does to one payment: which, what, their note, and which payments it applies to. */
export interface OperatorAction {
  readonly preOrderPaymentId: string;
  /** What the operator decided, in a few words, for the event. */
  readonly action: string;
  readonly note: string;
  /** Whether the action applies to the payment as it is; one that does not is refused with nothing written. */
  readonly appliesTo: (record: PreOrderPaymentRecord) => boolean;
}

/**
 * Records an operator's action on the payment as an OPERATOR_ACTION event with the note, before
 * anything else happens to it, and answers the payment as recorded. A payment the action does not
 * apply to is left untouched (NOT_APPLICABLE): a note is a write, and a write under work that holds
 * the payment (a placement in flight) would move the version that work's next write expects.
 */
export async function noteOperatorAction(
  deps: UseCaseDeps,
  action: OperatorAction,
): Promise<Result<PreOrderPaymentRecord, OperatorError>> {
  const id = parsePreOrderPaymentId(action.preOrderPaymentId);
  if (!id) return err(Errors.notFound());
  const read = await deps.store.get(id);
  if (!read.ok) return read;
  if (!read.value) return err(Errors.notFound());
  if (!action.appliesTo(read.value)) {
    deps.logger.info({ preOrderPaymentId: id, action: action.action }, 'operator action refused: not applicable');
    return err(notApplicable(read.value.status));
  }
  const noted = await transitionTo(deps, read.value, {
    changes: {},
    event: { type: 'OPERATOR_ACTION', message: `${action.action}: ${action.note}` },
  });
  if (!noted.ok) return noted;
  if (!noted.value.won) return err(Errors.inProgress());
  deps.logger.info({ preOrderPaymentId: id, action: action.action }, 'operator action');
  return ok(noted.value.record);
}
