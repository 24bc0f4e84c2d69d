import type { PaymentUpdate, PaymentUpdates } from '../../domain/ports/payment-updates.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';

/** The in-process twin of Redis pub/sub: the memory store announces, watchers hear. */
export interface MemoryUpdateBus extends PaymentUpdates {
  announce(record: PreOrderPaymentRecord): void;
}

export function createMemoryUpdateBus(): MemoryUpdateBus {
  const listeners = new Map<string, Set<(update: PaymentUpdate) => void>>();
  return {
    announce(record) {
      // A copy per listener, so no watcher can change what another one sees.
      for (const listener of listeners.get(record.id) ?? [])
        listener({ kind: 'changed', record: structuredClone(record) });
    },
    async watch(id, listener) {
      const set = listeners.get(id) ?? new Set();
      set.add(listener);
      listeners.set(id, set);
      return {
        ok: true,
        value: async () => {
          set.delete(listener);
          if (set.size === 0) listeners.delete(id);
        },
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
