import { type AttentionReason, attentionReason } from '../../domain/attention.ts';
import type { GatewayError } from '../../domain/errors.ts';
import type { PreOrderPaymentId } from '../../domain/ids.ts';
import type { AttentionCursor } from '../../domain/ports/attention-index.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
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

/**
 * preOrderPaymentsNeedingAttention (operators' view): the attention index (unknown outcomes, failed
 * releases) and the release queue's overdue entries (releases and placements nobody finished),
 * merged in time order, each with the reason its record gives now. An entry whose payment no longer
 * needs anyone is left out (and dropped from the index).
 */
export async function listPaymentsNeedingAttention(
  deps: UseCaseDeps,
  page: { readonly first: number; readonly after: AttentionCursor | null },
): Promise<Result<AttentionPage, GatewayError>> {
  const [listed, overdue] = await Promise.all([
    deps.attention.list({ limit: page.first + 1, after: page.after }),
    deps.releases.overdue({ graceMs: deps.settings.overdueGraceMs, limit: OVERDUE_SCAN }),
  ]);
  if (!listed.ok) return listed;
  if (!overdue.ok) return overdue;
  const candidates = new Map<PreOrderPaymentId, number>();
  for (const { id, dueAt } of overdue.value.entries) candidates.set(id, dueAt);
  for (const { id, since } of listed.value) candidates.set(id, since);
  const after = page.after;
  const ordered = [...candidates.entries()]
    .map(([id, since]) => ({ id, since }))
    .filter((entry) => !after || entry.since > after.since || (entry.since === after.since && entry.id > after.id))
    .sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));

  const items: NeedingAttention[] = [];
  for (const entry of ordered) {
    if (items.length > page.first) break;
    const read = await deps.store.get(entry.id);
    if (!read.ok) return read;
    const reason = read.value ? attentionReason(read.value) : null;
    if (!read.value || !reason) {
      await deps.attention.remove(entry.id);
      continue;
    }
    items.push({ record: read.value, reason, since: entry.since, cursor: { since: entry.since, id: entry.id } });
  }
  return ok({ items: items.slice(0, page.first), hasNextPage: items.length > page.first });
}
