import { applyChange, type PreOrderPaymentRecord, type StateChange } from '../../domain/pre-order-payment.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000, 10000, 30000];

function placedAs(orderReference: string): StateChange {
  return {
    changes: { status: 'ORDER_PLACED', orderReference, reconciliation: null },
    event: { type: 'ORDER_PLACED', message: orderReference },
  };
}

/**
 * Records ORDER_PLACED. The order exists whatever the store says, so the shopper is told at once;
 * if the write fails it is retried in the background until it lands (docs/place-order.md item 6).
 */
export async function recordOrderPlaced(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  orderReference: string,
): Promise<PreOrderPaymentRecord> {
  const placed = applyChange(sent, placedAs(orderReference), deps.clock.now());
  if (await tryWrite(deps, sent, orderReference)) return placed;
  void retryInBackground(deps, sent, orderReference);
  return placed;
}

/** True when ORDER_PLACED is stored (by us or, for the same order, by anyone). */
async function tryWrite(deps: UseCaseDeps, sent: PreOrderPaymentRecord, orderReference: string): Promise<boolean> {
  let base = sent;
  for (let round = 0; round < 3; round += 1) {
    const written = await transitionTo(deps, base, placedAs(orderReference));
    if (!written.ok) return false;
    if (written.value.won) return true;
    const current = written.value.current;
    if (!current) return false;
    if (current.status === 'ORDER_PLACED' && current.orderReference === orderReference) return true;
    // e.g. the lease ran out and someone marked the outcome unknown: the confirmed order wins.
    base = current;
  }
  return false;
}

async function retryInBackground(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  orderReference: string,
): Promise<void> {
  for (const delay of RETRY_DELAYS_MS) {
    await sleep(delay);
    if (await tryWrite(deps, sent, orderReference)) {
      deps.logger.info({ preOrderPaymentId: sent.id, orderReference }, 'ORDER_PLACED recorded after a store outage');
      return;
    }
  }
  deps.logger.error(
    { preOrderPaymentId: sent.id, orderReference },
    'ORDER_PLACED could not be recorded; the payment will show an unknown outcome until reconciled',
  );
}
