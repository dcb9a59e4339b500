import type {
  Aggregates,
  Alert,
  AlertRule,
  Complaint,
  DayRange,
  FactFilter,
  ReportResult,
  ReportSpec,
} from '@complaintkit/core/domain';
import { type HistoryBatchResult, type ImportRepeats, importHistoryBatch } from '../import-history-batch.js';
import { inImportSession } from '../import-session.js';
import type { FactsOptions } from './facts-rows.js';
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../connect.js';
import { likePrefix } from '../like-prefix.js';
import { nextValue } from '../counters.js';
import { inWriteTransaction } from '../write-transaction.js';
import type { Database } from '../schema.js';
import { refreshDirtyCells } from './cells.js';
import { type ReportNeeds, runReport, runSeries } from './report-sql.js';

/**
 * The `type` of an alert's row in `events`: the stream sends it as an `alert` message, not a
 * complaint change (customers never see one: the row has no customer).
 *
 * @example
 * ```ts
 * if (row.type === ALERT_EVENT_TYPE) …
 * ```
 */
export const ALERT_EVENT_TYPE = 'alert';

/**
 * The reporting side of the store: reports over `complaint_facts`, and the early-warning rules and
 * alerts (stored as JSON documents with the columns their queries filter on).
 *
 * @example
 * ```ts
 * const r = await store.reporting.report({ range, filter: { orgPath: '/HO/' }, groupBy: [] });
 * ```
 */
export interface ReportingStore {
  /**
   * A report (core's `ReportSpec` → `ReportResult`), computed in the database; `needs` can leave out
   * the handling-time quantiles and the open overdue (then `null` and 0) when the caller shows neither.
   */
  report(spec: ReportSpec, needs?: ReportNeeds): Promise<ReportResult>;
  /**
   * Every aggregate per bank day over a range, or several disjoint ones, for a filter (days with nothing absent): what trends
   * sum into periods. With `grain: 'month'`, each whole month is one entry keyed by its first day
   * (right for sums over whole months only: monthly and quarterly trends).
   */
  series(range: DayRange | readonly DayRange[], filter: FactFilter, grain?: 'day' | 'month'): Promise<Map<string, Aggregates>>;
  /** Rules whose organisation lies under `underPath` (all when omitted). */
  listRules(underPath?: string): Promise<AlertRule[]>;
  getRule(id: string): Promise<{ rule: AlertRule; orgPath: string } | undefined>;
  /** Inserts or replaces a rule. */
  saveRule(rule: AlertRule, orgPath: string): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  /** Alerts under `underPath`, newest first. */
  listAlerts(
    underPath: string | undefined,
    q: { status?: readonly string[] | undefined; level?: readonly string[] | undefined; ruleId?: string | undefined; limit: number },
  ): Promise<Alert[]>;
  getAlert(id: string): Promise<{ alert: Alert; orgPath: string } | undefined>;
  /** The open or acknowledged alert of a rule, if any (at most one: alerts are deduplicated while open). */
  activeAlert(ruleId: string): Promise<Alert | undefined>;
  /**
   * Inserts or replaces an alert; with `publish`, also appends it to the event stream (an `alert`
   * message to every stream that sees `orgPath`), in the same transaction. With `ifNoneActive`, a new
   * alert is written only when its rule has no open or acknowledged alert, checked inside the write
   * transaction (so concurrent evaluations cannot open two); returns whether it was written.
   */
  saveAlert(alert: Alert, orgPath: string, options?: { publish?: boolean; ifNoneActive?: boolean }): Promise<boolean>;
  /**
   * Imports one batch of history in one transaction (see `store/import-history-batch.ts`): records
   * whose `sourceId` is already imported are skipped; the others are built by `build`, numbered and
   * stored with their events, facts and source ids. All of the batch or none of it.
   */
  importHistoryBatch<R extends { readonly sourceId: string }>(records: readonly R[], build: (record: R) => Complaint, repeats?: ImportRepeats): Promise<HistoryBatchResult>;
  /** Runs a history import's batches with the import session's database settings (`store/import-session.ts`). */
  importSession<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Recomputes the daily report totals that writes listed dirty (every report does this first);
   * the import command calls it at the end, so the first report after a large import is not the one
   * that waits. Returns how many day × organisation cells were recomputed.
   */
  refreshCells(): Promise<number>;
}

/**
 * The Kysely implementation of {@link ReportingStore}.
 *
 * @example
 * ```ts
 * const reporting = sqlReporting(db);
 * ```
 */
export function sqlReporting(db: Kysely<Database>, kind: DatabaseKind, committed: () => void, facts: FactsOptions = {}): ReportingStore {
  const under = (p: string | undefined) => (p ? sql<boolean>`org_path like ${likePrefix(p)} escape '\\'` : sql<boolean>`1 = 1`);
  return {
    async report(spec, needs) {
      await refreshDirtyCells(db, kind);
      return runReport(db, spec, needs);
    },
    async series(range, filter, grain) {
      await refreshDirtyCells(db, kind);
      return runSeries(db, range, filter, grain);
    },
    async listRules(underPath) {
      const rows = await db.selectFrom('alert_rules').select('document').where(under(underPath)).orderBy('id').execute();
      return rows.map((r) => JSON.parse(r.document) as AlertRule);
    },
    async getRule(id) {
      const r = await db.selectFrom('alert_rules').select(['document', 'org_path']).where('id', '=', id).executeTakeFirst();
      return r && { rule: JSON.parse(r.document) as AlertRule, orgPath: r.org_path };
    },
    async saveRule(rule, orgPath) {
      const row = { id: rule.id, org_path: orgPath, enabled: rule.enabled ? 1 : 0, document: JSON.stringify(rule) };
      await db
        .insertInto('alert_rules')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ org_path: row.org_path, enabled: row.enabled, document: row.document }))
        .execute();
    },
    async deleteRule(id) {
      const r = await db.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async listAlerts(underPath, q) {
      const rows = await db
        .selectFrom('alerts')
        .select('document')
        .where(under(underPath))
        .$if(Boolean(q.status?.length), (x) => x.where('status', 'in', q.status as string[]))
        .$if(q.ruleId !== undefined, (x) => x.where('rule_id', '=', q.ruleId as string))
        // The level lives in the document; JSON.stringify writes it as "level":"…" (an enum, never escaped).
        .$if(Boolean(q.level?.length), (x) => x.where((eb) => eb.or((q.level ?? []).map((l) => eb('document', 'like', `%"level":"${l}"%`)))))
        .orderBy('opened_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .execute();
      return rows.map((r) => JSON.parse(r.document) as Alert);
    },
    async getAlert(id) {
      const r = await db.selectFrom('alerts').select(['document', 'org_path']).where('id', '=', id).executeTakeFirst();
      return r && { alert: JSON.parse(r.document) as Alert, orgPath: r.org_path };
    },
    async activeAlert(ruleId) {
      const r = await db
        .selectFrom('alerts')
        .select('document')
        .where('rule_id', '=', ruleId)
        .where('status', 'in', ['open', 'acknowledged'])
        .executeTakeFirst();
      return r && (JSON.parse(r.document) as Alert);
    },
    async saveAlert(alert, orgPath, options = {}) {
      const row = { id: alert.id, rule_id: alert.ruleId, org_path: orgPath, status: alert.status, opened_at: Date.parse(alert.openedAt), document: JSON.stringify(alert) };
      const written = await inWriteTransaction(db, kind, async (tx) => {
        if (options.ifNoneActive) {
          const active = await tx
            .selectFrom('alerts')
            .select('id')
            .where('rule_id', '=', alert.ruleId)
            .where('status', 'in', ['open', 'acknowledged'])
            .where('id', '<>', alert.id)
            .executeTakeFirst();
          if (active) return false;
        }
        await tx
          .insertInto('alerts')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet({ status: row.status, document: row.document, org_path: row.org_path }))
          .execute();
        if (!options.publish) return true;
        const seq = await nextValue(tx, kind, 'event_seq');
        await tx
          .insertInto('events')
          .values({
            seq,
            complaint_id: alert.id,
            at: Date.parse(alert.updatedAt),
            type: ALERT_EVENT_TYPE,
            handling_org_path: orgPath,
            first_org_path: null,
            customer_id: null,
            event: JSON.stringify(alert),
            snapshot: null,
          })
          .execute();
        return true;
      });
      if (written && options.publish) committed();
      return written;
    },
    importSession: (fn) => inImportSession(db, kind, fn),
    refreshCells: () => refreshDirtyCells(db, kind),
    async importHistoryBatch(records, build, repeats) {
      const result = await importHistoryBatch(db, kind, facts, records, build, repeats);
      if (result.imported > 0) committed();
      return result;
    },
  };
}
