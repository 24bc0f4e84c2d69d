import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { pollUntil } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { settle } from './settle-stale-work.ts';

/**
 * Polls a payment until `done` holds or the wait budget is spent (concurrent work on one
 * payment). Null when the budget ran out, the store failed or the record vanished.
 */
export async function waitForPayment(
  deps: UseCaseDeps,
  id: PreOrderPaymentRecord['id'],
  done: (record: PreOrderPaymentRecord) => boolean,
): Promise<PreOrderPaymentRecord | null> {
  // 'gone' ends the wait: the store failed or the record vanished.
  const read = async (): Promise<PreOrderPaymentRecord | 'gone' | 'pending'> => {
    const polled = await deps.store.get(id);
    if (!polled.ok || !polled.value) return 'gone';
    const settled = await settle(deps, polled.value);
    return settled.ok && done(settled.value) ? settled.value : 'pending';
  };
  const last = await pollUntil<PreOrderPaymentRecord | 'gone' | 'pending'>({
    budgetMs: deps.settings.waitMs,
    initial: 'pending',
    read,
    settled: (value) => value !== 'pending',
  });
  return typeof last === 'object' ? last : null;
}
