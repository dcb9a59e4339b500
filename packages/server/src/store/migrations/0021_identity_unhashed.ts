import { type Kysely, type Migration, sql } from 'kysely';

/** Migration 0021_identity_unhashed: a flag on the complaints whose phone or ID number has no keyed hash yet. */
export const migration: Migration = {
  // docs/domain/personal-data.md: a complaint written without the bank's identity secret (seeded,
  // imported, or stored before 0003) is hashed at the next start. Finding those meant matching every
  // document's text at every start (45 s at 1M complaints); the flag, kept by every write
  // (`complaintRow`), and its partial index make it a read of the few flagged rows. This backfill is
  // that scan, once.
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('complaints').addColumn('identity_unhashed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update complaints set identity_unhashed = 1
      where phone_hash is null and id_number_hash is null
        and (document like '%"phone":"%' or document like '%"idNumber":"%')`.execute(db);
    await sql`create index complaints_identity_unhashed on complaints (id) where identity_unhashed = 1`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop index if exists complaints_identity_unhashed`.execute(db);
    await db.schema.alterTable('complaints').dropColumn('identity_unhashed').execute();
  },
};
