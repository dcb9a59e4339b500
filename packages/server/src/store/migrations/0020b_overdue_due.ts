import { type Kysely, type Migration, sql } from 'kysely';

/** Migration 0020b_overdue_due: the open overdue's partial indexes keyed so that a deadline after the end is skipped. */
export const migration: Migration = {
  // Reporting at scale (docs/domain/metrics.md, open overdue): a complaint counts in the open overdue at
  // the end of a range only if its deadline lies before that end. The three partial indexes the
  // report reads its candidates through (open now; decided late; stopped) were keyed without the
  // deadline, so every complaint open now was a candidate: at 1M complaints 16,248 rows looked up for
  // each report, of which 920 were overdue at the end of November and none at the end of September.
  // Keyed by the deadline (open) or with it (late, stopped: SQLite checks it in the index before
  // reading the row), the candidates are the overdue ones.
  async up(db: Kysely<unknown>) {
    await sql`create index complaint_facts_open_due on complaint_facts (due_at) where decided_at is null and stopped_at is null`.execute(db);
    await sql`create index complaint_facts_late_due on complaint_facts (decided_at, due_at) where decided_at > due_at`.execute(db);
    await sql`create index complaint_facts_stopped_due on complaint_facts (stopped_at, due_at) where stopped_at is not null`.execute(db);
    for (const old of ['complaint_facts_open', 'complaint_facts_late', 'complaint_facts_stopped']) await sql`drop index if exists ${sql.ref(old)}`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`create index complaint_facts_open on complaint_facts (received_at) where decided_at is null and stopped_at is null`.execute(db);
    await sql`create index complaint_facts_late on complaint_facts (decided_at) where decided_at > due_at`.execute(db);
    await sql`create index complaint_facts_stopped on complaint_facts (stopped_at) where stopped_at is not null`.execute(db);
    for (const index of ['complaint_facts_open_due', 'complaint_facts_late_due', 'complaint_facts_stopped_due']) await sql`drop index if exists ${sql.ref(index)}`.execute(db);
  },
};
