import { type Complaint, complaintNumber, type HistoryRecord } from '@complaintkit/core/domain';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from './connect.js';
import { importBank } from './import-bank.js';
import { drawValues } from './reports/draw-values.js';
import type { FactsOptions } from './reports/facts-rows.js';
import type { Database } from './schema.js';
import { inWriteTransaction } from './write-transaction.js';

/**
 * What one import batch did: records written, and records skipped because their `sourceId` was
 * imported before.
 *
 * @example
 * ```ts
 * const r: HistoryBatchResult = { imported: 9_998, skipped: 2 };
 * ```
 */
export interface HistoryBatchResult {
  readonly imported: number;
  readonly skipped: number;
}

/**
 * Imports one batch of history in one write transaction (all of the batch or none of it): records
 * whose `sourceId` is already imported are skipped; each other record's complaint comes from `build`
 * (the lifecycle replay the whole file was checked with, numbered anyhow) and is numbered here: a
 * complaint number and one event number per timeline event, drawn from the counters (not read and
 * advanced), so live writers beside the import never draw the same ones. Then it is stored with its
 * events, facts and source id.
 *
 * @example
 * ```ts
 * const r = await importHistoryBatch(db, 'sqlite', facts, records, (record) => replayed.get(record.sourceId));
 * ```
 */
export async function importHistoryBatch(
  db: Kysely<Database>,
  kind: DatabaseKind,
  facts: FactsOptions,
  records: readonly HistoryRecord[],
  build: (record: HistoryRecord) => Complaint,
): Promise<HistoryBatchResult> {
  return inWriteTransaction(db, kind, async (tx) => {
    const ids = records.map((r) => r.sourceId);
    const known = new Set<string>();
    for (let i = 0; i < ids.length; i += 5_000) {
      const rows = await tx.selectFrom('import_sources').select('source_id').where('source_id', 'in', ids.slice(i, i + 5_000)).execute();
      for (const r of rows) known.add(r.source_id);
    }
    const fresh = records.filter((r) => !known.has(r.sourceId));
    if (fresh.length === 0) return { imported: 0, skipped: records.length };
    const built = fresh.map(build);
    const numbers = await drawValues(tx, kind, 'complaint_no', fresh.length);
    const seqs = await drawValues(tx, kind, 'event_seq', built.reduce((n, c) => n + c.timeline.length, 0));
    let next = 0;
    const complaints = built.map((c, i) => ({
      ...c,
      id: complaintNumber(Date.parse(c.receivedAt), numbers[i] as number),
      timeline: c.timeline.map((e) => ({ ...e, seq: seqs[next++] as number })),
    }));
    await importBank(tx, kind, { organisations: [], staff: [], complaints }, facts);
    const sources = fresh.map((r, i) => ({ source_id: r.sourceId, complaint_id: (complaints[i] as Complaint).id }));
    for (let i = 0; i < sources.length; i += 10_000) await tx.insertInto('import_sources').values(sources.slice(i, i + 10_000)).execute();
    return { imported: fresh.length, skipped: records.length - fresh.length };
  });
}
