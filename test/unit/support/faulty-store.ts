import type { SessionStore } from '../../../src/domain/ports/session-store.ts';
import { type StoreAnswer, unavailable } from '../../../src/domain/ports/store-answer.ts';
import type { PreOrderPaymentRecord } from '../../../src/domain/pre-order-payment.ts';
import type { TestDeps } from './use-case-deps.ts';

/**
 * A store write that gets no answer, the way a slow Redis fails: the command times out on the
 * client, and it either never reached Redis or ran there anyway ("timed out but landed").
 */
export interface UpdateFault {
  /** Which update fails: the first whose next record matches (any update when omitted). */
  readonly match?: (next: PreOrderPaymentRecord) => boolean;
  /** The write is applied before the caller is told "unavailable". */
  readonly landed: boolean;
  /** After the failed write the store answers nothing until `up()` (a hang, not a blip). */
  readonly thenDown?: boolean;
}

export interface FaultyStore extends SessionStore {
  /** Arms one failing update; several armed faults are matched in the order they were armed. */
  failUpdate(fault: UpdateFault): void;
  /** Every call answers "unavailable" until `up()`. */
  down(): void;
  up(): void;
  /** Updates that failed so far (landed or not). */
  readonly failedUpdates: readonly PreOrderPaymentRecord[];
  /** Calls answered "unavailable" because the store was down. */
  readonly refusedWhileDown: number;
}

/**
 * Wraps a SessionStore (the memory twin in the unit tier) so a test can make its writes fail the
 * ways Redis makes them fail: not applied, or applied but unanswered, and the store staying away
 * for a while afterwards.
 */
export function faultyStore(inner: SessionStore): FaultyStore {
  const armed: UpdateFault[] = [];
  const failedUpdates: PreOrderPaymentRecord[] = [];
  let isDown = false;
  let refusedWhileDown = 0;
  const refuse = () => {
    refusedWhileDown += 1;
    return unavailable();
  };

  // A hung store answers nothing, whichever method is called.
  const guarded =
    <A extends unknown[], T>(call: (...args: A) => Promise<StoreAnswer<T>>) =>
    async (...args: A): Promise<StoreAnswer<T>> =>
      isDown ? refuse() : call(...args);

  return {
    get: guarded((id) => inner.get(id)),
    getCurrentForCart: guarded((cartId) => inner.getCurrentForCart(cartId)),
    create: guarded((record, options) => inner.create(record, options)),
    async update(next, options) {
      if (isDown) return refuse();
      const index = armed.findIndex((fault) => fault.match?.(next) ?? true);
      const fault = index >= 0 ? armed.splice(index, 1)[0] : undefined;
      if (!fault) return inner.update(next, options);
      if (fault.landed) await inner.update(next, options);
      failedUpdates.push(next);
      if (fault.thenDown) isDown = true;
      return unavailable();
    },
    lockCartAndRead: guarded((cartId, ttlMs) => inner.lockCartAndRead(cartId, ttlMs)),
    releaseCartLock: guarded((cartId, token) => inner.releaseCartLock(cartId, token)),
    getCachedCustomerReference: guarded((tokenHash) => inner.getCachedCustomerReference(tokenHash)),
    cacheCustomerReference: guarded((tokenHash, reference, ttlSeconds) =>
      inner.cacheCustomerReference(tokenHash, reference, ttlSeconds),
    ),
    ping: async () => !isDown && (await inner.ping()),
    close: () => inner.close(),
    failUpdate(fault) {
      armed.push(fault);
    },
    down() {
      isDown = true;
    },
    up() {
      isDown = false;
    },
    failedUpdates,
    get refusedWhileDown() {
      return refusedWhileDown;
    },
  };
}

/** The same test dependencies, with their session store behind a FaultyStore. */
export function withFaultyStore(deps: TestDeps): TestDeps & { readonly store: FaultyStore } {
  return { ...deps, store: faultyStore(deps.store) };
}
