import type { ClockOptions, Complaint, HolidayYear, ImportSummary } from '@complaintkit/core/domain';
import type { Store } from '../store/store.js';
import { type CheckedPacked, checkPool } from './check-pool.js';
import { type CheckContext, checkRow } from './check-row.js';
import { placeOf, type RowError, rowAt } from './parse.js';
import { historyRowReader, type RawRow } from './rows.js';
import { openSpill } from './spill.js';

/** @internal rows per block sent to a check worker. */
const BLOCK = 2_000;

/**
 * How an import runs: records per transaction, the service's clock options (so deadlines match live
 * entry), a progress callback after each batch, and where the check pass keeps its results.
 *
 * @example
 * ```ts
 * const o: ImportOptions = { batchSize: 5_000, onProgress: (done, total) => bar.update(done / total) };
 * ```
 */
export interface ImportOptions {
  readonly batchSize?: number | undefined;
  readonly clock?: Omit<ClockOptions, 'now'> | undefined;
  readonly onProgress?: ((done: number, total: number, summary: ImportSummary) => void) | undefined;
  /** Only organisations under this path may be imported into (the caller's subtree). */
  readonly underPath?: string | undefined;
  /** Stop after this many batches (to test resuming an interrupted import). */
  readonly maxBatches?: number | undefined;
  /** The folder the check pass's results are kept in until written (about 3 KB of disk per record; default: the OS's temporary folder). */
  readonly tempDir?: string | undefined;
  /**
   * Worker threads for the check pass (parse, validate, replay, serialise), beside the thread that
   * reads the file and later writes; 0 (the default) checks on the calling thread. Needs the built
   * package (`dist/check-worker.js`).
   */
  readonly threads?: number | undefined;
  /** The years `clock.calendar` was built from (`loadCalendar().years`): a worker rebuilds the calendar from them. Required with `threads` and a `clock.calendar`. */
  readonly calendarYears?: readonly HolidayYear[] | undefined;
}

/**
 * A history file's text: all of it, or its pieces in order (a file stream read as UTF-8), cut anywhere.
 *
 * @example
 * ```ts
 * const source: HistorySource = createReadStream('old.ndjson', { encoding: 'utf8' });
 * ```
 */
export type HistorySource = string | Iterable<string> | AsyncIterable<string>;

/** @internal a string in pieces of a million characters (an API body: rows are read a piece at a time). */
function* piecesOf(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20));
}

/**
 * Imports a history file: reads it a piece at a time, validates every row and replays each through
 * the lifecycle once (a row the lifecycle refuses is an error naming its column), keeping each replayed
 * complaint in a temporary file rather than in memory; only when the whole file is clean does it write
 * those same complaints, numbered afresh, in batches of one transaction each. Memory stays flat
 * whatever the file's size (a batch, and the file's customer ids for the repeat flags). Rows whose
 * `sourceId` was imported before are skipped, so an interrupted import is resumed by running it
 * again, to the same result.
 *
 * @example
 * ```ts
 * const summary = await importHistory(store, createReadStream('old.csv', 'utf8'), 'csv', { batchSize: 5_000 });
 * if (summary.errors.length) console.table(summary.errors);
 * ```
 */
export async function importHistory(store: Store, source: HistorySource, format: 'csv' | 'ndjson', options: ImportOptions = {}): Promise<ImportSummary> {
  const orgList = await store.listOrganisations();
  const errors: RowError[] = [];
  // The repeat flags of every customer of the file, from its earliest receipt: refreshed once, by the
  // last batch (see importHistoryBatch), not after every batch.
  const customerKeys = new Set<string>();
  let fromMs = Number.POSITIVE_INFINITY;
  let read = 0;
  let lastLine = 0;
  const threads = options.threads ?? 0;
  if (threads > 0 && options.clock?.calendar !== undefined && options.calendarYears === undefined) {
    throw new Error('importHistory: threads need calendarYears (the years the calendar was built from), to rebuild the calendar in each worker');
  }
  const ctx: CheckContext = { orgs: new Map(orgList.map((o) => [o.id, o])), underPath: options.underPath, clock: options.clock };
  const pool =
    threads > 0
      ? checkPool(threads, {
          orgs: orgList.map((o) => [o.id, o.path, o.parentId] as const),
          underPath: options.underPath,
          calendarYears: options.calendarYears,
          policy: options.clock?.policy,
        })
      : undefined;
  const spill = openSpill(options.tempDir);
  try {
    // A checked row, in file order: its errors, whether its source id repeats (found in the spill, on
    // disk), and its complaint kept as JSON in the spill (~2.5 KB) until written; once the file is
    // known to be bad only source ids are kept (for the repeat check), as nothing will be written.
    const take = (c: CheckedPacked) => {
      if (c.line !== lastLine) read++;
      lastLine = c.line;
      if (c.sourceId === undefined) {
        errors.push(...c.errors);
        return;
      }
      const first = spill.add(c.sourceId, placeOf(c), c.complaint && c.errors.length === 0 && errors.length === 0 ? c.complaint : null);
      if (first !== undefined) errors.push({ ...rowAt(c), field: 'sourceId', message: `repeats the sourceId of ${first}` });
      errors.push(...c.errors);
      if (c.complaint && errors.length === 0) {
        if (c.customerId !== undefined) customerKeys.add(c.customerId);
        fromMs = Math.min(fromMs, c.receivedMs as number);
      }
    };
    const here = (rows: RawRow[]) => {
      for (const row of rows) {
        const c = checkRow(row, ctx);
        const ok = c.complaint !== undefined && errors.length === 0;
        take({
          line: c.line,
          record: c.record,
          sourceId: c.sourceId,
          errors: c.errors,
          complaint: ok ? JSON.stringify(c.complaint) : undefined,
          customerId: c.complaint?.complainant.customerId,
          receivedMs: c.complaint ? Date.parse(c.complaint.receivedAt) : undefined,
        });
      }
    };
    const reader = historyRowReader(format);
    const pieces = typeof source === 'string' ? piecesOf(source) : source;
    if (!pool) {
      for await (const piece of pieces) here(reader.push(piece));
      here(reader.end());
    } else {
      // Blocks of rows to the workers, a few per worker in flight, taken back in the order sent.
      const inFlight: Promise<CheckedPacked[]>[] = [];
      let block: RawRow[] = [];
      const send = async (rows: RawRow[], flush: boolean) => {
        block.push(...rows);
        if (block.length >= BLOCK || (flush && block.length > 0)) {
          inFlight.push(pool.check(block));
          block = [];
        }
        while (inFlight.length > (flush ? 0 : 2 * threads)) for (const c of await (inFlight.shift() as Promise<CheckedPacked[]>)) take(c);
      };
      for await (const piece of pieces) await send(reader.push(piece), false);
      await send(reader.end(), true);
    }
    spill.finish();

    const summary = { read, imported: 0, skipped: 0, batches: 0, errors: errors.sort((a, b) => a.line - b.line) };
    if (errors.length > 0) return summary;

    const size = options.batchSize ?? 5_000;
    const total = spill.count;
    let done = 0;
    await store.reporting.importSession(async () => {
      for (const batch of spill.batches(size)) {
        if (options.maxBatches !== undefined && summary.batches >= options.maxBatches) break;
        done += batch.length;
        const last = done >= total;
        const r = await store.reporting.importHistoryBatch(batch, (item) => JSON.parse(item.complaint) as Complaint, last ? { customerKeys: [...customerKeys], fromMs } : undefined);
        summary.imported += r.imported;
        summary.skipped += r.skipped;
        summary.batches += 1;
        options.onProgress?.(done, total, summary);
      }
    });
    return summary;
  } finally {
    spill.close();
    await pool?.close();
  }
}
