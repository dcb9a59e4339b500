import { type CreateTableBuilder, type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * The dimension columns of `report_cells`, named as in `complaint_facts`; `''` where a row's
 * dimension set leaves the dimension out. Written here because a migration keeps the shape it created.
 *
 * @example
 * ```ts
 * CELL_DIMENSION_COLUMNS.includes('cause'); // true
 * ```
 */
export const CELL_DIMENSION_COLUMNS = [
  'intake_channel',
  'business_channel',
  'business_category',
  'business_major',
  'cause',
  'severity',
  'province',
  'prefecture',
] as const;

/**
 * The aggregate columns of `report_cells`: one per count or sum of core's `AGGREGATES` when this
 * migration was written (aggregate id → column). A report needing an aggregate with no column here
 * reads `complaint_facts` instead.
 *
 * @example
 * ```ts
 * CELL_AGGREGATE_COLUMNS.metStrict; // 'met_strict'
 * ```
 */
export const CELL_AGGREGATE_COLUMNS: Readonly<Record<string, string>> = {
  received: 'received',
  regulatorTransfers: 'regulator_transfers',
  repeats: 'repeats',
  decided: 'decided',
  met: 'met',
  metStrict: 'met_strict',
  accepted: 'accepted',
  reached: 'reached',
  reviews: 'reviews',
  handlingMs: 'handling_ms',
  rated: 'rated',
  satisfied: 'satisfied',
};

/**
 * Creates a pre-aggregate table of the `report_cells` shape: keyed by dimension set, population,
 * period (`day` or `month`), organisation path and the dimension values, with one `bigint` per
 * aggregate and then any `extra` columns. SQLite keeps the rows in key order (`without rowid`), so a
 * report's range of periods is one contiguous read. Shared by 0010, 0015 and 0020c, whose tables
 * differ only in name, period and extra columns.
 *
 * @example
 * ```ts
 * await createAggregateTable(db, 'report_months', 'month', (t) => t.addColumn('handling', 'text'));
 * ```
 */
export async function createAggregateTable(
  db: Kysely<unknown>,
  name: string,
  period: 'day' | 'month',
  extra: (t: CreateTableBuilder<string, string>) => CreateTableBuilder<string, string> = (t) => t,
): Promise<void> {
  // Typed loosely: the columns are added in loops.
  let t: CreateTableBuilder<string, string> = db.schema
    .createTable(name)
    .addColumn('dims', 'text', (c) => c.notNull())
    .addColumn('pop', 'text', (c) => c.notNull())
    .addColumn(period, 'text', (c) => c.notNull())
    .addColumn('org_path', 'text', (c) => c.notNull());
  for (const col of CELL_DIMENSION_COLUMNS) t = t.addColumn(col, 'text', (c) => c.notNull());
  for (const col of Object.values(CELL_AGGREGATE_COLUMNS)) t = t.addColumn(col, 'bigint', (c) => c.notNull());
  t = extra(t).addPrimaryKeyConstraint(`${name}_pk`, ['dims', 'pop', period, 'org_path', ...CELL_DIMENSION_COLUMNS]);
  await (isPostgres(db) ? t : t.modifyEnd(sql`without rowid`)).execute();
}

/** Migration 0010_report_cells: daily pre-aggregates of the metric facts, and their dirty cells. */
export const migration: Migration = {
  // Reporting at scale (docs/domain/metrics.md): `report_cells` holds, per population, bank day,
  // organisation and value of a set of dimensions, every aggregate of the facts in it, so a report over
  // whole days reads a few thousand rows instead of every complaint. A cell (day × organisation) is
  // recomputed from `complaint_facts` in the transaction that changes its facts, or, for large batches
  // (an import), listed in `report_dirty` and recomputed before the next report reads it: never stale.
  // The facts' day indexes gain the organisation so one cell's facts are found directly.
  async up(db: Kysely<unknown>) {
    await createAggregateTable(db, 'report_cells', 'day');
    await db.schema.createIndex('report_cells_cell').on('report_cells').columns(['day', 'org_path']).execute();
    await db.schema
      .createTable('report_dirty')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_dirty_pk', ['day', 'org_path'])
      .execute();
    for (const col of ['received_day', 'decided_day', 'rated_day']) {
      await db.schema.dropIndex(`complaint_facts_${col}`).ifExists().execute();
      await db.schema.createIndex(`complaint_facts_${col}_org`).on('complaint_facts').columns([col, 'org_path']).execute();
    }
    // Every cell of an existing database is computed before its first report.
    await sql`insert into report_dirty (day, org_path)
      select received_day, org_path from complaint_facts
      union select decided_day, org_path from complaint_facts where decided_day is not null
      union select rated_day, org_path from complaint_facts where rated_day is not null`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const col of ['received_day', 'decided_day', 'rated_day']) {
      await db.schema.dropIndex(`complaint_facts_${col}_org`).ifExists().execute();
      await db.schema.createIndex(`complaint_facts_${col}`).on('complaint_facts').column(col).execute();
    }
    for (const t of ['report_dirty', 'report_cells']) await db.schema.dropTable(t).ifExists().execute();
  },
};
