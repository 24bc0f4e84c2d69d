import { describe, expect, it } from 'vitest';
import { Errors } from '../../../../src/domain/errors.ts';
import type { SessionStore } from '../../../../src/domain/ports/session-store.ts';
import { PROVIDER_AMOUNT_UNSETTLED, publicStatus } from '../../../../src/domain/pre-order-payment.ts';
import { err } from '../../../../src/domain/result.ts';
import { cancelPreOrderPayment } from '../../../../src/resolvers/cancel/cancel-pre-order-payment.ts';
import { initializePreOrderPayment } from '../../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { findPreOrderPayment } from '../../../../src/resolvers/queries/find-pre-order-payment.ts';
import { address, initializeInput } from '../../../support/fixtures.ts';
import { sameCaller } from '../../support/callers.ts';
import { initializedPayment, storedPayment } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { type TestDeps, useCaseDeps } from '../../support/use-case-deps.ts';

/**
 * docs/initialize.md item 4c, issue 8 finding 1: a re-initialization claims the payment before it
 * asks the provider, so a placement can never run beside it, and the provider's amount and the
 * record's never part without the payment becoming unplaceable until initialized again.
 */

const EXPRESS = { shipments: [{ shipmentMethodId: 2, shippingAddress: address() }] };

/** A payment whose shopper then picks the dearer shipment: the re-initialization is held at the provider. */
async function reinitializationHeldAtProvider(deps: TestDeps) {
  const payment = await initializedPayment(deps);
  const held = deps.glue.hold('createPayment');
  const pending = initializePreOrderPayment(deps, sameCaller(payment.caller), initializeInput(payment.cartId, EXPRESS));
  await held.reached;
  return { ...payment, held, pending };
}

/** The memory store, except that one update matching `when` fails after it was applied ("timed out, but landed"). */
function storeLosingOneAnswer(deps: TestDeps, when: Parameters<SessionStore['update']>[0]['status']): TestDeps {
  let armed = true;
  const store: SessionStore = {
    ...deps.store,
    async update(next, options) {
      const written = await deps.store.update(next, options);
      if (armed && next.status === when) {
        armed = false;
        return err(Errors.upstreamUnavailable(null, 1));
      }
      return written;
    },
  };
  return { ...deps, store };
}

describe('re-initialization holds the payment while the provider is asked (issue 8 finding 1)', () => {
  it('makes a placeOrder that arrives meanwhile wait, then place at the new amount the provider holds', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 5_000 } });
    const { caller, record, held, pending } = await reinitializationHeldAtProvider(deps);
    expect((await storedPayment(deps, record.id)).status).toBe('REINITIALIZING');
    const placing = placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    // The placement waits for the claim: nothing reaches /checkout while the provider is asked.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    held.release();

    const reinitialized = expectOk(await pending);
    const placed = expectOk(await placing);
    expect(placed.record.status).toBe('ORDER_PLACED');
    const transaction = deps.glue.transaction(record.transactionId ?? '');
    const order = deps.glue.orders.at(-1);
    expect(transaction?.amount).toEqual(reinitialized.record.amount);
    expect(order?.total).toEqual(reinitialized.record.amount);
  });

  it('shows the shopper INITIALIZED while it is claimed (the claim is internal)', async () => {
    const deps = useCaseDeps();
    const { caller, record, held, pending } = await reinitializationHeldAtProvider(deps);
    const seen = expectOk(await findPreOrderPayment(deps, sameCaller(caller), record.id));
    expect(seen?.status).toBe('REINITIALIZING');
    expect(publicStatus(seen?.status ?? 'CANCELED')).toBe('INITIALIZED');
    held.release();
    expectOk(await pending);
  });

  it('answers a cancel that arrives meanwhile after the re-initialization, and cancels what it left', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 5_000 } });
    const { caller, record, held, pending } = await reinitializationHeldAtProvider(deps);
    const canceling = cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
    held.release();
    expectOk(await pending);
    expect(expectOk(await canceling).record.status).toBe('CANCELED');
    expect(deps.glue.transaction(record.transactionId ?? '')?.status).toBe('canceled');
  });

  it('leaves the payment unplaceable when the provider gave no answer (it may have taken the new amount)', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    // A 5xx or a timeout after sending: the provider may have applied it (here it did).
    deps.glue.next(
      'createPayment',
      { kind: 'unavailable', upstream: { status: 504 }, retryAfterSeconds: null },
      { effect: true },
    );
    expectError(
      await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, EXPRESS)),
      'UPSTREAM_UNAVAILABLE',
    );
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'INITIALIZED', fingerprint: PROVIDER_AMOUNT_UNSETTLED, lease: null });

    // The placement with the old shipment would charge another amount than the provider now holds.
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CART_CHANGED');
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    // A new initialization sets both again; then the order is placed at the amount the provider holds.
    const again = expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, EXPRESS)));
    expect(again.replayed).toBe(false);
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(deps.glue.transaction(record.transactionId ?? '')?.amount).toEqual(deps.glue.orders.at(-1)?.total);
  });

  it('hands the payment back unchanged when the provider refused (nothing changed there)', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    deps.glue.next('createPayment', {
      kind: 'provider-rejected',
      upstream: { status: 422, code: '1901', detail: 'no' },
    });
    expectError(
      await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, EXPRESS)),
      'PAYMENT_PROVIDER_REJECTED',
    );
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'INITIALIZED',
      fingerprint: record.fingerprint,
      lease: null,
    });
  });

  it('settles a claim whose holder died (its lease ran out): INITIALIZED, unplaceable until initialized again', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record, held, pending } = await reinitializationHeldAtProvider(deps);
    deps.clock.advance(deps.settings.placementLeaseMs + 1);
    // Read by the shopper: the dead holder's claim is settled first.
    const seen = expectOk(await findPreOrderPayment(deps, sameCaller(caller), record.id));
    expect(seen).toMatchObject({ status: 'INITIALIZED', fingerprint: PROVIDER_AMOUNT_UNSETTLED });
    // The holder comes back late: its answer no longer becomes the record's.
    held.release();
    expectError(await pending, 'OPERATION_IN_PROGRESS');
    expect((await storedPayment(deps, record.id)).fingerprint).toBe(PROVIDER_AMOUNT_UNSETTLED);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CART_CHANGED');
    expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, EXPRESS)));
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(deps.glue.transaction(record.transactionId ?? '')?.amount).toEqual(deps.glue.orders.at(-1)?.total);
  });

  it('recognizes its own write whose answer was lost (it landed): the re-initialization succeeds', async () => {
    const base = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(base);
    const deps = storeLosingOneAnswer(base, 'INITIALIZED');
    const again = expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId, EXPRESS)));
    expect(again.record).toMatchObject({ status: 'INITIALIZED', version: record.version + 2 });
    expect(again.record.fingerprint).not.toBe(PROVIDER_AMOUNT_UNSETTLED);
    expect(deps.glue.transaction(record.transactionId ?? '')?.amount).toEqual(again.record.amount);
  });
});
