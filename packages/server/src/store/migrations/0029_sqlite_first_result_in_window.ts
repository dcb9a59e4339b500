import { type Kysely, type Migration, sql } from 'kysely';
import { KEEP_FIRST_RESULT } from './0027_creation_result_by_reference.js';
import { CREATED_MS, keepFirstResultTrigger } from './0028_sqlite_creation_without_record.js';
import { isPostgres } from './is-postgres.js';

/**
 * @internal the idempotency window the trigger keeps a first answer for: 24 hours, the store's default
 * (`DEFAULT_IDEMPOTENCY_TTL_MS`), fixed here as a migration must not change with later code.
 * @example `TRIGGER_WINDOW_MS === DEFAULT_IDEMPOTENCY_TTL_MS // true`
 */
export const TRIGGER_WINDOW_MS = 24 * 3_600_000;

/**
 * @internal the text only this migration's trigger has (a step's change: its time is the row's new
 * `updated_at`), by which the start-up check (`assertMigratedSchema`) tells it from 0027's and 0028's.
 * @example sql`select sql like ${`%${IN_WINDOW_MARK}%`} as current from sqlite_master where type = 'trigger'`
 */
export const IN_WINDOW_MARK = 'new.updated_at > old.updated_at';

/**
 * @internal when the change happens, in epoch ms: a step stamps the complaint's `updated_at` with the
 * store's clock (an injected one too); a rewrite that keeps it (deadline refresh, identity rehash,
 * upgrade of stored documents) happens now, by SQLite's clock (the store's in production).
 */
const CHANGED_MS = sql`case when ${sql.raw(IN_WINDOW_MARK)} then new.updated_at else cast(round(unixepoch('subsec') * 1000) as integer) end`;

/**
 * Migration 0029_sqlite_first_result_in_window (SQLite only): 0028's trigger writes a keyed creation's
 * record (its first answer) only when the complaint's document changes within the creation's
 * idempotency window, 24 hours from its registration. 0028's wrote it on every change however late:
 * after the expiry job had deleted the copy (or when the first change came after the window) each change
 * wrote the whole document again, a row no replay reads (the store ignores a creation's record older
 * than its window) and the job deletes within the hour; the deadline refresh and the identity rehash
 * wrote one per keyed complaint ever created. After the window a change writes nothing, and the key
 * answers with the complaint as it is now, as before.
 *
 * The window is fixed at the default TTL: with `idempotencyTtlMs` above 24 h, a retry after a change
 * made between 24 h and the TTL answers with the complaint as it is now, not its first answer; a
 * shorter TTL only leaves records the store ignores until the expiry job deletes them.
 * Idempotent (drop if exists, create): migrations run in one transaction on SQLite (`migrate.ts`).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    await sql`drop trigger if exists ${sql.id(KEEP_FIRST_RESULT)}`.execute(db);
    // 0028's trigger, neither its update nor its insert after the window (`when`).
    await keepFirstResultTrigger(sql`and ${CHANGED_MS} < ${CREATED_MS} + ${sql.raw(String(TRIGGER_WINDOW_MS))}`).execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    await sql`drop trigger if exists ${sql.id(KEEP_FIRST_RESULT)}`.execute(db);
    await keepFirstResultTrigger().execute(db);
  },
};
