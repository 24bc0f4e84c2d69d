import type { Caller } from '../../../src/domain/identity.ts';
import type { PreOrderPaymentId } from '../../../src/domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../../src/domain/pre-order-payment.ts';
import { initializePreOrderPayment } from '../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { placeOrder } from '../../../src/resolvers/place-order/place-order.ts';
import { initializeInput } from '../../support/fixtures.ts';
import { guestCaller, sameCaller } from './callers.ts';
import type { GlueMethod, Hold, NewCart } from './memory-glue.ts';
import { expectOk } from './results.ts';
import type { TestDeps } from './use-case-deps.ts';

export interface InitializedPayment {
  readonly caller: Caller;
  readonly cartId: string;
  readonly record: PreOrderPaymentRecord;
}

export interface PaymentArrangement {
  /** A guest by default. */
  readonly caller?: Caller;
  /** A new default cart when omitted. */
  readonly cartId?: string;
  readonly cart?: NewCart;
  /** Overrides of test/support/fixtures.ts initializeInput(). */
  readonly input?: Record<string, unknown>;
}

/** A pre-order payment made the way a shopper makes one: a cart in Glue, then initializePreOrderPayment. */
export async function initializedPayment(
  deps: TestDeps,
  arrangement: PaymentArrangement = {},
): Promise<InitializedPayment> {
  const caller = arrangement.caller ?? guestCaller();
  const cartId = arrangement.cartId ?? deps.glue.addCart(arrangement.cart);
  const initialized = expectOk(
    await initializePreOrderPayment(deps, caller, initializeInput(cartId, arrangement.input)),
  );
  return { caller, cartId, record: initialized.record };
}

export interface HeldPlacement extends InitializedPayment {
  /** The Glue call the placement waits at; `release()` lets it go on. */
  readonly held: Hold;
  /** The owner's placeOrder call, still running. */
  readonly pending: ReturnType<typeof placeOrder>;
}

/** A new payment whose owner called placeOrder, held once the call reached `method` at Glue. */
export async function placementHeldAt(deps: TestDeps, method: GlueMethod): Promise<HeldPlacement> {
  const payment = await initializedPayment(deps);
  const held = deps.glue.hold(method);
  const pending = placeOrder(deps, sameCaller(payment.caller), { preOrderPaymentId: payment.record.id });
  await held.reached;
  return { ...payment, held, pending };
}

/** The record as the session store holds it now. */
export async function storedPayment(deps: TestDeps, id: string): Promise<PreOrderPaymentRecord> {
  const read = await deps.store.get(id as PreOrderPaymentId);
  if (!read.ok) throw new Error('the session store is unavailable');
  if (!read.value) throw new Error(`no stored pre-order payment ${id}`);
  return read.value;
}

/**
 * Puts a payment into a state directly (as another request or process would have left it):
 * the next version with `changes`, stamped now unless `changes` sets `updatedAt`.
 */
export async function rewrite(
  deps: TestDeps,
  record: PreOrderPaymentRecord,
  changes: Partial<PreOrderPaymentRecord>,
): Promise<PreOrderPaymentRecord> {
  const current = await storedPayment(deps, record.id);
  const next = { ...current, updatedAt: deps.clock.now(), ...changes, version: current.version + 1 };
  const written = await deps.store.update(next, { ttlSeconds: deps.settings.recordTtlSeconds });
  if (!written.ok || written.value.kind !== 'written') throw new Error('could not rewrite the record');
  return written.value.record;
}

/** A placement another request started now: how long its lease runs, and whether it marked "checkout sent". */
export interface StartedPlacement {
  readonly leaseMs: number;
  readonly checkoutSent: boolean;
}

/**
 * Puts a payment into PLACING_ORDER as a first placement attempt, started now, would have left it
 * (another request or process holding it, or one that died).
 */
export async function placementStarted(
  deps: TestDeps,
  record: PreOrderPaymentRecord,
  placement: StartedPlacement,
): Promise<PreOrderPaymentRecord> {
  const current = await storedPayment(deps, record.id);
  const next: PreOrderPaymentRecord = {
    ...current,
    status: 'PLACING_ORDER',
    attempts: 1,
    placement: { attempt: 1, startedAt: current.observedAt, checkoutSent: placement.checkoutSent },
    version: current.version + 1,
  };
  const written = await deps.store.update(next, {
    ttlSeconds: deps.settings.recordTtlSeconds,
    stamp: { leaseForMs: placement.leaseMs },
  });
  if (!written.ok || written.value.kind !== 'written') throw new Error('could not start the placement');
  return written.value.record;
}

/** A promise with its resolve exposed, to hold a run open from the test. */
export function deferred<T>(): { readonly promise: Promise<T>; resolve(value: T): void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * Puts a payment into CANCELING as a shopper's cancellation, sent now and still holding its lease
 * for `leaseMs`, would have left it (another request or process working on it, or one that died).
 */
export async function cancellationStarted(
  deps: TestDeps,
  record: PreOrderPaymentRecord,
  leaseMs: number,
): Promise<PreOrderPaymentRecord> {
  const current = await storedPayment(deps, record.id);
  const next: PreOrderPaymentRecord = {
    ...current,
    status: 'CANCELING',
    cancellation: { purpose: 'shopper', reason: 'canceled by the shopper', attempts: 1 },
    version: current.version + 1,
  };
  const written = await deps.store.update(next, {
    ttlSeconds: deps.settings.recordTtlSeconds,
    stamp: { leaseForMs: leaseMs },
  });
  if (!written.ok || written.value.kind !== 'written') throw new Error('could not start the cancellation');
  return written.value.record;
}
