import type { CheckoutInputs } from './checkout-inputs.ts';
import type { CartId, OwnerKey, PreOrderPaymentId } from './ids.ts';
import type { Money } from './money.ts';

export type PreOrderPaymentStatus =
  | 'INITIALIZED'
  /**
   * Internal: a re-initialization holds the payment (under a lease) while it talks to the provider,
   * so no placement or cancellation can run beside it. Shoppers see INITIALIZED.
   */
  | 'REINITIALIZING'
  | 'PLACING_ORDER'
  | 'CANCELING'
  | 'ORDER_PLACED'
  | 'CANCELED'
  | 'EXPIRED'
  | 'ORDER_OUTCOME_UNKNOWN';

/** The statuses of the public contract; REINITIALIZING is shown as INITIALIZED. */
export type PublicStatus = Exclude<PreOrderPaymentStatus, 'REINITIALIZING'>;

export function publicStatus(status: PreOrderPaymentStatus): PublicStatus {
  return status === 'REINITIALIZING' ? 'INITIALIZED' : status;
}

/**
 * The fingerprint of a payment whose amount at the provider is not known to be the record's: a
 * re-initialization may have reached the provider without reaching the record. It matches no cart,
 * so placeOrder answers CartChangedError and the next initialization sends `POST /payments` again,
 * which sets the provider's amount and the record's together (docs/initialize.md item 4c).
 */
export const PROVIDER_AMOUNT_UNSETTLED = 'provider-amount-unsettled';

export type PreOrderPaymentEventType =
  | 'INITIALIZED'
  | 'REINITIALIZED'
  | 'CANCELED'
  | 'ORDER_PLACEMENT_STARTED'
  | 'ORDER_PLACED'
  | 'ORDER_PLACEMENT_REJECTED'
  | 'ORDER_OUTCOME_UNKNOWN'
  | 'EXPIRED'
  | 'RELEASE_FAILED'
  | 'CANCELLATION_UNCLEAR'
  | 'OPERATOR_ACTION'
  /** The order Glue saved costs something else than the payment (docs/place-order.md item 8). */
  | 'ORDER_TOTAL_MISMATCH';

/**
 * Events only operators see (their endpoint lists every event): an operator's note is written for
 * colleagues, an unclear cancellation is the gateway's own bookkeeping (the shopper sees
 * CANCELING), and a total mismatch is told to the shopper by `PlaceOrderSuccess.paymentMatchesOrder`.
 * The public schema keeps the contract's event types (docs/operations.md item 17).
 */
const OPERATORS_ONLY: ReadonlySet<PreOrderPaymentEventType> = new Set([
  'CANCELLATION_UNCLEAR',
  'OPERATOR_ACTION',
  'ORDER_TOTAL_MISMATCH',
]);

export function shopperVisibleEvents(events: readonly PreOrderPaymentEvent[]): readonly PreOrderPaymentEvent[] {
  return events.filter((event) => !OPERATORS_ONLY.has(event.type));
}

export interface PreOrderPaymentEvent {
  readonly type: PreOrderPaymentEventType;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly message?: string | null;
}

/** Who created the payment: guests cannot list orders, which matters for reconciliation. */
export type OwnerKind = 'guest' | 'customer';

/**
 * The fenced placement: the record itself is the lock. `attempt` is the fencing token, the
 * record's `lease` bounds how long its holder may work, and `checkoutSent` is the write-ahead mark.
 */
export interface Placement {
  readonly attempt: number;
  /** Epoch ms when this attempt took the payment. */
  readonly startedAt: number;
  readonly checkoutSent: boolean;
}

/** Why a payment is being canceled, which decides how it ends: CANCELED, or EXPIRED for a release. */
export type CancellationPurpose = 'shopper' | 'superseded' | 'release' | 'operator';

/**
 * Where a cancellation that clearly did not happen (refused, or never sent) leaves the payment: an
 * operator's release of an unknown outcome goes back to ORDER_OUTCOME_UNKNOWN (never to a live,
 * placeable payment: the order may exist); every other one to INITIALIZED.
 */
export function statusBeforeCancellation(purpose: CancellationPurpose): 'INITIALIZED' | 'ORDER_OUTCOME_UNKNOWN' {
  return purpose === 'operator' ? 'ORDER_OUTCOME_UNKNOWN' : 'INITIALIZED';
}

/** A cancellation in progress (status CANCELING): what it is for, and how often it was sent. */
export interface Cancellation {
  readonly purpose: CancellationPurpose;
  /** For the event that ends it. */
  readonly reason: string;
  /** `POST /payment-cancellations` calls made for it so far. */
  readonly attempts: number;
}

/** The release of an unfinished payment after its deadline (docs/expiry-and-release.md). */
export interface Release {
  /** Failed release attempts so far. */
  readonly attempts: number;
  /** True once RELEASE_MAX_ATTEMPTS attempts failed: the sweeper stops, an operator decides. */
  readonly failed: boolean;
}

/** A placed order whose total differs from the payment's amount. */
export interface OrderMismatch {
  /** An operator looked at it (acknowledgeOrderMismatch); it is no longer listed. */
  readonly acknowledged: boolean;
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
  /** The release deadline, by the store's clock (Redis TIME): stamped by the store, never by a process. */
  readonly expiresAt: number;
  /**
   * While PLACING_ORDER or CANCELING: until when (store clock) the request doing that work holds
   * the payment; after it, another may take over. Stamped and judged by the store only.
   */
  readonly lease: number | null;
  readonly orderReference: string | null;
  readonly placement: Placement | null;
  readonly cancellation: Cancellation | null;
  readonly release: Release | null;
  /** Highest placement attempt ever taken (the fencing counter survives placement resets). */
  readonly attempts: number;
  readonly events: readonly PreOrderPaymentEvent[];
  /** For ORDER_OUTCOME_UNKNOWN: how often the order was looked for, and when to look next. */
  readonly reconciliation?: { readonly attempts: number; readonly nextAt: number } | null;
  /**
   * ORDER_PLACED: what the order costs, as `/checkout`'s included order said; absent or null when
   * Glue did not say (then nothing is claimed either way). Never changes once recorded.
   */
  readonly orderTotal?: Money | null;
  /**
   * Set when `orderTotal` differed from `amount` as the order was recorded (docs/place-order.md
   * item 8): the order exists, an operator decides, and acknowledges it to end the listing.
   */
  readonly orderMismatch?: OrderMismatch | null;
  /**
   * The store's clock when this copy was read or written; not stored. Whatever compares a time
   * with `expiresAt` or `lease` compares it with this, so every gateway process judges by one clock.
   */
  readonly observedAt: number;
}

/** Statuses in which the cart has no live pre-order payment. */
export const ENDED_STATUSES: ReadonlySet<PreOrderPaymentStatus> = new Set(['CANCELED', 'EXPIRED']);

/** The subscription completes after these. */
export const FINAL_STATUSES: ReadonlySet<PreOrderPaymentStatus> = new Set(['ORDER_PLACED', 'CANCELED', 'EXPIRED']);

export function isLive(record: PreOrderPaymentRecord): boolean {
  return !ENDED_STATUSES.has(record.status);
}

/**
 * Fields a state change may set. Identity, ownership, version and history are never replaced, and
 * the store's times (`expiresAt`, `lease`, `observedAt`) are set only through a `StoreClock`.
 */
export type RecordChanges = Partial<
  Omit<
    PreOrderPaymentRecord,
    | 'id'
    | 'cartId'
    | 'ownerKey'
    | 'ownerKind'
    | 'version'
    | 'createdAt'
    | 'events'
    | 'expiresAt'
    | 'lease'
    | 'observedAt'
  >
>;

/** Times the store sets from its own clock when it writes: `now + ms`, or no lease. */
export interface StoreClockStamp {
  /** `expiresAt` becomes the store's now + this. */
  readonly expiresInMs?: number;
  /** `lease` becomes the store's now + this; null clears it. */
  readonly leaseForMs?: number | null;
}

/** A condition the store judges by its own clock at the moment of the write; the write is refused if it fails. */
export type StoreClockRequirement =
  /** The current holder's lease ran out (a takeover of abandoned work). */
  | 'lease-expired'
  /** The payment's deadline has not passed (placing an order). */
  | 'not-expired'
  /** The payment's deadline has passed (a release). */
  | 'expired';

/** One state change of a payment: the fields it sets and, when it is worth recording, an event. */
export interface StateChange {
  readonly changes: RecordChanges;
  readonly event?: Omit<PreOrderPaymentEvent, 'at'>;
  /** Recorded after `event` by the same write, when one change means more than one thing. */
  readonly moreEvents?: readonly Omit<PreOrderPaymentEvent, 'at'>[];
  readonly stamp?: StoreClockStamp;
  readonly require?: StoreClockRequirement;
  /** What follows acts on this write (a `/checkout` goes out): it must survive a failover of the store. */
  readonly durable?: boolean;
  /**
   * The caller already queued a release look at or before the stamp's deadline or lease (while it
   * waited for something else), so the write need not book one first.
   */
  readonly releaseBooked?: boolean;
}

/** Events kept per payment: the first and the latest (repeated refusals must not grow a record without bound). */
export const MAX_EVENTS = 100;

/** The next version of a record after `change`, stamped `now` (the compare-and-set writes it). */
export function applyChange(record: PreOrderPaymentRecord, change: StateChange, now: number): PreOrderPaymentRecord {
  return {
    ...record,
    ...change.changes,
    version: record.version + 1,
    updatedAt: now,
    events: capped([
      ...record.events,
      ...[change.event, ...(change.moreEvents ?? [])].flatMap((event) => (event ? [{ ...event, at: now }] : [])),
    ]),
  };
}

function capped(events: readonly PreOrderPaymentEvent[]): readonly PreOrderPaymentEvent[] {
  if (events.length <= MAX_EVENTS) return events;
  return [...events.slice(0, 1), ...events.slice(events.length - (MAX_EVENTS - 1))];
}

/** Past its release deadline, by the store's clock at the time the record was read. */
export function isPastDeadline(record: PreOrderPaymentRecord): boolean {
  return record.expiresAt <= record.observedAt;
}

/** The work holding the payment (a placement or a cancellation) ran out of lease: another may take over. */
export function isLeaseExpired(record: PreOrderPaymentRecord): boolean {
  return record.lease !== null && record.lease <= record.observedAt;
}

/** True unless the placed order is known to cost something else than the payment (unknown counts as a match). */
export function paymentMatchesOrder(record: PreOrderPaymentRecord): boolean {
  return !record.orderMismatch;
}

/** A placed order whose total differs from the payment, not yet acknowledged by an operator. */
export function hasOpenOrderMismatch(record: PreOrderPaymentRecord): boolean {
  return record.status === 'ORDER_PLACED' && record.orderMismatch?.acknowledged === false;
}

/**
 * An operator must look at it: the order's outcome is unknown, its release failed for good, or
 * the order's total differs from the payment and nobody acknowledged it yet.
 */
export function needsAttention(record: PreOrderPaymentRecord): boolean {
  if (record.status === 'ORDER_OUTCOME_UNKNOWN' || hasOpenOrderMismatch(record)) return true;
  return record.release?.failed === true && (record.status === 'INITIALIZED' || record.status === 'CANCELING');
}
