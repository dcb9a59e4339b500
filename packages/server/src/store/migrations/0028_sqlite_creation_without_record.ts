import { type Kysely, type Migration, type RawBuilder, sql } from 'kysely';
import { KEEP_FIRST_RESULT } from './0027_creation_result_by_reference.js';
import { isPostgres } from './is-postgres.js';

/** @internal a complaint's registration time (its document's `createdAt`) in epoch ms, as SQLite computes it in the trigger. */
export const CREATED_MS = sql`cast(round(unixepoch(json_extract(old.document, '$.createdAt'), 'subsec') * 1000) as integer)`;

/**
 * @internal the trigger this migration makes (0029 makes it again with `when` narrowed to the
 * idempotency window). The update: a record 0027 left without a response (written before this
 * migration). The insert: a creation since, which has none; `or ignore` keeps a record already there.
 * @example await keepFirstResultTrigger(sql`and new.updated_at < 0`).execute(db);
 */
export const keepFirstResultTrigger = (when: RawBuilder<unknown> = sql.raw('')) => sql`create trigger ${sql.id(KEEP_FIRST_RESULT)} before update of document on complaints
      when old.creation_key is not null and old.document is not new.document ${when}
      begin
        update idempotency set response = old.document
          where scope = old.creation_scope and key = old.creation_key and response is null;
        insert or ignore into idempotency (scope, key, request_hash, status_code, response, created_at)
          values (old.creation_scope, old.creation_key, old.creation_hash, 201, old.document, ${CREATED_MS});
      end`;

/**
 * Migration 0028_sqlite_creation_without_record (SQLite only): a keyed creation writes no idempotency
 * record at all. The key kept with the complaint (`creation_scope`, `creation_key`, `creation_hash`,
 * since 0008) answers a retry: within the idempotency window with the complaint's document, which is
 * the first answer until the document first changes; just before it does, the trigger now *writes*
 * the record (stamped with the complaint's registration time, so the expiry job drops it when the
 * window ends) with the old document, where 0027's only filled in the record a creation had written.
 * After the window the key answers with the complaint as it is now, as before; the store ignores a
 * creation's record older than the window (one the trigger wrote for a change after it).
 * One b-tree less per creation: 1.3–1.8 WAL pages per commit (bench/results/service-throughput.md).
 * PostgreSQL keeps writing the record in its creation's one statement (no page to save there).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    await sql`drop trigger if exists ${sql.id(KEEP_FIRST_RESULT)}`.execute(db);
    await keepFirstResultTrigger().execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    await sql`drop trigger if exists ${sql.id(KEEP_FIRST_RESULT)}`.execute(db);
    // 0027's trigger, and a record for every keyed creation without one (response null: its document,
    // unchanged since, was the answer); those older than the window go with the next expiry run.
    await sql`create trigger ${sql.id(KEEP_FIRST_RESULT)} before update of document on complaints
      when old.creation_key is not null and old.document is not new.document
      begin
        update idempotency set response = old.document
          where scope = old.creation_scope and key = old.creation_key and response is null;
      end`.execute(db);
    await sql`insert or ignore into idempotency (scope, key, request_hash, status_code, response, created_at)
      select creation_scope, creation_key, creation_hash, 201, null,
        cast(round(unixepoch(json_extract(document, '$.createdAt'), 'subsec') * 1000) as integer)
      from complaints where creation_key is not null`.execute(db);
  },
};
