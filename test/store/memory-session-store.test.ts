import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from '../../src/adapters/store/memory-session-store.ts';
import { unavailable } from '../../src/domain/ports/store-answer.ts';
import { ok } from '../../src/domain/result.ts';
import { CREATE_NEW, makeRecord } from '../support/records.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';

describeSessionStoreContract('memory', async () => {
  let now = Date.UTC(2025, 0, 1);
  const store = createMemorySessionStore({ now: () => now });
  return {
    store,
    cleanup: () => store.close(),
    async passTime(ms) {
      now += ms;
    },
  };
});

describe('memory session store', () => {
  it('answers "unavailable" once closed', async () => {
    const store = createMemorySessionStore();
    await store.close();
    expect(await store.get(makeRecord().id)).toEqual(unavailable());
    expect(await store.create(makeRecord(), CREATE_NEW)).toEqual(unavailable());
  });

  it('forgets expired keys nobody reads again', async () => {
    let now = 0;
    const store = createMemorySessionStore({ now: () => now });
    const first = makeRecord();
    await store.create(first, { ...CREATE_NEW, ttlSeconds: 1 });
    now += 2000;
    // Enough writes to trigger a sweep; the first record must then be gone without being read.
    for (let i = 0; i < 300; i++) await store.cacheCustomerReference(`h${i}`, 'DE--1', 60);
    now -= 2000; // were it still stored, a read at the old time would find it
    expect(await store.get(first.id)).toEqual(ok(null));
  });
});
