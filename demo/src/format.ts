/** Money in minor units, shown as the shopper's locale writes it. */
export function money(amount: {
  readonly amount: number;
  readonly currency: string;
  readonly decimals?: number;
}): string {
  const decimals = amount.decimals ?? 2;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: amount.currency }).format(
    amount.amount / 10 ** decimals,
  );
}

/** `PayPal Express` → `paypal-express`: the test id of a payment method. */
export function kebab(name: string): string {
  return name
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '-')
    .replaceAll(/^-|-$/g, '');
}

/** Time left until `iso`, as m:ss, or null once it passed. */
export function timeLeft(iso: string, now: number): string | null {
  const seconds = Math.floor((Date.parse(iso) - now) / 1000);
  if (seconds < 0) return null;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
