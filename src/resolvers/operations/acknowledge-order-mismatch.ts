import { Errors } from '../../domain/errors.ts';
import type { OperatorError } from '../../domain/operator-errors.ts';
import { hasOpenOrderMismatch, type PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { noteOperatorAction } from './operator-note.ts';

/**
 * acknowledgeOrderMismatch (operators' view): an operator has looked at a placed order whose total
 * differs from its payment (docs/place-order.md item 8) and decided what to do in Spryker's back
 * office or at the provider; the payment leaves the list. The mismatch itself stays on the record,
 * so the shopper's answer (`paymentMatchesOrder: false`) does not change. The note is an event first.
 */
export async function acknowledgeOrderMismatch(
  deps: UseCaseDeps,
  acknowledgement: { readonly preOrderPaymentId: string; readonly note: string },
): Promise<Result<PreOrderPaymentRecord, OperatorError>> {
  const noted = await noteOperatorAction(deps, {
    ...acknowledgement,
    action: 'acknowledged the order total mismatch',
    appliesTo: hasOpenOrderMismatch,
  });
  if (!noted.ok) return noted;
  const record = noted.value;
  const acknowledged = await transitionTo(deps, record, { changes: { orderMismatch: { acknowledged: true } } });
  if (!acknowledged.ok) return acknowledged;
  return acknowledged.value.won ? ok(acknowledged.value.record) : err(Errors.inProgress());
}
