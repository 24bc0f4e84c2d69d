export interface PollSpec<T> {
  /** How long to keep reading, in ms. */
  readonly budgetMs: number;
  /** The value before the first read (returned when the budget allows no read). */
  readonly initial: T;
  readonly read: () => Promise<T>;
  readonly settled: (value: T) => boolean;
}

/**
 * Waiting for concurrent work on the same payment or key: reads again after growing pauses
 * (25 ms, doubling up to 200 ms) until `settled` holds or the budget is spent. Returns the last
 * value read.
 */
export async function pollUntil<T>(spec: PollSpec<T>): Promise<T> {
  const deadline = Date.now() + spec.budgetMs;
  let value = spec.initial;
  let pause = 25;
  while (!spec.settled(value) && Date.now() < deadline) {
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    pause = Math.min(pause * 2, 200);
    value = await spec.read();
  }
  return value;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
