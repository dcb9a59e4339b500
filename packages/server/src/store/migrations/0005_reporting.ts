import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * The columns of `complaint_facts` after `id`: name, type, not null. One per field of core's
 * `ComplaintFacts` (booleans as 0/1 integers, instants as epoch ms, days as `YYYY-MM-DD`), plus the
 * repeat flag. Written here, in the migration, because a migration must keep the shape it created.
 *
 * @example
 * ```ts
 * FACT_COLUMNS.map(([name]) => name);
 * ```
 */
export const FACT_COLUMNS: readonly (readonly [string, 'text' | 'integer' | 'bigint', boolean])[] = [
  ['received_at', 'bigint', true],
  ['received_day', 'text', true],
  ['counted', 'integer', true],
  ['intake_channel', 'text', true],
  ['business_channel', 'text', true],
  ['business_category', 'text', true],
  ['business_major', 'text', true],
  ['cause', 'text', true],
  ['severity', 'text', true],
  ['region_code', 'text', false],
  ['province', 'text', true],
  ['prefecture', 'text', true],
  ['org_path', 'text', true],
  ['customer_key', 'text', false],
  ['decided_at', 'bigint', false],
  ['decided_day', 'text', false],
  ['met', 'integer', false],
  ['met_strict', 'integer', false],
  ['handling_ms', 'bigint', false],
  ['due_at', 'bigint', false],
  ['stopped_at', 'bigint', false],
  ['reached', 'integer', false],
  ['score', 'integer', false],
  ['rated_day', 'text', false],
  ['accepted', 'integer', false],
  ['review_requested', 'integer', true],
  ['is_repeat', 'integer', true],
];

/** Migration 0005_reporting: metric facts, alert rules and alerts, imported history's source ids. */
export const migration: Migration = {
  // Reporting (docs/domain/metrics.md): one row of metric facts per complaint (core's factsOf over the
  // stored record, rewritten with the complaint in the same transaction: a derived table, rebuilt from
  // `complaints` when it does not match); early-warning rules and their alerts; the source ids of
  // imported history (the import is idempotent on them). The store fills the facts of an existing
  // database on its first start after this migration, so nothing already stored is left out.
  async up(db: Kysely<unknown>) {
    let t = db.schema.createTable('complaint_facts').addColumn('id', 'text', (c) => c.primaryKey());
    for (const [col, type, notNull] of FACT_COLUMNS) t = t.addColumn(col, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    for (const col of ['received_day', 'decided_day', 'rated_day', 'due_at']) {
      await db.schema.createIndex(`complaint_facts_${col}`).on('complaint_facts').column(col).execute();
    }
    await db.schema.createIndex('complaint_facts_repeat').on('complaint_facts').columns(['customer_key', 'business_major', 'received_at']).execute();
    if (isPostgres(db)) await sql`create index complaint_facts_org_path_prefix on complaint_facts (org_path text_pattern_ops)`.execute(db);
    else await db.schema.createIndex('complaint_facts_org_path').on('complaint_facts').column('org_path').execute();

    await db.schema
      .createTable('alert_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alerts_rule_status').on('alerts').columns(['rule_id', 'status']).execute();
    await db.schema
      .createTable('import_sources')
      .addColumn('source_id', 'text', (c) => c.primaryKey())
      .addColumn('complaint_id', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['import_sources', 'alerts', 'alert_rules', 'complaint_facts']) await db.schema.dropTable(t).ifExists().execute();
  },
};
