import { type Kysely, type Migration, sql } from 'kysely';
import { CELL_AGGREGATE_COLUMNS, CELL_DIMENSION_COLUMNS, createAggregateTable } from './0010_report_cells.js';
import { isPostgres } from './is-postgres.js';

/** Migration 0015_report_months: monthly pre-aggregates beside the daily `report_cells`. */
export const migration: Migration = {
  // Reporting at scale (docs/domain/metrics.md): `report_months` holds the sums of the daily
  // `report_cells` of each calendar month (the same keys with `month`, `YYYY-MM`, for `day`), and the
  // decided months' handling times, so a report over a quarter or a year reads 3 or 12 rows per key
  // instead of 91 or 365. A month of an organisation is rolled up again whenever one of its days is
  // recomputed (never stale). Filled here from the cells an existing database already holds; cells
  // still listed dirty are recomputed, with their months, before the next report.
  async up(db: Kysely<unknown>) {
    await createAggregateTable(db, 'report_months', 'month', (t) => t.addColumn('handling', 'text'));
    // The days of one organisation's month, found directly when that month is rolled up again.
    await db.schema.createIndex('report_cells_org_day').on('report_cells').columns(['org_path', 'day']).execute();
    const keys = ['dims', 'pop', 'org_path', ...CELL_DIMENSION_COLUMNS];
    const sums = Object.values(CELL_AGGREGATE_COLUMNS).map((c) => sql`sum(${sql.ref(c)})`);
    const handling = isPostgres(db) ? sql`string_agg(handling, ',')` : sql`group_concat(handling)`;
    await sql`insert into report_months (month, ${sql.join(keys.map((k) => sql.ref(k)))}, ${sql.join(Object.values(CELL_AGGREGATE_COLUMNS).map((c) => sql.ref(c)))}, handling)
      select substr(day, 1, 7), ${sql.join(keys.map((k) => sql.ref(k)))}, ${sql.join(sums)}, ${handling}
      from report_cells group by substr(day, 1, 7), ${sql.join(keys.map((k) => sql.ref(k)))}`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('report_cells_org_day').ifExists().execute();
    await db.schema.dropTable('report_months').ifExists().execute();
  },
};
