import type { Address, CheckoutInputs, Customer, Shipment } from '../domain/checkout-inputs.ts';
import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import type { Caller } from '../domain/identity.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';
import type { Violations } from '../domain/validation.ts';
import { validateAddress, validateCustomer, validateIdempotencyKey, validateShipments } from '../domain/validation.ts';
import { readCartState } from './cart-state.ts';
import type { UseCaseDeps } from './deps.ts';
import { withIdempotency } from './idempotency.ts';
import { type Owner, resolveOwner } from './owner.ts';
import { loadOwnedPayment, replayedRecord, waitFor } from './payment-access.ts';
import type { PlacedOrder } from './placement.ts';
import { placeWithFence } from './placement.ts';
import { reconcile } from './reconcile.ts';
import { guardStore } from './store-guard.ts';

export interface PlaceOrderInput {
  readonly preOrderPaymentId: string;
  readonly customer?: Customer | null;
  readonly billingAddress?: Address | null;
  readonly shipments?: readonly Shipment[] | null;
  readonly idempotencyKey?: string | null;
}

export interface PlaceOrderSuccess {
  readonly order: PlacedOrder;
  readonly record: PreOrderPaymentRecord;
  readonly replayed: boolean;
}

export function validatePlaceOrderInput(input: PlaceOrderInput): Violations {
  const violations: Violations = [];
  if (input.customer) validateCustomer(violations, 'input.customer', input.customer);
  if (input.billingAddress) validateAddress(violations, 'input.billingAddress', input.billingAddress);
  if (input.shipments) validateShipments(violations, 'input.shipments', input.shipments);
  validateIdempotencyKey(violations, 'input.idempotencyKey', input.idempotencyKey);
  return violations;
}

/** placeOrder (CONTRACT.md §6): exactly one order per pre-order payment. */
export async function placeOrder(
  deps: UseCaseDeps,
  caller: Caller,
  input: PlaceOrderInput,
): Promise<Result<PlaceOrderSuccess, GatewayError>> {
  const violations = validatePlaceOrderInput(input);
  if (violations.length > 0) return err(Errors.validation(violations));
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  return withIdempotency(deps, {
    operation: 'placeOrder',
    owner: owner.value,
    key: input.idempotencyKey,
    input,
    run: () => placeForOwner(deps, caller, owner.value, input),
    remember: (success) => ({ kind: 'success', preOrderPaymentId: success.record.id, order: success.order }),
    replay: async (outcome) => {
      const record = await replayedRecord(deps, outcome.preOrderPaymentId);
      if (!record.ok) return record;
      return ok({ order: outcome.order ?? placedOrder(record.value), record: record.value, replayed: true });
    },
  });
}

async function placeForOwner(
  deps: UseCaseDeps,
  caller: Caller,
  owner: Owner,
  input: PlaceOrderInput,
): Promise<Result<PlaceOrderSuccess, GatewayError>> {
  const loaded = await loadOwnedPayment(deps, owner, input.preOrderPaymentId);
  if (!loaded.ok) return loaded;

  let record = loaded.value;
  if (record.status === 'PLACING_ORDER') {
    // Another request holds the placement: answer what it ends with, or that it is still running.
    const done = await waitFor(deps, record.id, (current) => current.status !== 'PLACING_ORDER');
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
  const state = await readCartState(deps, caller, record.cartId, inputs, { fresh: true });
  const changed = state.ok && state.value.fingerprint !== record.fingerprint;
  if (!state.ok || changed) {
    // A concurrent placement may have finished meanwhile (Glue deletes the cart with the order):
    // its outcome, not the missing or changed cart, is the answer.
    const moved = await answerIfMoved(deps, caller, record);
    if (moved) return moved;
    if (!state.ok) return state;
    return err(Errors.cartChanged(record.id, record.amount, state.value.checkoutData.amount));
  }
  const method = state.value.checkoutData.paymentMethods.find(
    (candidate) =>
      candidate.paymentMethodName === record.paymentMethodName &&
      candidate.paymentProviderName === record.paymentProviderName,
  );

  const placed = await placeWithFence(deps, caller, record, inputs, method?.strategy ?? 'EMBEDDED');
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

/** Null while the payment is still INITIALIZED as this request last saw it; else the answer its new state gives. */
async function answerIfMoved(
  deps: UseCaseDeps,
  caller: Caller,
  seen: PreOrderPaymentRecord,
): Promise<Result<PlaceOrderSuccess, GatewayError> | null> {
  const current = await guardStore(() => deps.store.get(seen.id));
  if (!current.ok) return current;
  if (!current.value || current.value.version === seen.version) return null;
  return answerAfterWaiting(deps, caller, current.value);
}

/** Waits out a placement in flight, then answers from the status it ended in. */
async function answerAfterWaiting(
  deps: UseCaseDeps,
  caller: Caller,
  current: PreOrderPaymentRecord,
): Promise<Result<PlaceOrderSuccess, GatewayError> | null> {
  const done =
    current.status === 'PLACING_ORDER'
      ? await waitFor(deps, current.id, (record) => record.status !== 'PLACING_ORDER')
      : current;
  if (!done) return err(Errors.inProgress());
  return answerFromStatus(deps, caller, done);
}

/** Answers that need no Glue write (CONTRACT.md §6.1); null when the payment may be placed now. */
async function answerFromStatus(
  deps: UseCaseDeps,
  caller: Caller,
  record: PreOrderPaymentRecord,
): Promise<Result<PlaceOrderSuccess, GatewayError> | null> {
  switch (record.status) {
    case 'ORDER_PLACED':
      return ok({ order: placedOrder(record), record, replayed: true });
    case 'CANCELED':
      return err(Errors.canceled(record.id));
    case 'EXPIRED':
      return err(Errors.expired(record.id, new Date(record.expiresAt).toISOString()));
    case 'CANCELING':
    case 'PLACING_ORDER':
      return err(Errors.inProgress());
    case 'ORDER_OUTCOME_UNKNOWN': {
      const after = await reconcile(deps, caller, record, { force: false });
      if (after.status === 'ORDER_PLACED') return ok({ order: placedOrder(after), record: after, replayed: true });
      return err(Errors.outcomeUnknown(record.id, after.orderReference));
    }
    case 'INITIALIZED':
      if (record.expiresAt <= deps.clock.now())
        return err(Errors.expired(record.id, new Date(record.expiresAt).toISOString()));
      return null;
  }
}

function placedOrder(record: PreOrderPaymentRecord): PlacedOrder {
  return { orderReference: record.orderReference ?? '', redirectUrl: null, isExternalRedirect: null };
}
