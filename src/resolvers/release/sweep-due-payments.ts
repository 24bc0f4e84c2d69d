import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { type DueOutcome, lookAtDuePayment } from './look-at-due-payment.ts';

export interface Sweep {
  /** Due entries claimed at once (per claim). */
  readonly batchSize: number;
  /** Payments looked at concurrently. */
  readonly concurrency: number;
  /** A fresh set of dependencies per payment (per-request Glue loaders). */
  readonly depsFor: () => UseCaseDeps;
}

export type SweepTally = Readonly<Partial<Record<DueOutcome, number>>>;

/**
 * One sweep: claims due queue entries in batches until none are left and looks at each. A claim
 * leases its entries for a placement lease, longer than one look can take, so on several gateway
 * processes each due payment is looked at by one of them at a time. Reports the sweeper's lag.
 */
export async function sweepDuePayments(sweep: Sweep): Promise<SweepTally> {
  const tally: Record<string, number> = {};
  const deps = sweep.depsFor();
  for (;;) {
    const claimed = await deps.releases.claimDue({ limit: sweep.batchSize, leaseMs: deps.settings.placementLeaseMs });
    if (!claimed.ok) return tally;
    const lagMs =
      claimed.value.oldestUnclaimedDueAt === null ? 0 : claimed.value.now - claimed.value.oldestUnclaimedDueAt;
    deps.metrics.sweeperLag(Math.max(0, lagMs) / 1000);
    const ids = [...claimed.value.ids];
    if (ids.length > 0 && deps.settings.holdAfterClaimMs) {
      deps.logger.warn({ ids }, 'test hook: holding claimed due payments');
      await sleep(deps.settings.holdAfterClaimMs);
    }
    const workers = Array.from({ length: Math.min(sweep.concurrency, ids.length) }, async () => {
      for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
        const outcome = await lookAtDuePayment(sweep.depsFor(), id);
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      }
    });
    await Promise.all(workers);
    if (claimed.value.ids.length < sweep.batchSize) return tally;
  }
}
