import { deserialize, serialize } from 'node:v8';
import { type ClockOptions, type Complaint, complaintNumber, type ImportSummary } from '@complaintkit/core/domain';
import type { Store } from '../store/store.js';
import { type RowError, validateRow } from './parse.js';
import { replayHistory } from './replay.js';
import { historyRowReader, type RawRow } from './rows.js';
import { openSpill } from './spill.js';

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
  /** The folder the check pass's results are kept in until written (about 2.5 KB of disk per record; default: the OS's temporary folder). */
  readonly tempDir?: string | undefined;
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
  const orgs = new Map((await store.listOrganisations()).map((o) => [o.id, o]));
  const errors: RowError[] = [];
  // The repeat flags of every customer of the file, from its earliest receipt: refreshed once, by the
  // last batch (see importHistoryBatch), not after every batch.
  const customerKeys = new Set<string>();
  let fromMs = Number.POSITIVE_INFINITY;
  let read = 0;
  let lastLine = 0;
  const spill = openSpill(options.tempDir);
  try {
    const check = (rows: RawRow[]) => {
      for (const row of rows) {
        if (row.line !== lastLine) read++;
        lastLine = row.line;
        const v = validateRow(row);
        if ('errors' in v) {
          errors.push(...v.errors);
          continue;
        }
        const { record } = v;
        const line = row.line;
        const org = orgs.get(record.orgId);
        let complaint: Complaint | undefined;
        let error: RowError | undefined;
        if (!org || (options.underPath !== undefined && !org.path.startsWith(options.underPath))) {
          error = { line, field: 'orgId', message: `no organisation ${record.orgId} in your subtree; load it first (complaintkit-server directory FILE)` };
        } else {
          // One replay per record: what is checked here is what is written (with its numbers drawn per batch).
          const out = replayHistory(record, { id: complaintNumber(Date.parse(record.receivedAt), 1), firstSeq: 1, reviewerOrgId: org.parentId ?? undefined, clock: options.clock });
          if ('error' in out) error = { line, ...out.error };
          else complaint = out.complaint;
        }
        // Kept serialised (v8.serialize, ~2.5 KB) in the spill, on disk: once the file is known to be
        // bad only its source id is kept (for the repeated-id check), as nothing will be written.
        const first = spill.add(record.sourceId, line, complaint && errors.length === 0 && !error ? serialize(complaint) : null);
        if (first !== undefined) errors.push({ line, field: 'sourceId', message: `repeats the sourceId of line ${first}` });
        if (error) errors.push(error);
        if (complaint && errors.length === 0) {
          if (complaint.complainant.customerId !== undefined) customerKeys.add(complaint.complainant.customerId);
          fromMs = Math.min(fromMs, Date.parse(complaint.receivedAt));
        }
      }
    };
    const reader = historyRowReader(format);
    for await (const piece of typeof source === 'string' ? piecesOf(source) : source) check(reader.push(piece));
    check(reader.end());
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
        const r = await store.reporting.importHistoryBatch(batch, (item) => deserialize(item.complaint) as Complaint, last ? { customerKeys: [...customerKeys], fromMs } : undefined);
        summary.imported += r.imported;
        summary.skipped += r.skipped;
        summary.batches += 1;
        options.onProgress?.(done, total, summary);
      }
    });
    return summary;
  } finally {
    spill.close();
  }
}
