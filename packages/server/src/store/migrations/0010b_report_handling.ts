import { type Kysely, type Migration, sql } from 'kysely';

/** Migration 0010b_report_handling: handling times in the decided cells; indexes for the open overdue. */
export const migration: Migration = {
  // Reporting at scale (docs/domain/metrics.md): each `report_cells` row of the decided population
  // gets the handling times of its complaints (`handling`, comma-separated ms, in no order), so the
  // nearest-rank quantiles of any range of whole days are exact without reading every complaint; the
  // cells of an existing database are recomputed before the next report. The open overdue at the end
  // of a range reads the complaints still open, or decided or stopped after it, through two partial
  // indexes (open now; stopped) and the decided day's.
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('report_cells').addColumn('handling', 'text').execute();
    await sql`create index complaint_facts_open on complaint_facts (received_at) where decided_at is null and stopped_at is null`.execute(db);
    await sql`create index complaint_facts_stopped on complaint_facts (stopped_at) where stopped_at is not null`.execute(db);
    await sql`insert into report_dirty (day, org_path) select distinct day, org_path from report_cells where pop = 'decided' on conflict do nothing`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop index if exists complaint_facts_stopped`.execute(db);
    await sql`drop index if exists complaint_facts_open`.execute(db);
    await db.schema.alterTable('report_cells').dropColumn('handling').execute();
  },
};
