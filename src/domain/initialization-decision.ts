import { inputsKey } from './fingerprint.ts';
import type { OwnerKey } from './ids.ts';
import { isPastDeadline, type PreOrderPaymentRecord } from './pre-order-payment.ts';

export type InitializationDecision =
  | { readonly kind: 'create' }
  | { readonly kind: 'replay'; readonly record: PreOrderPaymentRecord }
  /** Same cart and shipments, other customer or billing address: kept on the record, no provider call. */
  | { readonly kind: 'update-inputs'; readonly record: PreOrderPaymentRecord }
  | { readonly kind: 'reinitialize'; readonly record: PreOrderPaymentRecord }
  /** Cancel the cart's live payment at Glue first (never two live provider payments per cart). */
  | { readonly kind: 'supersede'; readonly record: PreOrderPaymentRecord }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'order-placed'; readonly record: PreOrderPaymentRecord }
  | { readonly kind: 'outcome-unknown'; readonly record: PreOrderPaymentRecord }
  /** The cart's order was placed by someone else: to this caller the cart is gone (nothing of it is named). */
  | { readonly kind: 'cart-taken' };

/** What the caller asks for: a payment of this method, owned by them, for the cart as it is now. */
export interface Wanted {
  readonly ownerKey: OwnerKey;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly fingerprint: string;
  readonly shipmentsKey: string;
  /** inputsKey() of the customer, billing address and shipments given now. */
  readonly inputsKey: string;
}

/**
 * docs/initialize.md item 4: the cart's current pre-order payment decides what initialization does.
 * Its deadline is judged by the store's clock at the read (`observedAt`).
 */
export function decideInitialization(current: PreOrderPaymentRecord | null, wanted: Wanted): InitializationDecision {
  if (!current) return { kind: 'create' };
  // The owner first: no answer may carry someone else's payment id or order reference.
  if (current.ownerKey !== wanted.ownerKey) return decideForeign(current);
  switch (current.status) {
    case 'CANCELED':
    case 'EXPIRED':
      return { kind: 'create' };
    case 'PLACING_ORDER':
    case 'CANCELING':
    case 'REINITIALIZING':
      return { kind: 'in-progress' };
    case 'ORDER_PLACED':
      return { kind: 'order-placed', record: current };
    case 'ORDER_OUTCOME_UNKNOWN':
      return { kind: 'outcome-unknown', record: current };
    case 'INITIALIZED':
      break;
  }
  const sameMethod =
    current.paymentMethodName === wanted.paymentMethodName &&
    current.paymentProviderName === wanted.paymentProviderName;
  if (!sameMethod) return { kind: 'supersede', record: current };
  const unchanged = current.fingerprint === wanted.fingerprint && current.shipmentsKey === wanted.shipmentsKey;
  if (unchanged && !isPastDeadline(current)) {
    const sameInputs = inputsKey(current.inputs) === wanted.inputsKey;
    return { kind: sameInputs ? 'replay' : 'update-inputs', record: current };
  }
  return { kind: 'reinitialize', record: current };
}

/**
 * Someone else's payment on a cart this caller may use (e.g. a guest who logged in): an unfinished
 * one is replaced, never shown; work in progress is waited for; an order placed by them makes the
 * cart gone for this caller.
 */
function decideForeign(current: PreOrderPaymentRecord): InitializationDecision {
  switch (current.status) {
    case 'CANCELED':
    case 'EXPIRED':
      return { kind: 'create' };
    case 'INITIALIZED':
      return { kind: 'supersede', record: current };
    case 'ORDER_PLACED':
      return { kind: 'cart-taken' };
    case 'PLACING_ORDER':
    case 'CANCELING':
    case 'REINITIALIZING':
    case 'ORDER_OUTCOME_UNKNOWN':
      return { kind: 'in-progress' };
  }
}
