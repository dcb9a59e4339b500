import type { Kysely, Migration } from 'kysely';
import type { Database } from '../schema.js';

/** Migration 0008_creation_keys: The idempotency key a complaint was created with stays on the complaint. */
export const migration: Migration = {
  // Idempotency records expire after 24 h, but an offline outbox may retry a creation later than that
  // (a lost answer, then a day offline): the creating key is kept with the complaint, unique per
  // caller scope, for as long as the complaint exists. Complaints created under a record still held
  // get its key, so a database upgraded within the window loses no guarantee.
  async up(db: Kysely<unknown>) {
    for (const col of ['creation_scope', 'creation_key', 'creation_hash']) await db.schema.alterTable('complaints').addColumn(col, 'text').execute();
    await db.schema.createIndex('complaints_creation_key').on('complaints').columns(['creation_scope', 'creation_key']).unique().execute();
    const d = db as unknown as Kysely<Database>;
    const records = await d.selectFrom('idempotency').select(['scope', 'key', 'request_hash', 'response']).where('status_code', '=', 201).execute();
    for (const r of records) {
      // Every response is a copy before 0027 (which runs after this on any database).
      if (r.response === null) continue;
      let id: unknown;
      try {
        id = (JSON.parse(r.response) as { id?: unknown }).id;
      } catch {
        continue;
      }
      if (typeof id !== 'string') continue;
      await d
        .updateTable('complaints')
        .set({ creation_scope: r.scope, creation_key: r.key, creation_hash: r.request_hash })
        .where('id', '=', id)
        .where('creation_key', 'is', null)
        .execute();
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('complaints_creation_key').ifExists().execute();
    for (const col of ['creation_scope', 'creation_key', 'creation_hash']) await db.schema.alterTable('complaints').dropColumn(col).execute();
  },
};
