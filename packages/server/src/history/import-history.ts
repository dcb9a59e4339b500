import { type ClockOptions, type Complaint, complaintNumber, type HistoryRecord, type ImportSummary } from '@complaintkit/core/domain';
import type { Store } from '../store/store.js';
import { parseHistory, type RowError } from './parse.js';
import { replayHistory } from './replay.js';

/**
 * How an import runs: records per transaction, the service's clock options (so deadlines match live
 * entry), and a progress callback after each batch.
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
}

/**
 * Imports a history file: parses and validates every row and replays each through the lifecycle once
 * (a row the lifecycle refuses is an error naming its column); only when the whole file is clean
 * does it write those same replayed complaints, numbered afresh, in batches of one transaction each.
 * Rows whose `sourceId` was imported before are skipped, so an interrupted import is resumed by
 * running it again, to the same result.
 *
 * @example
 * ```ts
 * const summary = await importHistory(store, text, 'csv', { batchSize: 5_000 });
 * if (summary.errors.length) console.table(summary.errors);
 * ```
 */
export async function importHistory(store: Store, text: string, format: 'csv' | 'ndjson', options: ImportOptions = {}): Promise<ImportSummary> {
  const parsed = parseHistory(text, format);
  const errors: RowError[] = [...parsed.errors];
  const orgs = new Map((await store.listOrganisations()).map((o) => [o.id, o]));
  // One replay per record: what is checked here is what is written (with its numbers drawn per batch).
  const replayed = new Map<HistoryRecord, Complaint>();
  for (const { line, record } of parsed.records) {
    const org = orgs.get(record.orgId);
    if (!org || (options.underPath !== undefined && !org.path.startsWith(options.underPath))) {
      errors.push({ line, field: 'orgId', message: `no organisation ${record.orgId} in your subtree; import the organisation tree first` });
      continue;
    }
    const out = replayHistory(record, { id: complaintNumber(Date.parse(record.receivedAt), 1), firstSeq: 1, reviewerOrgId: org.parentId ?? undefined, clock: options.clock });
    if ('error' in out) errors.push({ line, ...out.error });
    else if (errors.length === 0) replayed.set(record, out.complaint);
  }
  const summary = { read: parsed.records.length + new Set(parsed.errors.map((e) => e.line)).size, imported: 0, skipped: 0, batches: 0, errors: errors.sort((a, b) => a.line - b.line) };
  if (errors.length > 0) return summary;

  const size = options.batchSize ?? 5_000;
  const records = parsed.records.map((r) => r.record);
  for (let i = 0; i < records.length; i += size) {
    if (options.maxBatches !== undefined && summary.batches >= options.maxBatches) break;
    const batch = records.slice(i, i + size);
    const r = await store.reporting.importHistoryBatch(batch, (record) => replayed.get(record) as Complaint);
    summary.imported += r.imported;
    summary.skipped += r.skipped;
    summary.batches += 1;
    options.onProgress?.(Math.min(i + size, records.length), records.length, summary);
  }
  return summary;
}
