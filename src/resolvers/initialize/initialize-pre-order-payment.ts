import type { CheckoutInputs } from '../../domain/checkout-inputs.ts';
import { Errors } from '../../domain/errors.ts';
import { inputsKey, shipmentsKey } from '../../domain/fingerprint.ts';
import type { Caller } from '../../domain/identity.ts';
import { type CartId, parseCartId } from '../../domain/ids.ts';
import { decideInitialization } from '../../domain/initialization-decision.ts';
import type { StoreAnswer } from '../../domain/ports/store-answer.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { err, ok } from '../../domain/result.ts';
import { readCartState } from '../cart/read-cart-state.ts';
import { type OwnersRequest, runMutation } from '../idempotency/idempotent-mutation.ts';
import { settle } from '../payment-record/settle-stale-work.ts';
import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import type { InitializationRequest, InitializeAnswer } from './initialization-request.ts';
import { type InitializeInput, validateInitializeInput } from './initialize-input.ts';
import { initializeUnderCartLock } from './initialize-under-cart-lock.ts';

/**
 * initializePreOrderPayment (docs/initialize.md): reads what the cart costs, then creates,
 * replays, re-initializes or supersedes the cart's pre-order payment. Writes happen under a short
 * cart lock, so concurrent initializations of one cart make exactly one `POST /payments`.
 */
export async function initializePreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  input: InitializeInput,
): Promise<InitializeAnswer> {
  return runMutation(deps, caller, {
    operation: 'initializePreOrderPayment',
    input,
    violations: validateInitializeInput(input),
    prefetch: () => {
      const cartId = parseCartId(input.cartId);
      return cartId ? deps.store.getCurrentForCart(cartId) : Promise.resolve(ok(null));
    },
    run: (owner, current) => initializeForOwner(deps, { caller, owner, input }, current),
    remember: (success) => ({ kind: 'success', preOrderPaymentId: success.record.id }),
    replay: (record) => ({ record, replayed: true }),
  });
}

async function initializeForOwner(
  deps: UseCaseDeps,
  initialization: OwnersRequest<InitializeInput>,
  current: CurrentRead,
): Promise<InitializeAnswer> {
  const { caller, owner, input } = initialization;
  const cartId = parseCartId(input.cartId);
  if (!cartId) return err(Errors.validation([{ path: 'input.cartId', message: 'is not a valid cart id' }]));
  const inputs: CheckoutInputs = {
    customer: input.customer,
    billingAddress: input.billingAddress,
    shipments: input.shipments,
  };
  const state = await readCartState(deps, { caller, cartId, inputs, fresh: false });
  if (!state.ok) return state;

  const method = state.value.checkoutData.paymentMethods.find(
    (candidate) =>
      candidate.paymentMethodName === input.paymentMethodName &&
      candidate.paymentProviderName === input.paymentProviderName,
  );
  if (!method?.supportsPreOrderPayment) {
    return err(Errors.methodNotAvailable(input.paymentMethodName, input.paymentProviderName));
  }

  const wanted = {
    ownerKey: owner.key,
    paymentMethodName: input.paymentMethodName,
    paymentProviderName: input.paymentProviderName,
    fingerprint: state.value.fingerprint,
    shipmentsKey: shipmentsKey(input.shipments),
    inputsKey: inputsKey(inputs),
  };
  return decideUnderCartLock(deps, { cartId, caller, owner, inputs, state: state.value, method, wanted }, current);
}

/** The cart's current payment as the store answered it. */
type CurrentRead = StoreAnswer<PreOrderPaymentRecord | null>;

/**
 * Decides from the cart's current payment (first as read alongside the idempotency lookup); answers
 * what needs no write at once, else takes the cart lock, reading the payment again in the same
 * step, and decides again from that. While another request holds the cart, waits and retries.
 */
async function decideUnderCartLock(
  deps: UseCaseDeps,
  request: InitializationRequest,
  first: CurrentRead,
): Promise<InitializeAnswer> {
  const { cartId, wanted } = request;
  const deadline = Date.now() + deps.settings.waitMs;
  let read: CurrentRead = first;
  for (;;) {
    const current = read.ok && read.value ? await settle(deps, read.value) : read;
    if (!current.ok) return current;
    const decision = decideInitialization(current.value, wanted);
    if (decision.kind === 'replay') return ok({ record: decision.record, replayed: true });
    if (decision.kind === 'cart-taken') return err(Errors.cartNotFound(cartId));
    if (decision.kind === 'order-placed') {
      return err(Errors.alreadyPlaced(decision.record.id, decision.record.orderReference ?? ''));
    }
    if (decision.kind === 'outcome-unknown') {
      return err(Errors.outcomeUnknown(decision.record.id, decision.record.orderReference));
    }

    if (decision.kind !== 'in-progress') {
      const lockTtlMs = 2 * deps.settings.glueTimeoutMs + 5000;
      const lock = await deps.store.lockCartAndRead(cartId, lockTtlMs);
      if (!lock.ok) return lock;
      const { token, current: underLock } = lock.value;
      if (token !== null) {
        try {
          return await initializeUnderCartLock(deps, request, underLock);
        } finally {
          releaseCartLock(deps, cartId, token);
        }
      }
    }
    // Another request is initializing, placing or canceling for this cart: wait for it, then decide again.
    if (Date.now() >= deadline) return err(Errors.inProgress());
    await sleep(Math.min(50, Math.max(0, deadline - Date.now())));
    read = await deps.store.getCurrentForCart(cartId);
  }
}

/**
 * Not awaited: the release goes out with the idempotency outcome, in the same round trip. It is
 * ordered after every write under the lock (the same slot, so the same connection), and a release
 * that fails leaves a lock that expires with its TTL.
 */
function releaseCartLock(deps: UseCaseDeps, cartId: CartId, token: string): void {
  deps.store.releaseCartLock(cartId, token).then(
    (released) => {
      if (!released.ok) deps.logger.warn({ cartId }, 'cart lock not released; it expires with its TTL');
    },
    (error: unknown) => deps.logger.error({ err: error, cartId }, 'cart lock release failed'),
  );
}
