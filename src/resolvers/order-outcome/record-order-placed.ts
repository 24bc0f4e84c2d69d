import type { Money } from '../../domain/money.ts';
import { applyChange, type PreOrderPaymentRecord, type StateChange } from '../../domain/pre-order-payment.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000, 10000, 30000];

/** The order Glue confirmed, as it is recorded on the payment. */
export interface ConfirmedOrder {
  readonly orderReference: string;
  /** What the order costs, when Glue said; null: unknown. */
  readonly orderTotal: Money | null;
  /** The total differs from the payment's amount (docs/place-order.md item 8). */
  readonly mismatch: boolean;
}

function placedAs(sent: PreOrderPaymentRecord, order: ConfirmedOrder): StateChange {
  const { orderReference, orderTotal } = order;
  const money = (value: Money) => `${value.amount} ${value.currency}`;
  return {
    changes: {
      status: 'ORDER_PLACED',
      orderReference,
      reconciliation: null,
      orderTotal,
      orderMismatch: order.mismatch ? { acknowledged: false } : null,
    },
    event: { type: 'ORDER_PLACED', message: orderReference },
    // One write, so the listing for operators cannot be lost between two.
    ...(order.mismatch && orderTotal
      ? {
          moreEvents: [
            {
              type: 'ORDER_TOTAL_MISMATCH',
              message: `order ${orderReference} costs ${money(orderTotal)}, the payment ${money(sent.amount)} (minor units)`,
            },
          ],
        }
      : {}),
    stamp: { leaseForMs: null },
  };
}

/**
 * Records ORDER_PLACED. The order exists whatever the store says, so the shopper is told at once;
 * if the write fails it is retried in the background until it lands (docs/place-order.md item 6).
 */
export async function recordOrderPlaced(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  order: ConfirmedOrder,
): Promise<PreOrderPaymentRecord> {
  const written = await tryWrite(deps, sent, order);
  if (written) return written;
  void retryInBackground(deps, sent, order);
  return { ...applyChange(sent, placedAs(sent, order), deps.clock.now()), lease: null };
}

/** The stored ORDER_PLACED record (written by us or, for the same order, by anyone); null when not stored. */
async function tryWrite(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  order: ConfirmedOrder,
): Promise<PreOrderPaymentRecord | null> {
  const { orderReference } = order;
  let base = sent;
  for (let round = 0; round < 3; round += 1) {
    const written = await transitionTo(deps, base, placedAs(sent, order));
    if (!written.ok) return null;
    if (written.value.won) return written.value.record;
    const current = written.value.current;
    if (!current) return null;
    if (current.status === 'ORDER_PLACED' && current.orderReference === orderReference) return current;
    // e.g. the lease ran out and someone marked the outcome unknown: the confirmed order wins.
    base = current;
  }
  return null;
}

async function retryInBackground(deps: UseCaseDeps, sent: PreOrderPaymentRecord, order: ConfirmedOrder): Promise<void> {
  const { orderReference } = order;
  for (const delay of RETRY_DELAYS_MS) {
    await sleep(delay);
    if (await tryWrite(deps, sent, order)) {
      deps.logger.info({ preOrderPaymentId: sent.id, orderReference }, 'ORDER_PLACED recorded after a store outage');
      return;
    }
  }
  deps.logger.error(
    { preOrderPaymentId: sent.id, orderReference },
    'ORDER_PLACED could not be recorded; the payment will show an unknown outcome until reconciled',
  );
}
