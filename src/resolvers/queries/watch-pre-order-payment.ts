import type { GatewayError } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import type { PaymentUpdate, Unwatch } from '../../domain/ports/payment-updates.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { FINAL_STATUSES, publicStatus, shopperVisibleEvents } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import { resolveOwner } from '../caller/resolve-owner.ts';
import { loadOwnedPayment } from '../payment-record/load-owned-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/**
 * preOrderPaymentUpdated (docs/live-status.md): the caller's payment as it is, then once per change
 * a shopper can see, in commit order, ending after ORDER_PLACED, CANCELED or EXPIRED. Changes come
 * from the store's announcements (Redis pub/sub), so a change made on any gateway process is seen,
 * and a watcher costs nothing while nothing changes. It listens before it reads, so no change falls
 * between the two; a lost announcement (a version skipped) or a reconnect makes it read again.
 */
export async function watchPreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  id: string,
): Promise<Result<AsyncIterableIterator<PreOrderPaymentRecord>, GatewayError>> {
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  const first = await loadOwnedPayment(deps, owner.value, id);
  if (!first.ok) return first;
  const feed = new PaymentFeed(deps, first.value);
  const watched = await deps.updates.watch(first.value.id, (update) => feed.hear(update));
  if (!watched.ok) return watched;
  // Listening now: read again, so a change between the first read and the subscription is seen.
  const current = await deps.store.get(first.value.id);
  feed.started({ unwatch: watched.value, current: current.ok ? current.value : null });
  return ok(feed);
}

/** What a shopper sees of a payment; a change of anything else (a lease, a write-ahead mark) is not news. */
function visible(record: PreOrderPaymentRecord): string {
  const { status, amount, transactionId, preOrderPaymentData, expiresAt, orderReference, events } = record;
  return JSON.stringify([
    publicStatus(status),
    amount,
    transactionId,
    preOrderPaymentData,
    expiresAt,
    orderReference,
    shopperVisibleEvents(events).length,
  ]);
}

/**
 * The subscription's stream. A hand-written iterator rather than a generator: a client that goes
 * away ends it at once (`return`), even while it waits for news, and stops the watching.
 */
class PaymentFeed implements AsyncIterableIterator<PreOrderPaymentRecord> {
  readonly #deps: UseCaseDeps;
  #last: PreOrderPaymentRecord;
  #emittedFirst = false;
  #unwatch: Unwatch | null = null;
  #ended = false;
  readonly #heard: PaymentUpdate[] = [];
  #wake: (() => void) | null = null;

  constructor(deps: UseCaseDeps, first: PreOrderPaymentRecord) {
    this.#deps = deps;
    this.#last = first;
  }

  /** Listening: the payment as it is now starts the stream; announcements of older versions are dropped. */
  started(listening: { readonly unwatch: Unwatch; readonly current: PreOrderPaymentRecord | null }): void {
    this.#unwatch = listening.unwatch;
    if (listening.current && listening.current.version > this.#last.version) this.#last = listening.current;
  }

  hear(update: PaymentUpdate): void {
    this.#heard.push(update);
    this.#wake?.();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<PreOrderPaymentRecord> {
    return this;
  }

  async next(): Promise<IteratorResult<PreOrderPaymentRecord>> {
    if (this.#ended) return { done: true, value: undefined };
    if (!this.#emittedFirst) {
      this.#emittedFirst = true;
      return { done: false, value: this.#last };
    }
    while (!this.#ended && !FINAL_STATUSES.has(this.#last.status)) {
      const update = this.#heard.shift();
      if (!update) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = null;
        continue;
      }
      const candidate = await this.#candidate(update);
      if (candidate === 'gone') break;
      if (!candidate || candidate.version <= this.#last.version) continue;
      const news = visible(candidate) !== visible(this.#last);
      this.#last = candidate;
      if (news) return { done: false, value: candidate };
    }
    await this.return();
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<PreOrderPaymentRecord>> {
    if (!this.#ended) {
      this.#ended = true;
      this.#wake?.();
      await this.#unwatch?.();
    }
    return { done: true, value: undefined };
  }

  /** The record an update stands for: announced, or read again when something may have been missed. */
  async #candidate(update: PaymentUpdate): Promise<PreOrderPaymentRecord | null | 'gone'> {
    const announced = update.kind === 'changed' ? update.record : null;
    const missedSome = announced !== null && announced.version > this.#last.version + 1;
    if (announced && !missedSome) return announced;
    const read = await this.#deps.store.get(this.#last.id);
    // A store that does not answer pauses the stream; the next announcement brings it on.
    if (!read.ok) return announced;
    return read.value ?? 'gone';
  }
}
