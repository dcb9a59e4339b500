import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/** @internal the trigger (and, on PostgreSQL, its function) that keeps a creation's first result. */
export const KEEP_FIRST_RESULT = 'complaints_keep_first_result';

/**
 * Migration 0027_creation_result_by_reference: a keyed creation's idempotency record no longer copies
 * the complaint. Its `response` may be `null`, meaning "the document of the complaint created under
 * this key (`complaints.creation_scope`, `creation_key`)": the answer to the creation was that
 * document, byte for byte (`JSON.stringify` of the same complaint). A trigger copies the document into
 * every such record just before the document first changes, so a replay still answers the first result
 * after later steps, deadline refreshes, rehashing or an upgrade of stored documents. Every creation
 * then writes its complaint twice (document, the event's snapshot) instead of three times.
 */
export const migration: Migration = {
  // Every step may find its work done: a release before migrations ran in a transaction on SQLite
  // (see `migrate.ts`) could be killed between any two of them, leaving `idempotency_0027` beside
  // `idempotency`, or alone (dropped, not yet renamed), or the table rebuilt without the trigger.
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) {
      await sql`alter table idempotency alter column response drop not null`.execute(db);
      await sql`create or replace function ${sql.id(KEEP_FIRST_RESULT)}() returns trigger language plpgsql as $$
        begin
          update idempotency set response = old.document
            where scope = old.creation_scope and key = old.creation_key and response is null;
          return new;
        end $$`.execute(db);
      await sql`drop trigger if exists ${sql.id(KEEP_FIRST_RESULT)} on complaints`.execute(db);
      await sql`create trigger ${sql.id(KEEP_FIRST_RESULT)} before update of document on complaints for each row
        when (old.creation_key is not null and old.document is distinct from new.document)
        execute function ${sql.id(KEEP_FIRST_RESULT)}()`.execute(db);
      return;
    }
    const tables = new Set((await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name in ('idempotency', 'idempotency_0027')`.execute(db)).rows.map((r) => r.name));
    if (tables.has('idempotency_0027')) {
      // Killed after the copy's table was made: while `idempotency` stands it holds every record (the
      // copy, one statement, was all or nothing), so the copy is made again; without it, the copy was
      // complete when it was dropped, and only its rename is left.
      if (tables.has('idempotency')) await sql`drop table idempotency_0027`.execute(db);
      else await sql`alter table idempotency_0027 rename to idempotency`.execute(db);
    }
    const response = (await sql<{ notnull: number }>`select "notnull" from pragma_table_info('idempotency') where name = 'response'`.execute(db)).rows[0];
    if (response?.notnull) {
      // SQLite cannot drop a column's NOT NULL: the table is made again, its rows copied as they are,
      // now `without rowid`: a record is one entry of its key's b-tree instead of a row plus an index
      // entry (two pages written per creation, one of them at a random place, now one).
      await sql`create table idempotency_0027 (
        scope text not null, key text not null, request_hash text not null, status_code integer not null,
        response text, created_at bigint not null,
        constraint idempotency_pk primary key (scope, key)) without rowid`.execute(db);
      await sql`insert into idempotency_0027 (scope, key, request_hash, status_code, response, created_at)
        select scope, key, request_hash, status_code, response, created_at from idempotency`.execute(db);
      await sql`drop table idempotency`.execute(db);
      await sql`alter table idempotency_0027 rename to idempotency`.execute(db);
    }
    await sql`create trigger if not exists ${sql.id(KEEP_FIRST_RESULT)} before update of document on complaints
      when old.creation_key is not null and old.document is not new.document
      begin
        update idempotency set response = old.document
          where scope = old.creation_scope and key = old.creation_key and response is null;
      end`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    // Every record answers with its own copy again.
    await sql`update idempotency set response = (select c.document from complaints as c
        where c.creation_scope = idempotency.scope and c.creation_key = idempotency.key)
      where response is null`.execute(db);
    await sql`delete from idempotency where response is null`.execute(db);
    if (isPostgres(db)) {
      await sql`drop trigger if exists ${sql.id(KEEP_FIRST_RESULT)} on complaints`.execute(db);
      await sql`drop function if exists ${sql.id(KEEP_FIRST_RESULT)}()`.execute(db);
      await sql`alter table idempotency alter column response set not null`.execute(db);
      return;
    }
    await sql`drop trigger if exists ${sql.id(KEEP_FIRST_RESULT)}`.execute(db);
    await sql`create table idempotency_0027 (
      scope text not null, key text not null, request_hash text not null, status_code integer not null,
      response text not null, created_at bigint not null,
      constraint idempotency_pk primary key (scope, key))`.execute(db);
    await sql`insert into idempotency_0027 select scope, key, request_hash, status_code, response, created_at from idempotency`.execute(db);
    await sql`drop table idempotency`.execute(db);
    await sql`alter table idempotency_0027 rename to idempotency`.execute(db);
  },
};
