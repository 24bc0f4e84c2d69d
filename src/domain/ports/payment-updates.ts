import type { PreOrderPaymentId } from '../ids.ts';
import type { PreOrderPaymentRecord } from '../pre-order-payment.ts';
import type { StoreAnswer } from './store-answer.ts';

/** What a watcher hears: a committed version of the payment, or that it may have missed some. */
export type PaymentUpdate =
  | { readonly kind: 'changed'; readonly record: PreOrderPaymentRecord }
  /** The connection to the announcements was lost and is back: re-read to catch up. */
  | { readonly kind: 'resync' };

/**
 * Every committed change of a payment, announced by the store as it commits (Redis pub/sub across
 * gateway processes; in process memory without Redis). Watching costs nothing while nothing
 * changes: no polling.
 */
export interface PaymentUpdates {
  /** Starts listening; answers once announcements for `id` are being received. */
  watch(id: PreOrderPaymentId, listener: (update: PaymentUpdate) => void): Promise<StoreAnswer<Unwatch>>;
  close(): Promise<void>;
}

export type Unwatch = () => Promise<void>;
