/** What the gateway counts for operators (docs/operations.md); the composition root supplies Prometheus. */
export interface Metrics {
  /** One GraphQL operation: its result is the success type's name or the error code. */
  operation(sample: { readonly operation: string; readonly result: string; readonly seconds: number }): void;
  /** One HTTP exchange with Glue: `outcome` is the status class, or why there was no answer. */
  glueCall(sample: { readonly endpoint: string; readonly outcome: string; readonly seconds: number }): void;
  /** One release attempt's end: the payment was released, or its release failed for good. */
  release(outcome: 'released' | 'failed'): void;
  /** Store clock minus the oldest due release not yet claimed, in seconds (0 when none is waiting). */
  sweeperLag(seconds: number): void;
  /** One placed order whose total differs from its pre-order payment (docs/place-order.md item 8). */
  orderPaymentMismatch(): void;
}

/** Counts nothing: for tests and tools that need no metrics. */
export const noMetrics: Metrics = {
  operation: () => {},
  glueCall: () => {},
  release: () => {},
  sweeperLag: () => {},
  orderPaymentMismatch: () => {},
};
