import type { Logger } from '../../domain/logger.ts';
import { type Sweep, sweepDuePayments } from './sweep-due-payments.ts';

export interface ReleaseSweeper {
  /** Stops sweeping; resolves once the sweep under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * The release sweeper of one gateway process: a sweep every `intervalMs`, the next one starting
 * only after the last one ended. Every process runs one; the queue's claims keep them from doing
 * the same work twice.
 */
export function startReleaseSweeper(
  sweep: Sweep & { readonly intervalMs: number; readonly logger: Logger },
): ReleaseSweeper {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = sweepDuePayments(sweep)
      .then((tally) => {
        if (Object.keys(tally).length > 0) sweep.logger.debug({ tally }, 'release sweep');
      })
      .catch((error: unknown) => {
        // A bug in one sweep must not end sweeping: it is logged and the next sweep runs.
        sweep.logger.error({ err: error instanceof Error ? error.stack : String(error) }, 'release sweep failed');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, sweep.intervalMs);
      });
  };
  timer = setTimeout(tick, sweep.intervalMs);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
