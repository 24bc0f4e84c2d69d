import type { Caller } from '../../domain/identity.ts';
import type { PreOrderPaymentRecord, StateChange } from '../../domain/pre-order-payment.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/** Orders created up to this long before the attempt started still count (clock skew between hosts). */
const CLOCK_SKEW_MS = 30_000;
const BASE_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export interface Reconciliation {
  readonly caller: Caller;
  readonly record: PreOrderPaymentRecord;
  /** Look now, whatever the backoff schedule says (right after the outcome became unknown). */
  readonly force: boolean;
}

/**
 * Looks for the order of an ORDER_OUTCOME_UNKNOWN payment (docs/place-order.md item 6): a
 * customer's orders created after the attempt started with the same total and currency, each
 * confirmed with `GET /orders/{ref}`; exactly one match makes it ORDER_PLACED. Guests cannot list
 * orders. Returns the record as it is afterwards.
 */
export async function reconcile(deps: UseCaseDeps, reconciliation: Reconciliation): Promise<PreOrderPaymentRecord> {
  const { caller, record } = reconciliation;
  // The store's clock: the backoff schedule is written with it, whichever process looks next.
  const now = record.observedAt;
  if (
    record.status !== 'ORDER_OUTCOME_UNKNOWN' ||
    // Glue named the order (a 1102 after saving): an operator settles it, nobody replaces the name.
    record.orderReference !== null ||
    record.ownerKind !== 'customer' ||
    caller.identity.kind !== 'customer'
  ) {
    return record;
  }
  const schedule = record.reconciliation ?? { attempts: 0, nextAt: now };
  if (!reconciliation.force && schedule.nextAt > now) return record;

  const lookup = await findOrder(deps, caller, record);
  const found = lookup.kind === 'found' ? lookup.orderReference : null;
  const attempts = schedule.attempts + 1;
  const change: StateChange =
    found === null
      ? {
          changes: {
            reconciliation: { attempts, nextAt: now + Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempts) },
          },
        }
      : {
          changes: { status: 'ORDER_PLACED', orderReference: found, reconciliation: { attempts, nextAt: now } },
          event: { type: 'ORDER_PLACED', message: `order ${found} found by reconciliation` },
        };
  const written = await transitionTo(deps, record, change);
  if (!written.ok) return record;
  if (!written.value.won) return written.value.current ?? record;
  if (found) {
    deps.logger.info({ preOrderPaymentId: record.id, orderReference: found }, 'reconciliation found the order');
  }
  return written.value.record;
}

/** Orders read per page, and pages read at most, while looking for one payment's order. */
const PAGE_SIZE = 20;
const MAX_PAGES = 25;

/** What a look for the order found: the one match, none (every page was read), or nothing certain. */
export type OrderLookup =
  | { readonly kind: 'found'; readonly orderReference: string }
  | { readonly kind: 'none' }
  /** A page or a candidate could not be read, or several orders match: no proof either way. */
  | { readonly kind: 'unknown' };

/**
 * The reference of the one order that matches this payment's attempt, if exactly one does:
 * `GET /orders` page by page (newest first) until the pages are older than the attempt, then each
 * candidate (same total and currency) confirmed with `GET /orders/{ref}`. "None" only when every
 * page needed was read and no candidate remains: a failed read proves nothing.
 */
export async function findOrder(
  deps: UseCaseDeps,
  caller: Caller,
  record: PreOrderPaymentRecord,
): Promise<OrderLookup> {
  const since = (record.placement?.startedAt ?? record.updatedAt) - CLOCK_SKEW_MS;
  const candidates: string[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const listed = await deps.glue.listOrders(caller, { offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    if (!listed.ok) return { kind: 'unknown' };
    const { orders, hasMore } = listed.value;
    for (const order of orders) {
      const recent = order.createdAt === null || order.createdAt >= since;
      if (recent && order.total?.amount === record.amount.amount && order.total.currency === record.amount.currency) {
        candidates.push(order.orderReference);
      }
    }
    // Newest first (INFERRED): once a page reaches orders older than the attempt, later pages are older still.
    const reachedOlder = orders.some((order) => order.createdAt !== null && order.createdAt < since);
    if (!hasMore || reachedOlder) break;
    // Past the last page read: the order may be further back.
    if (page === MAX_PAGES - 1) return { kind: 'unknown' };
  }
  if (candidates.length === 0) return { kind: 'none' };
  const confirmed: string[] = [];
  for (const candidate of candidates.slice(0, 10)) {
    const order = await deps.glue.order(caller, candidate);
    if (!order.ok && order.error.kind !== 'not-found') return { kind: 'unknown' };
    if (
      order.ok &&
      order.value.total?.amount === record.amount.amount &&
      order.value.total.currency === record.amount.currency
    ) {
      confirmed.push(order.value.orderReference);
    }
  }
  const [only] = confirmed;
  if (confirmed.length === 1 && only) return { kind: 'found', orderReference: only };
  return confirmed.length === 0 ? { kind: 'none' } : { kind: 'unknown' };
}
