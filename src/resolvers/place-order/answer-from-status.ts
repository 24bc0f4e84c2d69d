import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import { isPastDeadline, type PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { reconcile } from '../order-outcome/reconcile.ts';
import { waitForPayment } from '../payment-record/wait-for-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import type { PlacedOrder } from './placement-result.ts';

export interface PlaceOrderSuccess {
  readonly order: PlacedOrder;
  readonly record: PreOrderPaymentRecord;
  readonly replayed: boolean;
}

export type PlaceOrderAnswer = Result<PlaceOrderSuccess, GatewayError>;

/** Answers that need no Glue write (docs/place-order.md item 1); null when the payment may be placed now. */
export async function answerFromStatus(
  deps: UseCaseDeps,
  caller: Caller,
  record: PreOrderPaymentRecord,
): Promise<PlaceOrderAnswer | null> {
  switch (record.status) {
    case 'ORDER_PLACED':
      return ok({ order: placedOrder(record), record, replayed: true });
    case 'CANCELED':
      return err(Errors.canceled(record.id));
    case 'EXPIRED':
      return err(Errors.expired(record.id, new Date(record.expiresAt).toISOString()));
    case 'CANCELING':
    case 'PLACING_ORDER':
    case 'REINITIALIZING':
      return err(Errors.inProgress());
    case 'ORDER_OUTCOME_UNKNOWN': {
      const after = await reconcile(deps, { caller, record, force: false });
      if (after.status === 'ORDER_PLACED') return ok({ order: placedOrder(after), record: after, replayed: true });
      return err(Errors.outcomeUnknown(record.id, after.orderReference));
    }
    case 'INITIALIZED':
      if (isPastDeadline(record)) {
        return err(Errors.expired(record.id, new Date(record.expiresAt).toISOString()));
      }
      return null;
  }
}

/** Work that holds the payment for a moment: placeOrder waits for it rather than answering at once. */
export function isHeldByWork(record: PreOrderPaymentRecord): boolean {
  return record.status === 'PLACING_ORDER' || record.status === 'REINITIALIZING';
}

/** Waits out a placement or re-initialization in flight, then answers from the status it ended in. */
export async function answerAfterWaiting(
  deps: UseCaseDeps,
  caller: Caller,
  current: PreOrderPaymentRecord,
): Promise<PlaceOrderAnswer | null> {
  const done = isHeldByWork(current)
    ? await waitForPayment(deps, current.id, (record) => !isHeldByWork(record))
    : current;
  if (!done) return err(Errors.inProgress());
  return answerFromStatus(deps, caller, done);
}

/** The order of a payment recorded ORDER_PLACED (a replay knows only its reference). */
export function placedOrder(record: PreOrderPaymentRecord): PlacedOrder {
  return { orderReference: record.orderReference ?? '', redirectUrl: null, isExternalRedirect: null };
}
