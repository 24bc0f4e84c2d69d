/** The value below which `p` (0..1) of the sorted samples fall. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export interface Window {
  readonly completed: number;
  readonly seconds: number;
  readonly latenciesMs: readonly number[];
}

export function summarize(window: Window) {
  const sorted = [...window.latenciesMs].sort((a, b) => a - b);
  return {
    rps: window.completed / window.seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
  };
}

/** Closed-loop load: `connections` workers, each sending its next request as soon as one answers. */
export async function closedLoop(
  connections: number,
  seconds: number,
  next: () => (() => Promise<void>) | null,
): Promise<Window> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const send = next();
        if (!send) return;
        const at = performance.now();
        await send();
        latenciesMs.push(performance.now() - at);
      }
    }),
  );
  return { completed: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
}
