import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * Migration 0024_report_cells_day_index: on SQLite, drops `report_cells_cell`, the (day, org_path)
 * index of 0010, which no statement reads there: the dirty cells' delete is planned on
 * `report_cells_org_day` (0015; the same two columns, in the other order, as an equality lookup serves
 * either), the recomputation and every report read the primary key (dims, pop, day, …). In a
 * `without rowid` table an index entry carries the whole 12-column key, so this one was as large as the
 * table itself (45 MB of a 335 MB database at 20,000 complaints), written once for every cell row a
 * write or an import recomputes. No data is lost (an index); `down` builds it again. PostgreSQL keeps
 * it (a narrow index there, and its plans are not changed here).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) await sql`drop index if exists report_cells_cell`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (!isPostgres(db)) await db.schema.createIndex('report_cells_cell').ifNotExists().on('report_cells').columns(['day', 'org_path']).execute();
  },
};
