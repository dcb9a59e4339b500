import type { Kysely, Migration } from 'kysely';

/** Migration 0009_customer_tags: complaint-derived customer tags a tagging run imports (docs/domain/tags.md). */
export const migration: Migration = {
  // One row per customer and tag code: the latest assignment a tagging run sent (`POST
  // /v1/customer-tags`). A new table only, so an existing database loses nothing.
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('customer_tags')
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'bigint', (c) => c.notNull())
      .addColumn('valid_until', 'bigint')
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('last_evaluated_at', 'bigint', (c) => c.notNull())
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'code'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('customer_tags').ifExists().execute();
  },
};
