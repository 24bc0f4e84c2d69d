import { type ConfirmedOrder, placedAs } from '../../domain/attempt-outcome.ts';
import { applyChange, type PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { landOrKeep } from './land-outcome.ts';

/**
 * Records ORDER_PLACED. The order exists whatever the store says, so the shopper is told at once;
 * if the store cannot take the write now, it is kept in the outbox before that answer and written
 * by the outbox relay once the store is back, however long that takes, and across a restart
 * (docs/place-order.md items 6a and 10, CONTRACT.md §6.6). Returns the record as stored, or as it will be.
 */
export async function recordOrderPlaced(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  order: ConfirmedOrder,
): Promise<PreOrderPaymentRecord> {
  const landing = await landOrKeep(deps, {
    known: {
      preOrderPaymentId: sent.id,
      attempt: sent.placement?.attempt ?? sent.attempts,
      outcome: { kind: 'placed', ...order },
    },
    seen: sent,
    what: 'ORDER_PLACED',
  });
  if (landing.kind === 'landed' || landing.kind === 'recorded') return landing.record;
  return { ...applyChange(sent, placedAs(order, sent.amount), deps.clock.now()), lease: null };
}
