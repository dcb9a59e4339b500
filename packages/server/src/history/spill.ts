import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * One checked record as the write pass reads it back: its source id and its replayed complaint as
 * JSON.
 *
 * @example
 * ```ts
 * const item: SpilledRecord = { sourceId: 'OLD-1', complaint: JSON.stringify(replayed) };
 * ```
 */
export interface SpilledRecord {
  readonly sourceId: string;
  readonly complaint: string;
}

/**
 * Where a history import keeps what its check pass found, between that pass and the writes: a
 * throwaway SQLite file in its own temporary folder (no journal, no fsync: it is rebuilt by running the
 * import again), so memory stays flat whatever the size of the file. It holds each record's source id
 * (unique: a repeated one is found on disk, with the place that had it first), its place and its replayed
 * complaint, in file order.
 *
 * @example
 * ```ts
 * const spill = openSpill();
 * try {
 *   spill.add('OLD-1', 'line 2 (record 2)', JSON.stringify(complaint)); // undefined: not seen before
 *   spill.finish();
 *   for (const batch of spill.batches(10_000)) write(batch);
 * } finally {
 *   spill.close();
 * }
 * ```
 */
export interface ImportSpill {
  /** Records a source id at a place (`line 7 (record 5)`, with its complaint, or `null` once the file is known to be bad); returns the place that had this source id first, if one did. */
  add(sourceId: string, place: string, complaint: string | null): string | undefined;
  /** Ends the check pass (commits what was added). */
  finish(): void;
  /** How many records were added. */
  readonly count: number;
  /** The records in file order, `size` at a time. */
  batches(size: number): Generator<SpilledRecord[]>;
  /** Closes and deletes the spill. */
  close(): void;
}

/**
 * Opens an {@link ImportSpill} in a new folder under `dir` (default: the OS's temporary folder, `TMPDIR`).
 * It needs about 3 KB of disk per record, and is deleted by `close`.
 *
 * @example
 * ```ts
 * const spill = openSpill(process.env.TMPDIR);
 * ```
 */
export function openSpill(dir: string = tmpdir()): ImportSpill {
  const home = mkdtempSync(join(dir, 'ck-import-'));
  let db: SQLite.Database;
  try {
    db = new SQLite(join(home, 'spill.sqlite'));
    // 16 KiB pages: a record (~2.5 KB) fits six to a page instead of one to a 4 KiB page (4 KB of disk each).
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = off');
    db.pragma('synchronous = off');
    // Enough for the source-id index's pages of a few million records; the records themselves are
    // written once and read once, in order.
    db.pragma('cache_size = -65536');
    db.exec('create table spill (ord integer primary key, source_id text not null unique, place text not null, complaint text)');
  } catch (e) {
    rmSync(home, { recursive: true, force: true });
    throw e;
  }
  const insert = db.prepare('insert into spill (source_id, place, complaint) values (?, ?, ?) on conflict (source_id) do nothing');
  const firstPlace = db.prepare<[string], string>('select place from spill where source_id = ?').pluck();
  const range = db.prepare<[number, number], { source_id: string; complaint: string }>('select source_id, complaint from spill where ord between ? and ? order by ord');
  let count = 0;
  db.exec('begin');
  return {
    add(sourceId, place, complaint) {
      if (insert.run(sourceId, place, complaint).changes === 0) return firstPlace.get(sourceId);
      count++;
      return undefined;
    },
    finish() {
      if (db.inTransaction) db.exec('commit');
    },
    get count() {
      return count;
    },
    *batches(size) {
      for (let from = 1; from <= count; from += size) {
        yield range.all(from, from + size - 1).map((r) => ({ sourceId: r.source_id, complaint: r.complaint }));
      }
    },
    close() {
      try {
        db.close();
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
  };
}
