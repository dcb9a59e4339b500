import { type Complaint, complaintNumber, DEFAULT_REPEAT_WINDOW_DAYS } from '@complaintkit/core/domain';
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from './connect.js';
import { lockComplaintWriters } from './customer-locks.js';
import { importBank } from './import-bank.js';
import { insertRows } from './insert-rows.js';
import { drawValues } from './reports/draw-values.js';
import { type FactsOptions, refreshRepeats } from './reports/facts-rows.js';
import type { Database } from './schema.js';
import { allowLongStatements, inWriteTransaction } from './write-transaction.js';

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
 * The repeat flags an import leaves to its last batch: those of these customers' complaints received
 * at or after `fromMs` (the customers of the whole file, from its earliest receipt).
 *
 * @example
 * ```ts
 * const repeats: ImportRepeats = { customerKeys: ['RC0001234'], fromMs: Date.parse('2024-11-28T00:00:00Z') };
 * ```
 */
export interface ImportRepeats {
  readonly customerKeys: readonly string[];
  readonly fromMs: number;
}

/**
 * Imports one batch of history in one write transaction (all of the batch or none of it): records
 * whose `sourceId` is already imported are skipped; each other record's complaint comes from `build`
 * (the lifecycle replay the whole file was checked with, numbered anyhow: `history/spill.ts` keeps them) and is numbered here: a
 * complaint number and one event number per timeline event, drawn from the counters (not read and
 * advanced), so live writers beside the import never draw the same ones. Then it is stored with its
 * events, facts and source id.
 *
 * Repeat flags: a batch leaves them, and the batch given `repeats` (the import's last) refreshes them
 * for every customer of the file, once, in that batch's transaction: the same flags as refreshing after
 * every batch (only the flags of these customers' complaints from the file's earliest receipt on can
 * change), for one pass instead of one per batch. An import interrupted before its last batch leaves
 * the flags of what it wrote until it is resumed: its last batch, even when every record is skipped,
 * refreshes them. On PostgreSQL the last batch first holds back every live write of complaints until
 * it commits (`lockComplaintWriters`): a registration or step of one of the file's customers beside it
 * would decide flags without the batch's rows while the batch's refresh does not see its own (a write
 * beside an earlier batch is refreshed by the last). On PostgreSQL a batch commits with
 * `synchronous_commit` off: a crash may lose the last batches' commits (the import resumes them) but
 * never half a batch.
 *
 * @example
 * ```ts
 * const r = await importHistoryBatch(db, 'sqlite', facts, batch, (item) => deserialize(item.complaint));
 * ```
 */
export async function importHistoryBatch<R extends { readonly sourceId: string }>(
  db: Kysely<Database>,
  kind: DatabaseKind,
  facts: FactsOptions,
  records: readonly R[],
  build: (record: R) => Complaint,
  repeats?: ImportRepeats,
): Promise<HistoryBatchResult> {
  return inWriteTransaction(db, kind, async (tx) => {
    if (kind === 'postgres') {
      // The last batch rewrites the flags of every customer of the file: no live write of complaints
      // beside it (its snapshot would miss the write's rows, the write would miss the batch's).
      // Its statements may run longer than a request's (and so may its wait for the lock, bounded by its own timeout).
      await allowLongStatements(tx, kind);
      if (repeats) await lockComplaintWriters(tx);
      await sql`set local synchronous_commit = off`.execute(tx);
    }
    const known = new Set<string>();
    for (let i = 0; i < records.length; i += 5_000) {
      const ids = records.slice(i, i + 5_000).map((r) => r.sourceId);
      const rows = await tx.selectFrom('import_sources').select('source_id').where('source_id', 'in', ids).execute();
      for (const r of rows) known.add(r.source_id);
    }
    const fresh = records.filter((r) => !known.has(r.sourceId));
    if (fresh.length > 0) {
      const built = fresh.map(build);
      const numbers = await drawValues(tx, kind, 'complaint_no', fresh.length);
      const seqs = await drawValues(tx, kind, 'event_seq', built.reduce((n, c) => n + c.timeline.length, 0));
      let next = 0;
      const complaints = built.map((c, i) => ({
        ...c,
        id: complaintNumber(Date.parse(c.receivedAt), numbers[i] as number),
        timeline: c.timeline.map((e) => ({ ...e, seq: seqs[next++] as number })),
      }));
      await importBank(tx, kind, { organisations: [], staff: [], complaints }, facts, { refreshRepeats: false, fresh: true });
      await insertRows(
        tx,
        'import_sources',
        fresh.map((r, i) => ({ source_id: r.sourceId, complaint_id: (complaints[i] as Complaint).id })),
      );
    }
    if (repeats) await refreshRepeats(tx, repeats.customerKeys, facts.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS, repeats.fromMs);
    return { imported: fresh.length, skipped: records.length - fresh.length };
  });
}
