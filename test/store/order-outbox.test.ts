import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileOrderOutbox } from '../../src/adapters/outbox/file-order-outbox.ts';
import { createMemoryOrderOutbox } from '../../src/adapters/outbox/memory-order-outbox.ts';
import { newPreOrderPaymentId } from '../../src/domain/ids.ts';
import { type OrderOutbox, type OutboxEntry, outboxEntryId } from '../../src/domain/ports/order-outbox.ts';
import { newCartId } from '../support/records.ts';

function entry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  const preOrderPaymentId = overrides.preOrderPaymentId ?? newPreOrderPaymentId(newCartId());
  const attempt = overrides.attempt ?? 1;
  return {
    id: outboxEntryId({ preOrderPaymentId, attempt }),
    preOrderPaymentId,
    attempt,
    outcome: { kind: 'placed', orderReference: 'DE--1', orderTotal: null, mismatch: false },
    putAt: 1_000,
    ...overrides,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hpg-outbox-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The behaviour every OrderOutbox shows (src/domain/ports/order-outbox.ts). */
describe.each<[string, () => OrderOutbox]>([
  ['memory', () => createMemoryOrderOutbox()],
  ['file', () => createFileOrderOutbox({ dir: join(dir, 'outbox') })],
])('OrderOutbox contract: %s', (_name, make) => {
  it('lists what was put, oldest first, as it was put, until removed', async () => {
    const outbox = make();
    const later = entry({ putAt: 2_000, outcome: { kind: 'not-placed', refusal: 'Shipment address invalid.' } });
    const earlier = entry({ putAt: 1_000, outcome: { kind: 'not-placed', refusal: null } });
    expect(await outbox.put(later)).toBe(true);
    expect(await outbox.put(earlier)).toBe(true);
    expect(await outbox.pending()).toEqual([earlier, later]);
    expect(await outbox.remove(earlier.id)).toBe(true);
    expect(await outbox.pending()).toEqual([later]);
  });

  it('keeps one entry per payment and attempt: putting it again replaces it', async () => {
    const outbox = make();
    const first = entry();
    await outbox.put(first);
    await outbox.put({ ...first, putAt: 5_000 });
    expect(await outbox.pending()).toEqual([{ ...first, putAt: 5_000 }]);
  });

  it('removes an entry that is gone already without complaint', async () => {
    const outbox = make();
    expect(await outbox.remove(entry().id)).toBe(true);
    expect(await outbox.pending()).toEqual([]);
  });
});

describe('file outbox', () => {
  it('survives its process: a new outbox on the same directory lists what the old one put', async () => {
    const put = entry();
    expect(await createFileOrderOutbox({ dir }).put(put)).toBe(true);
    expect(await createFileOrderOutbox({ dir }).pending()).toEqual([put]);
  });

  it('writes one JSON file per entry, readable by a person, and leaves no temporary file behind', async () => {
    const put = entry();
    await createFileOrderOutbox({ dir }).put(put);
    expect(await readdir(dir)).toEqual([`${put.id}.json`]);
    expect(JSON.parse(await readFile(join(dir, `${put.id}.json`), 'utf8'))).toEqual({ format: 1, ...put });
  });

  it('moves a file that is not an entry aside (kept for a person) and lists the rest', async () => {
    const outbox = createFileOrderOutbox({ dir });
    const good = entry();
    await outbox.put(good);
    await writeFile(join(dir, 'pop_0000000000000000_AAAAAAAAAAAAAAAAAAAAAA.1.json'), '{"format":1,"half":');
    expect(await outbox.pending()).toEqual([good]);
    expect((await readdir(dir)).sort()).toEqual(
      [`${good.id}.json`, 'pop_0000000000000000_AAAAAAAAAAAAAAAAAAAAAA.1.json.unreadable'].sort(),
    );
  });

  it('lists nothing before the directory exists', async () => {
    expect(await createFileOrderOutbox({ dir: join(dir, 'not-yet') }).pending()).toEqual([]);
  });

  it('answers false when the disk refuses an entry, and still lists it in this process so it is retried', async () => {
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, 'not a directory');
    const outbox = createFileOrderOutbox({ dir: join(blocked, 'outbox') });
    const put = entry();
    expect(await outbox.put(put)).toBe(false);
    expect(await outbox.pending()).toEqual([put]);
    await outbox.remove(put.id);
    expect(await outbox.pending()).toEqual([]);
  });
});
