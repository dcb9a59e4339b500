import { type Kysely, type Migration, type RawBuilder, sql } from 'kysely';
import { CELL_AGGREGATE_COLUMNS, CELL_DIMENSION_COLUMNS, createAggregateTable } from './0010_report_cells.js';
import { isPostgres } from './is-postgres.js';

/**
 * The SQL of a row's root organisation path: the first segment of `org_path` (`/HO/BR-44/` → `/HO/`),
 * what `report_roots` is keyed by.
 *
 * @example
 * ```ts
 * sql`select ${rootPathSql(false)} from report_months`;
 * ```
 */
export function rootPathSql(pg: boolean, column: RawBuilder<unknown> = sql.ref('org_path')): RawBuilder<string> {
  return pg ? sql<string>`substr(${column}, 1, strpos(substr(${column}, 2), '/') + 1)` : sql<string>`substr(${column}, 1, instr(substr(${column}, 2), '/') + 1)`;
}

/** Migration 0020c_report_roots: the monthly pre-aggregates rolled up to each root of the organisation tree. */
export const migration: Migration = {
  // Reporting at scale (docs/domain/metrics.md): a report over the whole bank summed the monthly rows
  // of every organisation (at 1M complaints a quarter by B x C x A, the regulator's table, read about
  // 80,000 rows of report_months; a quarter by B x C 28,456). `report_roots` holds the same sums per
  // root of the tree (the first segment of `org_path`, the head office): one row per month and
  // values, with `members`, how many rows of report_months it sums (a root row goes when it sums
  // none). Counts only: the handling times stay in report_months. Kept by every roll-up of the
  // months (never stale); filled here from the months an existing database holds.
  async up(db: Kysely<unknown>) {
    await createAggregateTable(db, 'report_roots', 'month', (t) => t.addColumn('members', 'bigint', (c) => c.notNull()));
    const root = rootPathSql(isPostgres(db));
    const dims = sql.join(CELL_DIMENSION_COLUMNS.map((c) => sql.ref(c)));
    const aggregates = Object.values(CELL_AGGREGATE_COLUMNS);
    await sql`insert into report_roots (dims, pop, month, org_path, ${dims}, ${sql.join(aggregates.map((a) => sql.ref(a)))}, members)
      select dims, pop, month, ${root}, ${dims}, ${sql.join(aggregates.map((a) => sql`sum(${sql.ref(a)})`))}, count(*)
      from report_months group by dims, pop, month, ${root}, ${dims}`.execute(db);
    // The months of the organisations whose cells a refresh recomputed, found directly.
    await db.schema.createIndex('report_months_org_month').on('report_months').columns(['org_path', 'month']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('report_months_org_month').ifExists().execute();
    await db.schema.dropTable('report_roots').ifExists().execute();
  },
};
