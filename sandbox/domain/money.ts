import type { Cart, OrderExpense, Product, ShipmentMethod, Totals } from '../types.ts';

/** A cart line with the prices Zed's calculator would attach (GROSS_MODE, no discounts). */
export interface PricedLine {
  readonly sku: string;
  readonly abstractSku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly sumPrice: number;
  readonly taxRate: number;
  readonly unitTaxAmount: number;
  readonly sumTaxAmount: number;
}

/** Tax contained in a gross amount, rounded to the cent as Spryker's tax calculator does. */
export function taxIncluded(grossAmount: number, taxRate: number): number {
  return Math.round((grossAmount * taxRate) / (100 + taxRate));
}

export function priceLines(cart: Cart, products: ReadonlyMap<string, Product>): PricedLine[] {
  const lines: PricedLine[] = [];
  for (const item of cart.items) {
    const product = products.get(item.sku);
    // A product removed from the catalog after it was added is skipped, as Zed drops it on reload.
    if (!product) continue;
    const sumPrice = product.unitGrossPrice * item.quantity;
    lines.push({
      sku: product.sku,
      abstractSku: product.abstractSku,
      name: product.name,
      quantity: item.quantity,
      unitPrice: product.unitGrossPrice,
      sumPrice,
      taxRate: product.taxRate,
      unitTaxAmount: taxIncluded(product.unitGrossPrice, product.taxRate),
      sumTaxAmount: taxIncluded(sumPrice, product.taxRate),
    });
  }
  return lines;
}

/** One SHIPMENT_EXPENSE_TYPE expense per shipment that names a known method. */
export function shipmentExpenses(methods: readonly ShipmentMethod[]): OrderExpense[] {
  return methods.map((method) => ({
    type: 'SHIPMENT_EXPENSE_TYPE',
    name: method.name,
    quantity: 1,
    unitGrossPrice: method.price,
    sumGrossPrice: method.price,
    taxRate: method.taxRate,
    sumTaxAmount: taxIncluded(method.price, method.taxRate),
  }));
}

/** Quote totals: the cart alone (GET /carts) or the cart plus shipment expenses (checkout-data, orders). */
export function computeTotals(lines: readonly PricedLine[], expenses: readonly OrderExpense[]): Totals {
  const subtotal = lines.reduce((sum, line) => sum + line.sumPrice, 0);
  const expenseTotal = expenses.reduce((sum, expense) => sum + expense.sumGrossPrice, 0);
  const taxTotal =
    lines.reduce((sum, line) => sum + line.sumTaxAmount, 0) +
    expenses.reduce((sum, expense) => sum + expense.sumTaxAmount, 0);
  const grandTotal = subtotal + expenseTotal;
  return { expenseTotal, discountTotal: 0, taxTotal, subtotal, grandTotal, priceToPay: grandTotal };
}
