import type { Complaint } from '@complaintkit/core/domain';
import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import { followUpRows, recordColumns } from './rows.js';
import type { Database } from './schema.js';
import { upgradeDocument } from './upgrade-document.js';

/**
 * The schema's versions, as code, in order. The same statements run on SQLite and PostgreSQL: only
 * portable types (`text`, `integer`, `bigint`) are used, JSON is stored as text.
 *
 * @example
 * ```ts
 * Object.keys(MIGRATIONS); // ['0001_initial', '0002_prefix_indexes', '0003_staff_active', '0004_complaint_record']
 * ```
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('parent_id', 'text')
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text')
        .addColumn('outlet_count', 'integer')
        .addColumn('customer_count', 'integer')
        .execute();
      await db.schema.createIndex('organisations_path').on('organisations').column('path').execute();

      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_org').on('staff').column('org_id').execute();

      await db.schema
        .createTable('complaints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('row_seq', 'bigint', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('handling_org_id', 'text', (c) => c.notNull())
        .addColumn('handling_org_path', 'text', (c) => c.notNull())
        .addColumn('first_org_path', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('assignee_id', 'text')
        .addColumn('business_category', 'text', (c) => c.notNull())
        .addColumn('business_channel', 'text', (c) => c.notNull())
        .addColumn('intake_channel', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('due_at', 'bigint')
        .addColumn('warn_at', 'bigint')
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      for (const col of ['handling_org_path', 'first_org_path', 'customer_id', 'status', 'due_at', 'received_at']) {
        await db.schema.createIndex(`complaints_${col}`).on('complaints').column(col).execute();
      }

      await db.schema
        .createTable('events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('complaint_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('handling_org_path', 'text', (c) => c.notNull())
        .addColumn('first_org_path', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text')
        .execute();
      await db.schema.createIndex('events_complaint').on('events').column('complaint_id').execute();

      await db.schema
        .createTable('idempotency')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pk', ['scope', 'key'])
        .execute();

      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into counters (name, value) values ('event_seq', 0), ('complaint_no', 0), ('complaint_row', 0)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['counters', 'idempotency', 'events', 'complaints', 'staff', 'organisations']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  },
  '0002_prefix_indexes': {
    // Subtree visibility and the region filter are `LIKE 'prefix%'` queries. PostgreSQL's btree
    // indexes serve those only with text_pattern_ops (under any collation but C); SQLite's plain
    // indexes from 0001 already serve them, so this is PostgreSQL's alone.
    async up(db: Kysely<unknown>) {
      if (!isPostgres(db)) return;
      for (const [table, col] of [
        ['complaints', 'handling_org_path'],
        ['complaints', 'first_org_path'],
        ['complaints', 'region_code'],
        ['organisations', 'path'],
      ] as const) {
        await sql`create index ${sql.id(`${table}_${col}_prefix`)} on ${sql.id(table)} (${sql.id(col)} text_pattern_ops)`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      if (!isPostgres(db)) return;
      for (const name of ['complaints_handling_org_path_prefix', 'complaints_first_org_path_prefix', 'complaints_region_code_prefix', 'organisations_path_prefix']) {
        await db.schema.dropIndex(name).ifExists().execute();
      }
    },
  },
  '0003_staff_active': {
    // A staff member who leaves is deactivated, not deleted (their name stays on past timelines);
    // their tokens stop working at once and nothing can be assigned to them.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('staff').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('staff').dropColumn('active').execute();
    },
  },
  '0004_complaint_record': {
    // The record reports and tags read (docs/domain/metrics.md, docs/domain/tags.md): new indexed
    // columns, a follow_ups table, and every stored document (and event snapshot) upgraded in place
    // from its own timeline by upgradeDocument, so an existing database loses nothing.
    async up(db: Kysely<unknown>) {
      const text = ['region_scope', 'subject_org_id', 'deciding_org_id', 'received_day', 'phone_hash', 'id_number_hash', 'timeliness'];
      for (const col of text) await db.schema.alterTable('complaints').addColumn(col, 'text').execute();
      await db.schema.alterTable('complaints').addColumn('identity_verified', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      for (const col of ['decided_at', 'notified_at']) await db.schema.alterTable('complaints').addColumn(col, 'bigint').execute();
      for (const col of ['subject_org_id', 'deciding_org_id', 'received_day', 'phone_hash', 'id_number_hash', 'decided_at', 'notified_at']) {
        await db.schema.createIndex(`complaints_${col}`).on('complaints').column(col).execute();
      }
      await db.schema
        .createTable('follow_ups')
        .addColumn('complaint_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('reached', 'integer', (c) => c.notNull())
        .addColumn('score', 'integer')
        .addColumn('decision_accepted', 'integer')
        .addPrimaryKeyConstraint('follow_ups_pk', ['complaint_id', 'attempt'])
        .execute();
      await db.schema.createIndex('follow_ups_at').on('follow_ups').column('at').execute();
      await upgradeStoredDocuments(db as unknown as Kysely<Database>);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('follow_ups').ifExists().execute();
      for (const col of ['subject_org_id', 'deciding_org_id', 'received_day', 'phone_hash', 'id_number_hash', 'decided_at', 'notified_at']) {
        await db.schema.dropIndex(`complaints_${col}`).ifExists().execute();
      }
      for (const col of ['region_scope', 'subject_org_id', 'deciding_org_id', 'received_day', 'phone_hash', 'id_number_hash', 'timeliness', 'identity_verified', 'decided_at', 'notified_at']) {
        await db.schema.alterTable('complaints').dropColumn(col).execute();
      }
    },
  },
};

/** @internal rewrites every complaint document and event snapshot in the current record shape (0004). */
async function upgradeStoredDocuments(db: Kysely<Database>): Promise<void> {
  const orgs = new Map((await db.selectFrom('organisations').select(['id', 'kind', 'region_code']).execute()).map((o) => [o.id, { kind: o.kind as never, regionCode: o.region_code }]));
  const rows = await db.selectFrom('complaints').select(['id', 'document']).execute();
  const upgraded = rows.map((r) => upgradeDocument(JSON.parse(r.document), orgs));
  // The target of a merge lists what was merged into it.
  const mergedFrom = new Map<string, string[]>();
  for (const c of upgraded) if (c.mergedInto) mergedFrom.set(c.mergedInto, [...(mergedFrom.get(c.mergedInto) ?? []), c.id]);
  for (const c0 of upgraded) {
    const c: Complaint = { ...c0, mergedFrom: mergedFrom.get(c0.id) ?? [] };
    await db
      .updateTable('complaints')
      .set({ ...recordColumns(c), region_code: c.regionCode, document: JSON.stringify(c) })
      .where('id', '=', c.id)
      .execute();
    const followUps = followUpRows(c);
    if (followUps.length > 0) await db.insertInto('follow_ups').values(followUps).execute();
  }
  const snapshots = await db.selectFrom('events').select(['seq', 'snapshot']).where('snapshot', 'is not', null).execute();
  for (const e of snapshots) {
    const c = upgradeDocument(JSON.parse(e.snapshot as string), orgs);
    await db.updateTable('events').set({ snapshot: JSON.stringify(c) }).where('seq', '=', e.seq).execute();
  }
}

/** @internal whether this Kysely instance talks to PostgreSQL. */
const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** @internal */
const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the database to the newest schema version; throws with the failing migration's name.
 *
 * @example
 * ```ts
 * await migrateToLatest(db);
 * ```
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // Unordered: migrations written on parallel branches may land in either order.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The names of migrations this code knows that the database has not run yet (empty when current).
 *
 * @example
 * ```ts
 * await pendingMigrations(db); // []
 * ```
 */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
