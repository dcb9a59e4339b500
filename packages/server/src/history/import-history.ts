import { deserialize, serialize } from 'node:v8';
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
  // Kept serialised (v8.serialize, ~2.5 KB outside the JS heap) rather than as objects (~3.5 KB on the
  // heap each, which a million records would take past Node's default heap limit, and which every
  // garbage collection would walk): reading one back costs a fraction of replaying it again.
  const replayed = new Map<HistoryRecord, Buffer>();
  // The repeat flags of every customer of the file, from its earliest receipt: refreshed once, by the
  // last batch (see importHistoryBatch), not after every batch.
  const customerKeys = new Set<string>();
  let fromMs = Number.POSITIVE_INFINITY;
  for (const { line, record } of parsed.records) {
    const org = orgs.get(record.orgId);
    if (!org || (options.underPath !== undefined && !org.path.startsWith(options.underPath))) {
      errors.push({ line, field: 'orgId', message: `no organisation ${record.orgId} in your subtree; load it first (complaintkit-server directory FILE)` });
      continue;
    }
    const out = replayHistory(record, { id: complaintNumber(Date.parse(record.receivedAt), 1), firstSeq: 1, reviewerOrgId: org.parentId ?? undefined, clock: options.clock });
    if ('error' in out) errors.push({ line, ...out.error });
    else if (errors.length === 0) {
      replayed.set(record, serialize(out.complaint));
      if (out.complaint.complainant.customerId !== undefined) customerKeys.add(out.complaint.complainant.customerId);
      fromMs = Math.min(fromMs, Date.parse(out.complaint.receivedAt));
    }
  }
  const summary = { read: parsed.records.length + new Set(parsed.errors.map((e) => e.line)).size, imported: 0, skipped: 0, batches: 0, errors: errors.sort((a, b) => a.line - b.line) };
  if (errors.length > 0) return summary;

  const size = options.batchSize ?? 5_000;
  const records = parsed.records.map((r) => r.record);
  await store.reporting.importSession(async () => {
    for (let i = 0; i < records.length; i += size) {
      if (options.maxBatches !== undefined && summary.batches >= options.maxBatches) break;
      const batch = records.slice(i, i + size);
      const last = i + size >= records.length;
      const r = await store.reporting.importHistoryBatch(batch, (record) => deserialize(replayed.get(record) as Buffer) as Complaint, last ? { customerKeys: [...customerKeys], fromMs } : undefined);
      summary.imported += r.imported;
      summary.skipped += r.skipped;
      summary.batches += 1;
      options.onProgress?.(Math.min(i + size, records.length), records.length, summary);
    }
  });
  return summary;
}
