import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { type Landing, landOrKeep } from '../order-outcome/land-outcome.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export interface HandBack {
  /** The payment as this attempt last wrote it (PLACING_ORDER); the write may have landed since. */
  readonly record: PreOrderPaymentRecord;
  /** Glue's definite refusal; null when the checkout was never sent. */
  readonly refusal: string | null;
}

/**
 * Back to INITIALIZED after an attempt that made no order (docs/place-order.md items 6b and 9). Only
 * this attempt's holder knows no order was made, so it decides from what the store holds rather
 * than from its last write, which may have timed out and landed: a hand-back the store cannot take
 * now is kept in the outbox and finished once the store answers, before the lease expiry could
 * take the attempt for an unknown outcome, or after it (it corrects that).
 */
export async function handBack(deps: UseCaseDeps, handing: HandBack): Promise<Landing> {
  const { record, refusal } = handing;
  return landOrKeep(deps, {
    known: {
      preOrderPaymentId: record.id,
      attempt: record.placement?.attempt ?? record.attempts,
      outcome: { kind: 'not-placed', refusal },
    },
    seen: record,
    what: 'the hand-back',
  });
}
