import type { Logger } from '../../domain/logger.ts';
import type { OutboxEntry } from '../../domain/ports/order-outbox.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { landOutcome } from './land-outcome.ts';

export interface RelayBackoff {
  /** The wait after the first pass the store did not answer. */
  readonly firstMs: number;
  /** Doubling per such pass, never above this. */
  readonly maxMs: number;
}

export interface OutboxRelayOptions {
  /** A fresh set of dependencies per pass. */
  readonly depsFor: () => UseCaseDeps;
  readonly logger: Logger;
  /** Between two looks at the outbox while the store answers. */
  readonly intervalMs: number;
  readonly backoff: RelayBackoff;
}

/** A look every second while the store answers; while it does not, 0.5 s doubling to at most 30 s. */
export const RELAY_PACE: Pick<OutboxRelayOptions, 'intervalMs' | 'backoff'> = {
  intervalMs: 1000,
  backoff: { firstMs: 500, maxMs: 30_000 },
};

export interface OutboxRelay {
  /** Stops relaying; resolves once the pass under way (if any) has finished. What is left stays in the outbox. */
  stop(): Promise<void>;
}

/** How one pass ended: entries that landed or were dropped, and whether the store answered. */
export interface RelayPass {
  readonly done: number;
  readonly waiting: number;
  readonly storeAnswered: boolean;
}

/** The wait before the next pass after `failedPasses` passes in a row the store did not answer. */
export function relayDelayMs(
  failedPasses: number,
  options: Pick<OutboxRelayOptions, 'intervalMs' | 'backoff'>,
): number {
  if (failedPasses === 0) return options.intervalMs;
  const { firstMs, maxMs } = options.backoff;
  return Math.min(maxMs, firstMs * 2 ** Math.min(failedPasses - 1, 30));
}

/**
 * One look at the outbox: each waiting outcome is landed (decided from what the store holds, see
 * landOutcome) and removed once the record holds it, or once nothing can be written for it any more.
 * Stops at the first entry the store does not answer for: the rest would fare no better now.
 */
export async function relayOutbox(deps: UseCaseDeps): Promise<RelayPass> {
  const entries = await deps.outbox.pending();
  let done = 0;
  for (const [index, entry] of entries.entries()) {
    const landing = await landOutcome(deps, { known: entry, seen: null });
    const fields = { preOrderPaymentId: entry.preOrderPaymentId, attempt: entry.attempt, outcome: entry.outcome };
    switch (landing.kind) {
      case 'unavailable':
        return { done, waiting: entries.length - index, storeAnswered: false };
      case 'landed':
        deps.logger.info(fields, `${describe(entry)} written after a store outage`);
        break;
      case 'recorded':
        break;
      case 'superseded':
        deps.logger.info({ ...fields, why: landing.why }, `${describe(entry)} no longer applies`);
        break;
      case 'conflict':
        deps.logger.error({ ...fields, why: landing.why }, `${describe(entry)} cannot be written; an operator decides`);
        break;
      case 'gone':
        // This store may not be the one the entry was put for (an outbox shared by mistake): keep it
        // as long as its record could still exist there.
        if (deps.clock.now() - entry.putAt < deps.settings.recordTtlSeconds * 1000) continue;
        deps.logger.error(fields, `${describe(entry)} dropped: the pre-order payment record is gone`);
        break;
    }
    await deps.outbox.remove(entry.id);
    done += 1;
  }
  return { done, waiting: entries.length - done, storeAnswered: true };
}

function describe(entry: OutboxEntry): string {
  return entry.outcome.kind === 'placed' ? 'ORDER_PLACED' : 'the hand-back';
}

/**
 * The outbox relay of one gateway process (docs/place-order.md item 10): a pass right at start (what
 * a process that stopped left behind), then one every `intervalMs`, or with capped backoff while the
 * store does not answer. It never gives up on an entry the store may still take; on stop, what is
 * left stays in the outbox for the next process.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let failedPasses = 0;

  const tick = () => {
    running = relayOutbox(options.depsFor())
      .then((pass) => {
        if (!pass.storeAnswered && failedPasses === 0) {
          options.logger.warn({ waiting: pass.waiting }, 'outbox: the store does not answer; retrying with backoff');
        }
        failedPasses = pass.storeAnswered ? 0 : failedPasses + 1;
      })
      .catch((error: unknown) => {
        // A bug in one pass must not end relaying: it is logged and the next pass runs.
        failedPasses += 1;
        options.logger.error({ err: error instanceof Error ? error.stack : String(error) }, 'outbox relay pass failed');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, relayDelayMs(failedPasses, options));
      });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
