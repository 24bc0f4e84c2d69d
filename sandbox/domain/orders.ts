import type { SandboxState } from '../state.ts';
import type { Cart, Customer, Order, PaymentMethod, ShipmentMethod } from '../types.ts';
import { computeTotals, priceLines, shipmentExpenses } from './money.ts';

export interface SaveOrderInput {
  readonly cart: Cart;
  readonly customer: Customer | null;
  /** The request's `customer` block (guests describe themselves here). */
  readonly requestCustomer: Readonly<Record<string, unknown>>;
  readonly billingAddress: Readonly<Record<string, unknown>>;
  readonly shippingAddress: Readonly<Record<string, unknown>> | null;
  readonly paymentMethod: PaymentMethod;
  readonly shipmentMethods: readonly ShipmentMethod[];
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
}

/**
 * Zed's `Checkout::placeOrder` save step: the order gets the next "DE--<n>" reference and the
 * cart's items, the shipment expenses and totals that include shipping. It is persisted before
 * any post-save hook (payment confirmation, cart deletion) runs, so it survives their failures.
 */
export function saveOrder(state: SandboxState, input: SaveOrderInput): Order {
  const lines = priceLines(input.cart, state.products);
  const expenses = shipmentExpenses(input.shipmentMethods);
  const transactionId = input.preOrderPaymentData.transactionId;
  const owner = input.cart.owner;
  const order: Order = {
    orderReference: state.nextOrderReference(),
    cartId: input.cart.id,
    customerReference: owner.kind === 'customer' ? owner.customerReference : null,
    anonymousId: owner.kind === 'guest' ? owner.anonymousId : null,
    createdAt: Date.now(),
    items: lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitGrossPrice: line.unitPrice,
      sumGrossPrice: line.sumPrice,
      taxRate: line.taxRate,
      sumTaxAmount: line.sumTaxAmount,
    })),
    expenses,
    totals: computeTotals(lines, expenses),
    currency: input.cart.currency,
    priceMode: input.cart.priceMode,
    paymentMethodName: input.paymentMethod.paymentMethodName,
    paymentProviderName: input.paymentMethod.paymentProviderName,
    preOrderPaymentData: { ...input.preOrderPaymentData },
    transactionId: typeof transactionId === 'string' && transactionId !== '' ? transactionId : null,
    billingAddress: { ...input.billingAddress },
    shippingAddress: input.shippingAddress ? { ...input.shippingAddress } : null,
    customer: input.customer
      ? {
          email: input.customer.email,
          firstName: input.customer.firstName,
          lastName: input.customer.lastName,
          salutation: input.customer.salutation,
        }
      : { ...input.requestCustomer },
  };
  state.orders.set(order.orderReference, order);
  return order;
}
