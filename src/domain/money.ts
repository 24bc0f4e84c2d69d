/** An amount in the currency's minor unit, as Glue counts it. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** The same amount in the same currency. */
export function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}

/** Minor-unit digits of an ISO 4217 currency (2 for EUR, 0 for JPY), from the runtime's ICU data. */
export function currencyDecimals(currency: string): number {
  let decimals = decimalsByCurrency.get(currency);
  if (decimals === undefined) {
    decimals = icuDecimals(currency);
    // Bounded: a currency code is 3 letters, but nothing here must grow on client input.
    if (decimalsByCurrency.size < 1000) decimalsByCurrency.set(currency, decimals);
  }
  return decimals;
}

/** Building an Intl.NumberFormat costs tens of µs, and every Money field in an answer asks. */
const decimalsByCurrency = new Map<string, number>();

function icuDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
