import type { Order } from '../../types.ts';
import type { Resource } from './cart-resource.ts';

/** Spryker renders order timestamps as "Y-m-d H:i:s.u" (UTC here). */
export function sprykerDateTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

function totals(order: Order): Record<string, number> {
  return {
    expenseTotal: order.totals.expenseTotal,
    discountTotal: order.totals.discountTotal,
    taxTotal: order.totals.taxTotal,
    subtotal: order.totals.subtotal,
    grandTotal: order.totals.grandTotal,
    canceledTotal: 0,
    remunerationTotal: 0,
    priceToPay: order.totals.priceToPay,
  };
}

/** `orders` in a collection (`GET /orders`): the summary attributes. */
export function orderSummaryResource(order: Order, baseUrl: string): Resource {
  return {
    type: 'orders',
    id: order.orderReference,
    attributes: {
      createdAt: sprykerDateTime(order.createdAt),
      totals: totals(order),
      currencyIsoCode: order.currency,
      priceMode: order.priceMode,
    },
    links: { self: `${baseUrl}/orders/${order.orderReference}` },
  };
}

/** `orders` details (`GET /orders/{ref}`, `POST /checkout?include=orders`). */
export function orderDetailsResource(order: Order, baseUrl: string): Resource {
  return {
    type: 'orders',
    id: order.orderReference,
    attributes: {
      createdAt: sprykerDateTime(order.createdAt),
      // Right after checkout the OMS has moved every item to "payment pending".
      itemStates: ['payment pending'],
      totals: totals(order),
      currencyIsoCode: order.currency,
      items: order.items.map((item) => ({
        name: item.name,
        sku: item.sku,
        sumPrice: item.sumGrossPrice,
        quantity: item.quantity,
        unitGrossPrice: item.unitGrossPrice,
        sumGrossPrice: item.sumGrossPrice,
        taxRate: item.taxRate,
        sumTaxAmountFullAggregation: item.sumTaxAmount,
        unitPriceToPayAggregation: item.unitGrossPrice,
        sumPriceToPayAggregation: item.sumGrossPrice,
        state: 'payment pending',
        metadata: { superAttributes: [] },
        calculatedDiscounts: [],
      })),
      expenses: order.expenses.map((expense) => ({
        type: expense.type,
        name: expense.name,
        sumPrice: expense.sumGrossPrice,
        unitGrossPrice: expense.unitGrossPrice,
        sumGrossPrice: expense.sumGrossPrice,
        taxRate: expense.taxRate,
        sumTaxAmount: expense.sumTaxAmount,
        unitPriceToPayAggregation: expense.unitGrossPrice,
        sumPriceToPayAggregation: expense.sumGrossPrice,
        canceledAmount: 0,
      })),
      billingAddress: order.billingAddress,
      shippingAddress: order.shippingAddress,
      priceMode: order.priceMode,
      payments: [
        {
          amount: order.totals.priceToPay,
          paymentProvider: order.paymentProviderName,
          paymentMethod: order.paymentMethodName,
        },
      ],
      shipments: order.expenses.map((expense) => ({
        shipmentMethodName: expense.name,
        carrierName: 'Spryker Dummy Shipment',
        deliveryTime: null,
        defaultGrossPrice: expense.unitGrossPrice,
        defaultNetPrice: 0,
        currencyIsoCode: order.currency,
      })),
      calculatedDiscounts: [],
      bundleItems: [],
    },
    links: { self: `${baseUrl}/orders/${order.orderReference}` },
  };
}
