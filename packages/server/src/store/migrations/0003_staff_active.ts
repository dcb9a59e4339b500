import type { Kysely, Migration } from 'kysely';

/** Migration 0003_staff_active: Staff are deactivated, not deleted. */
export const migration: Migration = {
  // A staff member who leaves is deactivated, not deleted (their name stays on past timelines);
  // their tokens stop working at once and nothing can be assigned to them.
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('staff').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('staff').dropColumn('active').execute();
  },
};
