import type { OrderOutbox, OutboxEntry } from '../../domain/ports/order-outbox.ts';

/**
 * The outbox in process memory: for the in-process store (nothing there survives a restart either)
 * and the unit tier. Entries are copied in and out, as a file would.
 */
export function createMemoryOrderOutbox(): OrderOutbox {
  const entries = new Map<string, string>();
  return {
    async put(entry) {
      entries.set(entry.id, JSON.stringify(entry));
      return true;
    },
    async remove(id) {
      entries.delete(id);
      return true;
    },
    async pending() {
      return [...entries.values()].map((text) => JSON.parse(text) as OutboxEntry).sort((a, b) => a.putAt - b.putAt);
    },
  };
}
