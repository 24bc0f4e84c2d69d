import type { CheckoutInputs } from '../domain/checkout-inputs.ts';
import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import type { Caller } from '../domain/identity.ts';
import type { CartId } from '../domain/ids.ts';
import { newPreOrderPaymentId } from '../domain/ids.ts';
import type { PaymentMethodInfo } from '../domain/ports/glue-port.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import { evolve } from '../domain/pre-order-payment.ts';
import type { Result } from '../domain/result.ts';
import { err, ok } from '../domain/result.ts';
import { cancelAtProvider } from './cancellation.ts';
import type { CartState } from './cart-state.ts';
import type { UseCaseDeps } from './deps.ts';
import type { Wanted } from './initialization-decision.ts';
import { decideInitialization } from './initialization-decision.ts';
import type { InitializeSuccess } from './initialize-pre-order-payment.ts';
import type { Owner } from './owner.ts';
import { transition } from './payment-access.ts';
import { sleep } from './poll.ts';
import type { CreatedPayment } from './provider-payments.ts';
import { createdPaymentOrError } from './provider-payments.ts';
import { initializationRateLimit } from './rate-limits.ts';
import { guardStore } from './store-guard.ts';

export interface InitializationRequest {
  readonly cartId: CartId;
  readonly caller: Caller;
  readonly owner: Owner;
  readonly inputs: CheckoutInputs;
  readonly state: CartState;
  readonly method: PaymentMethodInfo;
  readonly wanted: Wanted;
}

/** The write half of initialization; the caller holds the cart lock. */
export async function initializeUnderCartLock(
  deps: UseCaseDeps,
  request: InitializationRequest,
): Promise<Result<InitializeSuccess, GatewayError>> {
  const current = await guardStore(() => deps.store.getCurrentForCart(request.cartId));
  if (!current.ok) return current;
  const decision = decideInitialization(current.value, request.wanted, request.owner, deps.clock.now());
  switch (decision.kind) {
    case 'replay':
      return ok({ record: decision.record, replayed: true });
    case 'in-progress':
      return err(Errors.inProgress());
    case 'order-placed':
      return err(Errors.alreadyPlaced(decision.record.id, decision.record.orderReference ?? ''));
    case 'outcome-unknown':
      return err(Errors.outcomeUnknown(decision.record.id, decision.record.orderReference));
  }
  const limited = await initializationRateLimit(deps, request.cartId, request.caller.clientAddress);
  if (limited) return err(limited);
  switch (decision.kind) {
    case 'create':
      return create(deps, request, current.value?.id ?? null);
    case 'reinitialize':
      return reinitialize(deps, request, decision.record);
    case 'supersede': {
      const reason = `superseded by a ${request.wanted.paymentProviderName} / ${request.wanted.paymentMethodName} payment`;
      const canceled = await cancelAtProvider(deps, request.caller, decision.record, reason);
      if (canceled.kind === 'failed') return err(canceled.error);
      if (canceled.kind === 'lost') return err(Errors.inProgress());
      return create(deps, request, decision.record.id);
    }
  }
}

function postPayments(
  deps: UseCaseDeps,
  request: InitializationRequest,
  preOrderPaymentData: Readonly<Record<string, unknown>> | null,
) {
  const { state, inputs, wanted, owner } = request;
  return deps.glue.createPayment(request.caller, {
    amount: state.checkoutData.amount,
    paymentMethodName: wanted.paymentMethodName,
    paymentProviderName: wanted.paymentProviderName,
    cart: state.cart,
    checkoutData: state.checkoutData,
    customer: inputs.customer,
    customerReference: owner.customerReference,
    billingAddress: inputs.billingAddress,
    shippingAddress: inputs.shipments[0]?.shippingAddress ?? null,
    preOrderPaymentData,
  });
}

async function create(
  deps: UseCaseDeps,
  request: InitializationRequest,
  expectedCurrentId: PreOrderPaymentRecord['id'] | null,
) {
  const created = createdPaymentOrError(await postPayments(deps, request, null), {
    name: request.wanted.paymentMethodName,
    provider: request.wanted.paymentProviderName,
  });
  if (!created.ok) return created;
  const now = deps.clock.now();
  const record: PreOrderPaymentRecord = {
    id: newPreOrderPaymentId(request.cartId),
    cartId: request.cartId,
    ownerKey: request.owner.key,
    ownerKind: request.owner.kind,
    status: 'INITIALIZED',
    version: 1,
    amount: request.state.checkoutData.amount,
    fingerprint: request.wanted.fingerprint,
    shipmentsKey: request.wanted.shipmentsKey,
    paymentMethodName: request.wanted.paymentMethodName,
    paymentProviderName: request.wanted.paymentProviderName,
    transactionId: created.value.transactionId,
    preOrderPaymentData: created.value.preOrderPaymentData,
    inputs: request.inputs,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + deps.settings.preOrderPaymentTtlSeconds * 1000,
    orderReference: null,
    placement: null,
    attempts: 0,
    events: [{ type: 'INITIALIZED', at: now, message: null }],
    reconciliation: null,
  };
  const stored = await guardStore(() => deps.store.create(record, expectedCurrentId, deps.settings.recordTtlSeconds));
  if (stored.ok && stored.value.ok) return ok({ record, replayed: false });
  await compensate(deps, request, created.value, 'the pre-order payment could not be recorded');
  if (!stored.ok) void markCompensated(deps, record.id, created.value.transactionId);
  return err(stored.ok ? Errors.inProgress() : Errors.upstreamUnavailable({ detail: 'session store unavailable' }));
}

async function reinitialize(deps: UseCaseDeps, request: InitializationRequest, record: PreOrderPaymentRecord) {
  const created = createdPaymentOrError(await postPayments(deps, request, record.preOrderPaymentData), {
    name: request.wanted.paymentMethodName,
    provider: request.wanted.paymentProviderName,
  });
  if (!created.ok) return created;
  const now = deps.clock.now();
  const replaced = created.value.transactionId !== record.transactionId;
  const next = evolve(
    record,
    now,
    {
      amount: request.state.checkoutData.amount,
      fingerprint: request.wanted.fingerprint,
      shipmentsKey: request.wanted.shipmentsKey,
      transactionId: created.value.transactionId,
      preOrderPaymentData: created.value.preOrderPaymentData,
      inputs: request.inputs,
      expiresAt: now + deps.settings.preOrderPaymentTtlSeconds * 1000,
    },
    {
      type: 'REINITIALIZED',
      message: replaced
        ? `transaction ${record.transactionId ?? '(none)'} replaced by ${created.value.transactionId ?? '(none)'}`
        : null,
    },
  );
  const written = await transition(deps, next);
  if (written.ok && written.value.won) return ok({ record: next, replayed: false });
  // A cancel or placement moved the payment meanwhile; a transaction the provider newly created would be orphaned.
  if (replaced) {
    await compensate(deps, request, created.value, 'the re-initialized payment could not be recorded');
    if (!written.ok) void markCompensated(deps, record.id, created.value.transactionId);
  }
  return err(written.ok ? Errors.inProgress() : Errors.upstreamUnavailable({ detail: 'session store unavailable' }));
}

/**
 * A write that timed out may still land when the store answers again (Redis runs what it already
 * received). Once the store answers, look once: a record left INITIALIZED on the transaction just
 * canceled is marked CANCELED, so nobody is handed a dead provider payment. Runs in the background.
 */
async function markCompensated(
  deps: UseCaseDeps,
  id: PreOrderPaymentRecord['id'],
  transactionId: string | null,
): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const found = await guardStore(() => deps.store.get(id));
    if (found.ok) {
      const record = found.value;
      if (record?.status !== 'INITIALIZED' || record.transactionId !== transactionId) return;
      const canceled = evolve(
        record,
        deps.clock.now(),
        { status: 'CANCELED' },
        { type: 'CANCELED', message: 'compensated: recording failed, provider payment canceled' },
      );
      const written = await transition(deps, canceled);
      if (written.ok) {
        deps.logger.warn(
          { preOrderPaymentId: id },
          'a late-landing record of a compensated payment was marked CANCELED',
        );
        return;
      }
    }
    await sleep(500);
  }
  deps.logger.error({ preOrderPaymentId: id }, 'could not verify the record of a compensated payment');
}

/** Undo beside the action (CONTRACT.md §4.6): never leave a created provider payment without a record. */
async function compensate(
  deps: UseCaseDeps,
  request: InitializationRequest,
  created: CreatedPayment,
  why: string,
): Promise<void> {
  const outcome = await deps.glue.cancelPayment(request.caller, {
    paymentMethodName: request.wanted.paymentMethodName,
    paymentProviderName: request.wanted.paymentProviderName,
    preOrderPaymentData: created.preOrderPaymentData,
  });
  const fields = { cartId: request.cartId, transactionId: created.transactionId, outcome: outcome.kind };
  if (outcome.kind === 'canceled' || outcome.kind === 'already-canceled')
    deps.logger.warn(fields, `compensation: canceled the provider payment because ${why}`);
  else deps.logger.error(fields, `compensation FAILED: a provider payment exists without a record because ${why}`);
}
