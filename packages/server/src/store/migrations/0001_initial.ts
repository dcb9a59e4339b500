import { type Kysely, type Migration, sql } from 'kysely';

/** Migration 0001_initial: The first schema: organisations, staff, complaints, events, idempotency records and counters. */
export const migration: Migration = {
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
};
