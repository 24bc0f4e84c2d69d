import type { CheckoutInputs } from './checkout-inputs.ts';
import type { CartId, OwnerKey, PreOrderPaymentId } from './ids.ts';
import type { Money } from './money.ts';

export type PreOrderPaymentStatus =
  | 'INITIALIZED'
  | 'PLACING_ORDER'
  | 'CANCELING'
  | 'ORDER_PLACED'
  | 'CANCELED'
  | 'EXPIRED'
  | 'ORDER_OUTCOME_UNKNOWN';

export type PreOrderPaymentEventType =
  | 'INITIALIZED'
  | 'REINITIALIZED'
  | 'CANCELED'
  | 'ORDER_PLACEMENT_STARTED'
  | 'ORDER_PLACED'
  | 'ORDER_PLACEMENT_REJECTED'
  | 'ORDER_OUTCOME_UNKNOWN'
  | 'EXPIRED'
  | 'RELEASE_FAILED';

export interface PreOrderPaymentEvent {
  readonly type: PreOrderPaymentEventType;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly message?: string | null;
}

/** Who created the payment: guests cannot list orders, which matters for reconciliation. */
export type OwnerKind = 'guest' | 'customer';

/**
 * The fenced placement: the record itself is the lock. `attempt` is the fencing token, the lease
 * only bounds how long a holder may work, and `checkoutSent` is the write-ahead mark.
 */
export interface Placement {
  readonly attempt: number;
  /** Epoch ms when this attempt took the payment. */
  readonly startedAt: number;
  /** Epoch ms after which the holder is presumed dead. */
  readonly leaseUntil: number;
  readonly checkoutSent: boolean;
}

export interface PreOrderPaymentRecord {
  readonly id: PreOrderPaymentId;
  readonly cartId: CartId;
  readonly ownerKey: OwnerKey;
  readonly ownerKind: OwnerKind;
  readonly status: PreOrderPaymentStatus;
  /** Incremented by every write; the compare-and-set token. */
  readonly version: number;
  readonly amount: Money;
  /** Cart fingerprint (docs/money.md): amount, currency, sorted (sku, quantity). */
  readonly fingerprint: string;
  /** Hash of the shipments the amount was computed for. */
  readonly shipmentsKey: string;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly transactionId: string | null;
  /** The provider's map exactly as Glue returned it; echoed back unchanged. */
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
  /** The inputs given at initialization: placeOrder's defaults. */
  readonly inputs: CheckoutInputs;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expiresAt: number;
  readonly orderReference: string | null;
  readonly placement: Placement | null;
  /** Highest placement attempt ever taken (the fencing counter survives placement resets). */
  readonly attempts: number;
  readonly events: readonly PreOrderPaymentEvent[];
  /** For ORDER_OUTCOME_UNKNOWN: how often the order was looked for, and when to look next. */
  readonly reconciliation?: { readonly attempts: number; readonly nextAt: number } | null;
}

/** Statuses in which the cart has no live pre-order payment. */
export const ENDED_STATUSES: ReadonlySet<PreOrderPaymentStatus> = new Set(['CANCELED', 'EXPIRED']);

/** The subscription completes after these. */
export const FINAL_STATUSES: ReadonlySet<PreOrderPaymentStatus> = new Set(['ORDER_PLACED', 'CANCELED', 'EXPIRED']);

export function isLive(record: PreOrderPaymentRecord): boolean {
  return !ENDED_STATUSES.has(record.status);
}

/** Fields a state change may set; identity, ownership, version and history are never replaced. */
export type RecordChanges = Partial<
  Omit<PreOrderPaymentRecord, 'id' | 'cartId' | 'ownerKey' | 'ownerKind' | 'version' | 'createdAt' | 'events'>
>;

/** One state change of a payment: the fields it sets and, when it is worth recording, an event. */
export interface StateChange {
  readonly changes: RecordChanges;
  readonly event?: Omit<PreOrderPaymentEvent, 'at'>;
}

/** The next version of a record after `change`, stamped `now` (the compare-and-set writes it). */
export function applyChange(record: PreOrderPaymentRecord, change: StateChange, now: number): PreOrderPaymentRecord {
  return {
    ...record,
    ...change.changes,
    version: record.version + 1,
    updatedAt: now,
    events: change.event ? [...record.events, { ...change.event, at: now }] : record.events,
  };
}
