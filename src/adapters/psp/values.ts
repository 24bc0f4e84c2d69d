/** Readers for `preOrderPaymentData` values, which the provider's app writes (PHP: strings or numbers). */

/** A non-empty string, or a finite number as its string form; null for anything else. */
export function text(data: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = data[key];
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** INFERRED: key names that hold credentials in an unknown provider's data. */
export const SECRET_LOOKING_KEY = /secret|token|password|credential|api[-_]?key|signature/i;
