import { type Kysely, type Migration, sql } from 'kysely';

/** Migration 0016_overdue_late: a partial index of the complaints decided after their deadline. */
export const migration: Migration = {
  // Reporting at scale (docs/domain/metrics.md): a complaint decided after the end of a report's range
  // counts in that range's open overdue only if it was decided late (its deadline lies before the
  // end, its decision after). Reading those through this index instead of every complaint decided
  // after the end (at 1M, a quarter that ended two months ago had ~100,000 of them, of which a few
  // thousand late) keeps the open overdue of a past range cheap.
  async up(db: Kysely<unknown>) {
    await sql`create index complaint_facts_late on complaint_facts (decided_at) where decided_at > due_at`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop index if exists complaint_facts_late`.execute(db);
  },
};
