import { Errors } from '../../domain/errors.ts';
import { decideInitialization } from '../../domain/initialization-decision.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { err, ok } from '../../domain/result.ts';
import { cancelAtProvider } from '../payment-record/cancel-at-provider.ts';
import { settle } from '../payment-record/settle-stale-work.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { createPayment } from './create-payment.ts';
import type { InitializationRequest, InitializeAnswer } from './initialization-request.ts';
import { initializationRateLimit } from './rate-limits.ts';
import { reinitializePayment } from './reinitialize-payment.ts';

/**
 * The write half of initialization (docs/initialize.md items 3-6); the caller holds the cart lock
 * and read `underLock`, the cart's current payment, as it took the lock.
 */
export async function initializeUnderCartLock(
  deps: UseCaseDeps,
  request: InitializationRequest,
  underLock: PreOrderPaymentRecord | null,
): Promise<InitializeAnswer> {
  // The work of a holder presumed dead is settled first (stale-work.ts).
  const current = underLock ? await settle(deps, underLock) : ok(null);
  if (!current.ok) return current;
  const decision = decideInitialization(current.value, request.wanted);
  switch (decision.kind) {
    case 'replay':
      return ok({ record: decision.record, replayed: true });
    case 'in-progress':
      return err(Errors.inProgress());
    case 'cart-taken':
      return err(Errors.cartNotFound(request.cartId));
    case 'update-inputs': {
      // Nothing the provider knows changed: the payment stays, and placeOrder uses what was given now.
      const updated = await transitionTo(deps, decision.record, { changes: { inputs: request.inputs } });
      if (!updated.ok) return updated;
      return updated.value.won ? ok({ record: updated.value.record, replayed: true }) : err(Errors.inProgress());
    }
    case 'order-placed':
      return err(Errors.alreadyPlaced(decision.record.id, decision.record.orderReference ?? ''));
    case 'outcome-unknown':
      return err(Errors.outcomeUnknown(decision.record.id, decision.record.orderReference));
  }
  const admit = () => initializationRateLimit(deps, request.cartId, request.caller.clientAddress);
  switch (decision.kind) {
    case 'create':
      return createPayment(deps, request, { expectedCurrentId: current.value?.id ?? null, admit });
    case 'reinitialize': {
      const limited = await admit();
      if (limited) return err(limited);
      return reinitializePayment(deps, request, decision.record);
    }
    case 'supersede': {
      const limited = await admit();
      if (limited) return err(limited);
      const { paymentProviderName, paymentMethodName } = request.wanted;
      const reason = `superseded by a ${paymentProviderName} / ${paymentMethodName} payment`;
      const canceled = await cancelAtProvider(deps, {
        caller: request.caller,
        record: decision.record,
        purpose: 'superseded',
        reason,
      });
      if (canceled.kind === 'failed' || canceled.kind === 'unclear') return err(canceled.error);
      if (canceled.kind === 'lost') return err(Errors.inProgress());
      return createPayment(deps, request, { expectedCurrentId: decision.record.id, admit: null });
    }
  }
}
