import { type AttentionReason, attentionReason } from '../../domain/attention.ts';
import type { GatewayError } from '../../domain/errors.ts';
import type { PreOrderPaymentId } from '../../domain/ids.ts';
import type { AttentionCursor } from '../../domain/ports/attention-index.ts';
import { needsAttention, type PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export interface NeedingAttention {
  readonly record: PreOrderPaymentRecord;
  readonly reason: AttentionReason;
  /** Since when (store clock): listed, or due. */
  readonly since: number;
  readonly cursor: AttentionCursor;
}

export interface AttentionPage {
  readonly items: readonly NeedingAttention[];
  readonly hasNextPage: boolean;
}

/** Overdue queue entries read per page; they are few unless the sweeper is down. */
const OVERDUE_SCAN = 1000;
/** Index entries read at a time while walking it (stale ones are skipped, so a page may need several). */
const INDEX_BATCH = 50;

interface Candidate {
  readonly id: PreOrderPaymentId;
  readonly since: number;
  readonly source: 'index' | 'queue';
}

const before = (a: { since: number; id: string }, b: { since: number; id: string }): boolean =>
  a.since < b.since || (a.since === b.since && a.id < b.id);

/**
 * preOrderPaymentsNeedingAttention (operators' view): the attention index (unknown outcomes, failed
 * releases) and the release queue's overdue entries (releases and placements nobody finished),
 * merged in time order, each with the reason its record gives now. The index alone lists what it
 * tracks (so a payment has one place in the order, whatever page is read); a queue entry lists the
 * rest. An entry whose payment no longer needs anyone is left out (and dropped from the index), and
 * the walk goes on until the page is full, however many such entries there are.
 */
export async function listPaymentsNeedingAttention(
  deps: UseCaseDeps,
  page: { readonly first: number; readonly after: AttentionCursor | null },
): Promise<Result<AttentionPage, GatewayError>> {
  const overdue = await deps.releases.overdue({ graceMs: deps.settings.overdueGraceMs, limit: OVERDUE_SCAN });
  if (!overdue.ok) return overdue;
  const after = page.after;
  const queue: Candidate[] = overdue.value.entries
    .map(({ id, dueAt }) => ({ id, since: dueAt, source: 'queue' as const }))
    .filter((entry) => !after || before(after, entry))
    .sort((a, b) => (before(a, b) ? -1 : 1));
  const index = indexWalk(deps, after);

  const items: NeedingAttention[] = [];
  const seen = new Set<PreOrderPaymentId>();
  for (let queued = 0; items.length <= page.first; ) {
    const fromIndex = await index.peek();
    if (!fromIndex.ok) return fromIndex;
    const fromQueue = queue[queued] ?? null;
    const next = fromIndex.value && (!fromQueue || before(fromIndex.value, fromQueue)) ? fromIndex.value : fromQueue;
    if (!next) break;
    if (next === fromQueue) queued += 1;
    else index.advance();
    if (seen.has(next.id)) continue;
    seen.add(next.id);
    const found = await listable(deps, next);
    if (!found.ok) return found;
    if (found.value) items.push(found.value);
  }
  return ok({ items: items.slice(0, page.first), hasNextPage: items.length > page.first });
}

/** The candidate as an item, or null when its record says the other source lists it, or nobody needs it. */
async function listable(
  deps: UseCaseDeps,
  candidate: Candidate,
): Promise<Result<NeedingAttention | null, GatewayError>> {
  const read = await deps.store.get(candidate.id);
  if (!read.ok) return read;
  const record = read.value;
  const reason = record ? attentionReason(record) : null;
  const tracked = record !== null && needsAttention(record);
  if (candidate.source === 'index' && !tracked) {
    // Booked ahead of a write that never landed, or no longer needed: the index forgets it.
    await deps.attention.remove(candidate.id);
    return ok(null);
  }
  if (!record || !reason || (candidate.source === 'queue' && tracked)) return ok(null);
  const { since, id } = candidate;
  return ok({ record, reason, since, cursor: { since, id } });
}

/** The attention index read in order from `after`, a batch at a time. */
function indexWalk(deps: UseCaseDeps, after: AttentionCursor | null) {
  let batch: readonly Candidate[] = [];
  let position = 0;
  let cursor = after;
  let exhausted = false;
  return {
    async peek(): Promise<Result<Candidate | null, GatewayError>> {
      if (position < batch.length) return ok(batch[position] ?? null);
      if (exhausted) return ok(null);
      const listed = await deps.attention.list({ limit: INDEX_BATCH, after: cursor });
      if (!listed.ok) return listed;
      batch = listed.value.map(({ id, since }) => ({ id, since, source: 'index' as const }));
      position = 0;
      exhausted = batch.length < INDEX_BATCH;
      const last = batch.at(-1);
      if (last) cursor = { since: last.since, id: last.id };
      return ok(batch[0] ?? null);
    },
    advance(): void {
      position += 1;
    },
  };
}
