import type { Kysely, Migration } from 'kysely';
import type { Database } from '../schema.js';
import { upgradeStoredDocuments } from './upgrade-stored-documents.js';

/** Migration 0004_complaint_record: The complaint record reports and tags read. */
export const migration: Migration = {
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
};
