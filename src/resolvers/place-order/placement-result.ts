import type { GatewayError } from '../../domain/errors.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';

export interface PlacedOrder {
  readonly orderReference: string;
  readonly redirectUrl: string | null;
  readonly isExternalRedirect: boolean | null;
}

export type PlacementResult =
  | { readonly kind: 'placed'; readonly record: PreOrderPaymentRecord; readonly order: PlacedOrder }
  /** Another request holds the payment; nothing was sent. */
  | { readonly kind: 'lost'; readonly current: PreOrderPaymentRecord | null }
  | { readonly kind: 'failed'; readonly error: GatewayError };
