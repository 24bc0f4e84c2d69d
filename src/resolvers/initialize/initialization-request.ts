import type { CheckoutInputs } from '../../domain/checkout-inputs.ts';
import type { GatewayError } from '../../domain/errors.ts';
import type { Caller, Owner } from '../../domain/identity.ts';
import type { CartId } from '../../domain/ids.ts';
import type { Wanted } from '../../domain/initialization-decision.ts';
import type { PaymentMethodInfo } from '../../domain/ports/glue-port.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import type { CartState } from '../cart/read-cart-state.ts';

/** One initialization after its reads: who asks, for which cart as Glue priced it, and what they want. */
export interface InitializationRequest {
  readonly cartId: CartId;
  readonly caller: Caller;
  readonly owner: Owner;
  readonly inputs: CheckoutInputs;
  readonly state: CartState;
  readonly method: PaymentMethodInfo;
  readonly wanted: Wanted;
}

export interface InitializeSuccess {
  readonly record: PreOrderPaymentRecord;
  readonly replayed: boolean;
}

export type InitializeAnswer = Result<InitializeSuccess, GatewayError>;
