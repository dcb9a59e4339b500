import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/** Migration 0017_calendar_uncovered: a flag on the complaints whose deadlines a holiday calendar did not cover. */
export const migration: Migration = {
  // docs/domain/clocks.md: a deadline counted in a year no loaded notice covers is counted with
  // weekends only and marked `calendarCovered: false`; the service recounts those at start once a
  // calendar brings the year. Finding them meant reading and parsing every open complaint's document
  // at every start (about 900,000 documents at 1M complaints: more than ten minutes). The flag, kept
  // by every write (`complaintRow`), and its partial index make that a read of the few flagged rows.
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('complaints').addColumn('calendar_uncovered', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    if (isPostgres(db)) {
      await sql`update complaints set calendar_uncovered = 1 where (document::jsonb -> 'deadlines' ->> 'calendarCovered') = 'false'`.execute(db);
    } else {
      await sql`update complaints set calendar_uncovered = 1 where json_extract(document, '$.deadlines.calendarCovered') = 0`.execute(db);
    }
    await sql`create index complaints_calendar_uncovered on complaints (id) where calendar_uncovered = 1`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop index if exists complaints_calendar_uncovered`.execute(db);
    await db.schema.alterTable('complaints').dropColumn('calendar_uncovered').execute();
  },
};
