import type { Kysely, Migration } from 'kysely';

/**
 * @internal the `complaints` indexes no query reads: made by 0004 for reports and tags that now read
 * `complaint_facts` (reports) or the customer id (tags), never these columns of `complaints`.
 */
export const UNUSED_COMPLAINT_INDEXES = ['subject_org_id', 'deciding_org_id', 'received_day', 'phone_hash', 'id_number_hash', 'decided_at', 'notified_at'] as const;

/** Migration 0018_unused_indexes: drops the seven `complaints` indexes no query reads. */
export const migration: Migration = {
  // Every creation and lifecycle step writes an entry into each index of `complaints` (17 before this,
  // 10 after): the seven of 0004 below cost about 40% of the complaint insert's CPU in SQLite and
  // serve no query (reports read `complaint_facts`, the identity fill at start walks the primary key).
  // The columns stay, filled as before (`recordColumns`); only the indexes go, so nothing is lost, and
  // `down` builds them again.
  async up(db: Kysely<unknown>) {
    for (const col of UNUSED_COMPLAINT_INDEXES) await db.schema.dropIndex(`complaints_${col}`).ifExists().execute();
  },
  async down(db: Kysely<unknown>) {
    for (const col of UNUSED_COMPLAINT_INDEXES) await db.schema.createIndex(`complaints_${col}`).ifNotExists().on('complaints').column(col).execute();
  },
};
