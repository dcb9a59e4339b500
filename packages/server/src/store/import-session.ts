import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from './connect.js';
import type { Database } from './schema.js';

/**
 * The SQLite settings of an import session, and why each is safe. None touches durability or
 * atomicity: the journal stays WAL and each batch's commit is flushed before the next as the service does it (`WalSync`), so a crash (of the process, the
 * OS or the power) mid-batch still rolls that batch back whole on the next open, and the batches
 * committed before it stay (the import resumes from them).
 * - `cache_size`: 256 MiB of page cache instead of 2 MiB. A batch inserts into some thirty B-trees
 *   (the complaints' indexes, events, facts, source ids) at places spread over the whole file; with
 *   the default cache nearly every insert rereads its pages. Memory only.
 * - `wal_autocheckpoint`: 64,000 pages (250 MiB) instead of 1,000. Each batch's commit would
 *   otherwise copy the WAL back into the database file at once; later, the pages several batches
 *   changed (index pages above all) are copied once. A checkpoint moves committed pages only.
 * - `temp_store`: sorts and temporary indexes (the repeat-flag refresh) in memory.
 * - `mmap_size`: reads through a 1 GiB memory map instead of a read() per page; writes still go
 *   through the pager and the WAL.
 * - `threads`: up to 2 helper threads for SQLite's large sorts (the report totals' `group by`s and
 *   the index builds of their whole recomputation, `store/reports/cells.ts`), which run on the main
 *   thread alone while the check workers sit idle: the same rows in the same order, sorted on the
 *   second core as well. CPU only.
 *
 * @example
 * ```ts
 * IMPORT_PRAGMAS.cache_size; // -262144
 * ```
 */
export const IMPORT_PRAGMAS = { cache_size: -262_144, wal_autocheckpoint: 64_000, temp_store: 2, mmap_size: 1_073_741_824, threads: 2 } as const;

/**
 * Runs an import with {@link IMPORT_PRAGMAS} set on the SQLite connection, restoring the connection's
 * own values afterwards (and checkpointing the WAL the session let grow). PostgreSQL: as it is (each
 * batch commits with `synchronous_commit` off instead: see `importHistoryBatch`).
 *
 * @example
 * ```ts
 * const summary = await inImportSession(db, kind, () => importEverything());
 * ```
 */
export async function inImportSession<T>(db: Kysely<Database>, kind: DatabaseKind, fn: () => Promise<T>): Promise<T> {
  if (kind !== 'sqlite') return fn();
  const before: Record<string, unknown> = {};
  for (const name of Object.keys(IMPORT_PRAGMAS)) {
    const { rows } = await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(db);
    before[name] = Object.values(rows[0] ?? {})[0];
  }
  const set = async (values: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(values)) if (typeof value === 'number') await sql`pragma ${sql.raw(name)} = ${sql.raw(String(value))}`.execute(db);
  };
  await set(IMPORT_PRAGMAS);
  try {
    return await fn();
  } finally {
    await set(before);
    await sql`pragma wal_checkpoint(passive)`.execute(db);
  }
}
