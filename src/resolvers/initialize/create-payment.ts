import { Errors, type GatewayError } from '../../domain/errors.ts';
import { newPreOrderPaymentId } from '../../domain/ids.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { err, ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { compensate, markCompensated } from './compensation.ts';
import type { InitializationRequest, InitializeAnswer } from './initialization-request.ts';
import { postPayments } from './post-payments.ts';

export interface NewPayment {
  /** Where the cart index must still point for the new record to be written. */
  readonly expectedCurrentId: PreOrderPaymentRecord['id'] | null;
  /** A rate limit still to be checked (null when it was), counted while the deadline is queued. */
  readonly admit: (() => Promise<GatewayError | null>) | null;
}

/**
 * A new pre-order payment (new id): `POST /payments`, then the record and the cart index in one
 * compare-and-set, expecting the index to still point at `expectedCurrentId`.
 */
export async function createPayment(
  deps: UseCaseDeps,
  request: InitializationRequest,
  payment: NewPayment,
): Promise<InitializeAnswer> {
  const { expectedCurrentId, admit } = payment;
  const id = newPreOrderPaymentId(request.cartId);
  const ttlMs = deps.settings.preOrderPaymentTtlSeconds * 1000;
  // The deadline is queued before anything exists, so no crash can leave a payment the sweeper
  // never releases. A refused request leaves a deadline of no record, which the sweeper forgets.
  const [scheduled, limited] = await Promise.all([deps.releases.schedule(id, ttlMs), admit ? admit() : null]);
  if (limited) return err(limited);
  if (!scheduled.ok) return scheduled;
  const created = await postPayments(deps, request, null);
  if (!created.ok) return created;
  const now = deps.clock.now();
  const record: PreOrderPaymentRecord = {
    id,
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
    // Both set by the store's clock when it writes.
    expiresAt: 0,
    lease: null,
    orderReference: null,
    placement: null,
    cancellation: null,
    release: null,
    attempts: 0,
    events: [{ type: 'INITIALIZED', at: now, message: null }],
    reconciliation: null,
    observedAt: now,
  };
  const stored = await deps.store.create(record, {
    expectedCurrentId,
    ttlSeconds: deps.settings.recordTtlSeconds,
    expiresInMs: ttlMs,
  });
  if (stored.ok && stored.value.kind === 'created') return ok({ record: stored.value.record, replayed: false });
  await compensate(deps, { request, created: created.value, why: 'the pre-order payment could not be recorded' });
  if (!stored.ok) {
    void markCompensated(deps, record.id, created.value.transactionId);
    return stored;
  }
  return err(Errors.inProgress());
}
