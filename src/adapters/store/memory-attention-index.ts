import type { PreOrderPaymentId } from '../../domain/ids.ts';
import type { AttentionIndex } from '../../domain/ports/attention-index.ts';
import { ok } from '../../domain/result.ts';

/** The operators' list in process memory (single instance only), on the same clock as the memory store. */
export function createMemoryAttentionIndex(options: { readonly now?: () => number } = {}): AttentionIndex {
  const now = options.now ?? Date.now;
  const listed = new Map<PreOrderPaymentId, number>();
  return {
    async add(id) {
      if (!listed.has(id)) listed.set(id, now());
      return ok(undefined);
    },
    async remove(id) {
      listed.delete(id);
      return ok(undefined);
    },
    async list({ limit, after }) {
      const entries = [...listed.entries()]
        .map(([id, since]) => ({ id, since }))
        .sort((a, b) => a.since - b.since || a.id.localeCompare(b.id))
        .filter((entry) => !after || entry.since > after.since || (entry.since === after.since && entry.id > after.id));
      return ok(entries.slice(0, limit));
    },
    async count() {
      return ok(listed.size);
    },
  };
}
