/**
 * Waiting for concurrent work on the same payment or key: reads again after growing pauses
 * (25 ms, doubling up to 200 ms) until `settled` holds or `budgetMs` is spent. Returns the last
 * value read, or `initial` when the budget allowed no read.
 */
export async function pollUntil<T>(
  budgetMs: number,
  initial: T,
  read: () => Promise<T>,
  settled: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  let value = initial;
  let pause = 25;
  while (!settled(value) && Date.now() < deadline) {
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    pause = Math.min(pause * 2, 200);
    value = await read();
  }
  return value;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
