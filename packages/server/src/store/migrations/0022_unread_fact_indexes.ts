import type { Kysely, Migration } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * @internal the SQLite `complaint_facts` indexes no query reads (0005's): the reports read the facts
 * through the (day, organisation) indexes, the repeat flags through `complaint_facts_repeat` and the
 * open overdue through the deadline-keyed partial indexes of 0020b; an organisation filter is a
 * `like` with an escape, which SQLite never answers from an index of a case-sensitive column.
 */
export const UNREAD_FACT_INDEXES = ['complaint_facts_due_at', 'complaint_facts_org_path'] as const;

/** Migration 0022_unread_fact_indexes: drops the two SQLite `complaint_facts` indexes no query reads. */
export const migration: Migration = {
  // Every creation writes an entry into each index of `complaint_facts` (and every step rewrites its
  // row's entries), in the same transaction as the complaint. The query plans of every report, trend,
  // overdue and alert query (EXPLAIN QUERY PLAN on the 1,000,000-complaint database, the queries of
  // the reporting tests with their parameters) read none of these two: `due_at` alone was only ever
  // picked for a `count(*)`, which any other index answers as well. Nothing is lost (the columns stay,
  // filled as before) and `down` builds them again. PostgreSQL keeps its indexes: its planner's
  // choices at scale were not checked here (and `org_path` there is a `text_pattern_ops` index that
  // does serve the `like` prefix).
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    for (const index of UNREAD_FACT_INDEXES) await db.schema.dropIndex(index).ifExists().execute();
  },
  async down(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    await db.schema.createIndex('complaint_facts_due_at').ifNotExists().on('complaint_facts').column('due_at').execute();
    await db.schema.createIndex('complaint_facts_org_path').ifNotExists().on('complaint_facts').column('org_path').execute();
  },
};
