import type { CheckoutInputs } from '../../domain/checkout-inputs.ts';
import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import { readCartState } from '../cart/read-cart-state.ts';
import { type OwnersRequest, runMutation } from '../idempotency/idempotent-mutation.ts';
import { ownedPayment, replayedRecord } from '../payment-record/load-owned-payment.ts';
import { waitForPayment } from '../payment-record/wait-for-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import {
  answerAfterWaiting,
  answerFromStatus,
  isHeldByWork,
  type PlaceOrderAnswer,
  placedOrder,
} from './answer-from-status.ts';
import { placeWithFence } from './fenced-placement.ts';
import { type PlaceOrderInput, validatePlaceOrderInput } from './place-order-input.ts';

/** placeOrder (docs/place-order.md): exactly one order per pre-order payment. */
export async function placeOrder(deps: UseCaseDeps, caller: Caller, input: PlaceOrderInput): Promise<PlaceOrderAnswer> {
  return runMutation(deps, caller, {
    operation: 'placeOrder',
    input,
    violations: validatePlaceOrderInput(input),
    prefetch: () => replayedRecord(deps, input.preOrderPaymentId),
    run: (owner, record) => placeForOwner(deps, { caller, owner, input }, record),
    remember: (success) => ({ kind: 'success', preOrderPaymentId: success.record.id, order: success.order }),
    replay: (record, remembered) => ({ order: remembered.order ?? placedOrder(record), record, replayed: true }),
  });
}

async function placeForOwner(
  deps: UseCaseDeps,
  request: OwnersRequest<PlaceOrderInput>,
  read: Result<PreOrderPaymentRecord, GatewayError>,
): Promise<PlaceOrderAnswer> {
  const { caller, owner, input } = request;
  const loaded = await ownedPayment(deps, owner, read);
  if (!loaded.ok) return loaded;

  let record = loaded.value;
  if (isHeldByWork(record)) {
    // Another request places or re-initializes it: answer from what that ends with, or that it still runs.
    const done = await waitForPayment(deps, record.id, (current) => !isHeldByWork(current));
    if (!done) return err(Errors.inProgress());
    record = done;
  }
  const settled = await answerFromStatus(deps, caller, record);
  if (settled) return settled;

  const inputs: CheckoutInputs = {
    customer: input.customer ?? record.inputs.customer,
    billingAddress: input.billingAddress ?? record.inputs.billingAddress,
    shipments: input.shipments ?? record.inputs.shipments,
  };
  // The lease's release look is queued while Glue reads the cart, so the take needs no round trip
  // for it. Queued a little early, it finds the lease still running and waits for its end; queued
  // for a placement that does not follow, it finds the payment INITIALIZED and waits for its deadline.
  const [state, booked] = await Promise.all([
    readCartState(deps, { caller, cartId: record.cartId, inputs, fresh: true }),
    deps.releases.schedule(record.id, deps.settings.placementLeaseMs),
  ]);
  const changed = state.ok && state.value.fingerprint !== record.fingerprint;
  if (!state.ok || changed) {
    // A concurrent placement may have finished meanwhile (Glue deletes the cart with the order):
    // its outcome, not the missing or changed cart, is the answer.
    const moved = await answerIfMoved(deps, caller, record);
    if (moved) return moved;
    if (!state.ok) return state;
    return err(Errors.cartChanged(record.id, record.amount, state.value.checkoutData.amount));
  }
  if (!booked.ok) return booked;
  const method = state.value.checkoutData.paymentMethods.find(
    (candidate) =>
      candidate.paymentMethodName === record.paymentMethodName &&
      candidate.paymentProviderName === record.paymentProviderName,
  );

  const placed = await placeWithFence(deps, {
    caller,
    record,
    inputs,
    strategy: method?.strategy ?? 'EMBEDDED',
    leaseLookQueued: true,
  });
  switch (placed.kind) {
    case 'placed':
      return ok({ order: placed.order, record: placed.record, replayed: false });
    case 'failed':
      return err(placed.error);
    case 'lost': {
      if (!placed.current) return err(Errors.notFound());
      return (await answerAfterWaiting(deps, caller, placed.current)) ?? err(Errors.inProgress());
    }
  }
}

/** Null while the payment is still as this request last saw it; else the answer its new state gives. */
async function answerIfMoved(
  deps: UseCaseDeps,
  caller: Caller,
  seen: PreOrderPaymentRecord,
): Promise<PlaceOrderAnswer | null> {
  const current = await deps.store.get(seen.id);
  if (!current.ok) return current;
  if (!current.value || current.value.version === seen.version) return null;
  return answerAfterWaiting(deps, caller, current.value);
}
