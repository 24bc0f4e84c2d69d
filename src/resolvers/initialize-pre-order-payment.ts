import type { Address, Customer, Shipment } from '../domain/checkout-inputs.ts';
import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import { shipmentsKey } from '../domain/fingerprint.ts';
import type { Caller } from '../domain/identity.ts';
import { type CartId, parseCartId } from '../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';
import type { Violations } from '../domain/validation.ts';
import {
  validateAddress,
  validateCustomer,
  validateIdempotencyKey,
  validateName,
  validateShipments,
} from '../domain/validation.ts';
import { readCartState } from './cart-state.ts';
import type { UseCaseDeps } from './deps.ts';
import { withIdempotency } from './idempotency.ts';
import { initializeUnderCartLock } from './initialization-actions.ts';
import { decideInitialization } from './initialization-decision.ts';
import { type Owner, resolveOwner } from './owner.ts';
import { replayedRecord } from './payment-access.ts';
import { sleep } from './poll.ts';
import { guardStore } from './store-guard.ts';

export interface InitializeInput {
  readonly cartId: string;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly customer: Customer;
  readonly billingAddress: Address;
  readonly shipments: readonly Shipment[];
  readonly idempotencyKey?: string | null;
}

export interface InitializeSuccess {
  readonly record: PreOrderPaymentRecord;
  readonly replayed: boolean;
}

export function validateInitializeInput(input: InitializeInput): Violations {
  const violations: Violations = [];
  if (!parseCartId(input.cartId)) violations.push({ path: 'input.cartId', message: 'is not a valid cart id' });
  validateName(violations, 'input.paymentMethodName', input.paymentMethodName);
  validateName(violations, 'input.paymentProviderName', input.paymentProviderName);
  validateCustomer(violations, 'input.customer', input.customer);
  validateAddress(violations, 'input.billingAddress', input.billingAddress);
  validateShipments(violations, 'input.shipments', input.shipments);
  validateIdempotencyKey(violations, 'input.idempotencyKey', input.idempotencyKey);
  return violations;
}

/**
 * initializePreOrderPayment (CONTRACT.md §4): reads what the cart costs, then creates, replays,
 * re-initializes or supersedes the cart's pre-order payment. Writes happen under a short cart
 * lock, so concurrent initializations of one cart make exactly one `POST /payments`.
 */
export async function initializePreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  input: InitializeInput,
): Promise<Result<InitializeSuccess, GatewayError>> {
  const violations = validateInitializeInput(input);
  if (violations.length > 0) return err(Errors.validation(violations));
  const cartId = parseCartId(input.cartId);
  if (!cartId) return err(Errors.validation([{ path: 'input.cartId', message: 'is not a valid cart id' }]));

  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  return withIdempotency(deps, {
    operation: 'initializePreOrderPayment',
    owner: owner.value,
    key: input.idempotencyKey,
    input,
    run: () => initializeForOwner(deps, caller, owner.value, cartId, input),
    remember: (success) => ({ kind: 'success', preOrderPaymentId: success.record.id }),
    replay: async (outcome) => {
      const record = await replayedRecord(deps, outcome.preOrderPaymentId);
      return record.ok ? ok({ record: record.value, replayed: true }) : record;
    },
  });
}

async function initializeForOwner(
  deps: UseCaseDeps,
  caller: Caller,
  owner: Owner,
  cartId: CartId,
  input: InitializeInput,
): Promise<Result<InitializeSuccess, GatewayError>> {
  const inputs = { customer: input.customer, billingAddress: input.billingAddress, shipments: input.shipments };
  const state = await readCartState(deps, caller, cartId, inputs, { fresh: false });
  if (!state.ok) return state;

  const method = state.value.checkoutData.paymentMethods.find(
    (candidate) =>
      candidate.paymentMethodName === input.paymentMethodName &&
      candidate.paymentProviderName === input.paymentProviderName,
  );
  if (!method?.supportsPreOrderPayment)
    return err(Errors.methodNotAvailable(input.paymentMethodName, input.paymentProviderName));

  const wanted = {
    paymentMethodName: input.paymentMethodName,
    paymentProviderName: input.paymentProviderName,
    fingerprint: state.value.fingerprint,
    shipmentsKey: shipmentsKey(input.shipments),
  };
  const request = { cartId, caller, owner, inputs, state: state.value, method, wanted };

  const deadline = Date.now() + deps.settings.waitMs;
  for (;;) {
    const current = await guardStore(() => deps.store.getCurrentForCart(cartId));
    if (!current.ok) return current;
    const decision = decideInitialization(current.value, wanted, owner, deps.clock.now());
    if (decision.kind === 'replay') return ok({ record: decision.record, replayed: true });
    if (decision.kind === 'order-placed') {
      return err(Errors.alreadyPlaced(decision.record.id, decision.record.orderReference ?? ''));
    }
    if (decision.kind === 'outcome-unknown')
      return err(Errors.outcomeUnknown(decision.record.id, decision.record.orderReference));

    if (decision.kind !== 'in-progress') {
      const lockTtlMs = 2 * deps.settings.glueTimeoutMs + 5000;
      const token = await guardStore(() => deps.store.acquireCartLock(cartId, lockTtlMs));
      if (!token.ok) return token;
      if (token.value !== null) {
        const lockToken = token.value;
        try {
          return await initializeUnderCartLock(deps, request);
        } finally {
          await guardStore(() => deps.store.releaseCartLock(cartId, lockToken));
        }
      }
    }
    // Another request is initializing, placing or canceling for this cart: wait for it, then decide again.
    if (Date.now() >= deadline) return err(Errors.inProgress());
    await sleep(Math.min(50, Math.max(0, deadline - Date.now())));
  }
}
