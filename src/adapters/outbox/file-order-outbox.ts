import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parsePreOrderPaymentId } from '../../domain/ids.ts';
import type { OrderOutbox, OutboxEntry } from '../../domain/ports/order-outbox.ts';

export interface FileOrderOutboxOptions {
  /** The directory the entries live in; created when the first entry is put. */
  readonly dir: string;
}

/** The stored form of one entry; `format` lets a later version read older files. */
const storedEntry = z.object({
  format: z.literal(1),
  id: z.string(),
  preOrderPaymentId: z.string().transform((raw, ctx) => {
    const id = parsePreOrderPaymentId(raw);
    if (id === null) {
      ctx.addIssue({ code: 'custom', message: 'not a pre-order payment id' });
      return z.NEVER;
    }
    return id;
  }),
  attempt: z.number().int().positive(),
  putAt: z.number(),
  outcome: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('placed'),
      orderReference: z.string().min(1),
      orderTotal: z.object({ amount: z.number().int(), currency: z.string() }).nullable().default(null),
      mismatch: z.boolean().default(false),
    }),
    z.object({ kind: z.literal('not-placed'), refusal: z.string().nullable() }),
  ]),
});

/** Entry ids are `<pre-order payment id>.<attempt>`: safe as file names as they are. */
const SAFE_ID = /^[A-Za-z0-9_-]+\.\d+$/;
const ENTRY = '.json';
/** Where a file that is not an entry is moved, out of the way but kept for a person to look at. */
const UNREADABLE = '.unreadable';
const TEMPORARY = '.tmp';
/** A temporary file this old belongs to a put that never finished (the process died). */
const ABANDONED_TEMPORARY_MS = 60 * 60_000;

/**
 * The outbox as one small JSON file per entry in a directory on this host's disk. A put writes a
 * temporary file, flushes it, renames it into place and flushes the directory, so once it answers
 * true the entry survives a crash or a power cut, and a reader never sees half an entry. Several
 * processes may share the directory: every file is written whole by one of them, and removing an
 * entry twice is harmless.
 *
 * When the disk refuses a put (full, read-only), the entry is kept in this process's memory
 * instead and still listed, so it is retried until this process stops; the put answers false.
 */
export function createFileOrderOutbox(options: FileOrderOutboxOptions): OrderOutbox {
  const { dir } = options;
  const notDurable = new Map<string, OutboxEntry>();

  const fileOf = (id: string): string => {
    if (!SAFE_ID.test(id)) throw new Error(`outbox: unexpected entry id ${id}`);
    return join(dir, `${id}${ENTRY}`);
  };

  async function readEntry(name: string): Promise<OutboxEntry | null> {
    const path = join(dir, name);
    try {
      const parsed = storedEntry.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) {
        const { format: _format, ...entry } = parsed.data;
        return entry;
      }
    } catch (error) {
      // Removed by another process between listing and reading: nothing to read.
      if (isMissing(error)) return null;
    }
    await rename(path, `${path}${UNREADABLE}`).catch(() => {});
    return null;
  }

  return {
    async put(entry) {
      let temporary: string | null = null;
      try {
        const target = fileOf(entry.id);
        await mkdir(dir, { recursive: true });
        temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}${TEMPORARY}`;
        const file = await open(temporary, 'wx', 0o600);
        try {
          await file.writeFile(JSON.stringify({ format: 1, ...entry }));
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, target);
        temporary = null;
        await syncDirectory(dir);
        notDurable.delete(entry.id);
        return true;
      } catch {
        if (temporary) await rm(temporary, { force: true }).catch(() => {});
        notDurable.set(entry.id, entry);
        return false;
      }
    },

    async remove(id) {
      notDurable.delete(id);
      try {
        await rm(fileOf(id), { force: true });
        await syncDirectory(dir);
        return true;
      } catch (error) {
        return isMissing(error);
      }
    },

    async pending() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        names = [];
      }
      const entries = new Map(notDurable);
      for (const name of names) {
        if (name.endsWith(ENTRY)) {
          const entry = await readEntry(name);
          if (entry) entries.set(entry.id, entry);
        } else if (name.endsWith(TEMPORARY)) {
          await dropIfAbandoned(join(dir, name));
        }
      }
      return [...entries.values()].sort((a, b) => a.putAt - b.putAt);
    },
  };
}

/** Flushes a directory's entries (a rename or an unlink) to disk. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function dropIfAbandoned(path: string): Promise<void> {
  try {
    if (Date.now() - (await stat(path)).mtimeMs > ABANDONED_TEMPORARY_MS) await rm(path, { force: true });
  } catch {
    // Gone already, or not ours to remove: the next listing looks again.
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
