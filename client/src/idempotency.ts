/** A fresh idempotency key: 1-255 printable ASCII characters, as the gateway accepts. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** How long to wait before attempt `attempt` (1-based) of a request that got no answer. */
export function retryDelayMs(attempt: number): number {
  const base = 250 * 2 ** (attempt - 1);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * Whether a request failed before any GraphQL answer came back (network error, a proxy's 502-504),
 * so the same request may be sent again with the same idempotency key. An answer the gateway gave
 * (even an error) is never repeated: its typed errors say when to retry.
 */
export function gotNoAnswer(error: unknown): boolean {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  if (typeof status === 'number') return status === 502 || status === 503 || status === 504;
  return error instanceof TypeError || (error instanceof Error && error.name === 'AbortError');
}
