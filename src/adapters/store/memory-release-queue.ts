import type { PreOrderPaymentId } from '../../domain/ids.ts';
import type { ReleaseQueue } from '../../domain/ports/release-queue.ts';
import { ok } from '../../domain/result.ts';

/** The release queue in process memory (single instance only), on the same clock as the memory store. */
export function createMemoryReleaseQueue(options: { readonly now?: () => number } = {}): ReleaseQueue {
  const now = options.now ?? Date.now;
  const due = new Map<PreOrderPaymentId, number>();
  const byDueTime = () => [...due.entries()].sort(([a, at], [b, bt]) => at - bt || a.localeCompare(b));
  return {
    async schedule(id, inMs) {
      const at = now() + inMs;
      due.set(id, Math.min(due.get(id) ?? Number.POSITIVE_INFINITY, at));
      return ok(undefined);
    },
    async reschedule(id, at) {
      due.set(id, at);
      return ok(undefined);
    },
    async claimDue({ limit, leaseMs }) {
      const at = now();
      const ready = byDueTime().filter(([, dueAt]) => dueAt <= at);
      const claimed = ready.slice(0, limit).map(([id]) => id);
      for (const id of claimed) due.set(id, at + leaseMs);
      const oldest = ready[claimed.length]?.[1] ?? null;
      return ok({ ids: claimed, now: at, oldestUnclaimedDueAt: oldest });
    },
    async remove(id) {
      due.delete(id);
      return ok(undefined);
    },
    async overdue({ graceMs, limit }) {
      const cutoff = now() - graceMs;
      const late = byDueTime().filter(([, dueAt]) => dueAt <= cutoff);
      return ok({ entries: late.slice(0, limit).map(([id, dueAt]) => ({ id, dueAt })), total: late.length });
    },
  };
}
