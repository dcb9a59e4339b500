import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely';
import { DatabaseNewerThanCodeError } from './errors.js';
import { KEEP_FIRST_RESULT } from './migrations/0027_creation_result_by_reference.js';
import { IN_WINDOW_MARK } from './migrations/0029_sqlite_first_result_in_window.js';
import { MIGRATIONS } from './migrations/index.js';
import { isPostgres } from './migrations/is-postgres.js';
import { LONG_STATEMENT_TIMEOUT_MS } from './write-transaction.js';

/** @internal */
const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the database to the newest schema version; throws with the failing migration's name, or
 * {@link DatabaseNewerThanCodeError} when a newer release migrated it.
 * Returns the names of the migrations it ran (empty when the database was current).
 *
 * @example
 * ```ts
 * const ran = await migrateToLatest(db); // ['0027_…'] after an upgrade, [] after
 * ```
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  if (isPostgres(db)) {
    // On one connection whose statement timeout is lifted for the run (a migration may rewrite a
    // large table for minutes: 0025's cluster), and restored before the pool hands it out again.
    return db.connection().execute(async (conn) => {
      await sql`set statement_timeout = ${sql.raw(String(LONG_STATEMENT_TIMEOUT_MS))}`.execute(conn);
      try {
        return await runPending(conn);
      } finally {
        await sql`reset statement_timeout`.execute(conn);
      }
    });
  }
  // SQLite: Kysely runs migrations there outside any transaction (its adapter claims no transactional
  // DDL), each statement committing alone, so a process killed inside one (a table rebuilt: create,
  // copy, drop, rename) left a schema no later start could migrate. SQLite's DDL is transactional:
  // every pending migration and its record run in one `begin immediate` transaction on the one
  // connection, so a kill leaves the database as it was before them. A second process starting beside
  // this one waits up to the connection's busy timeout (5 s) and then finds nothing to do; behind a
  // longer data migration (0021's backfill takes about 45 s at 1,000,000 complaints) it fails with
  // SQLITE_BUSY and can simply be started again. PostgreSQL: Kysely runs them
  // in one transaction already, under an advisory lock.
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const ran = await runPending(conn);
      await sql`commit`.execute(conn);
      return ran;
    } catch (error) {
      // A failed statement may have ended the transaction already (SQLite rolls back on some errors).
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

/**
 * Throws unless the migrated schema still has what the code relies on beyond its tables: the trigger
 * that keeps a keyed creation's first answer before the complaint first changes. On PostgreSQL it is
 * 0027's, filling in the record the creation wrote; on SQLite it is 0029's, which writes the record
 * (a keyed creation writes none there since 0028) when the document changes within the creation's
 * idempotency window, and nothing after it. SQLite drops a table's triggers with it, so a later
 * migration that rebuilds `complaints` (make a new one, copy, drop, rename) would lose it silently, and
 * every replay of a keyed creation after a change would answer the changed complaint; an older trigger
 * made again by hand (0027's or 0028's) would miss the record or write one on every late change. The
 * start is refused instead.
 *
 * @example
 * ```ts
 * await migrateToLatest(db);
 * await assertMigratedSchema(db);
 * ```
 */
export async function assertMigratedSchema(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const made = postgres ? '0027_creation_result_by_reference' : '0029_sqlite_first_result_in_window';
  const found = postgres
    ? sql<{ current: number }>`select 1 as current from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where t.tgname = ${KEEP_FIRST_RESULT} and c.relname = 'complaints' and not t.tgisinternal`
    : sql<{ current: number }>`select (sql like ${`%${IN_WINDOW_MARK}%`}) as current
        from sqlite_master where type = 'trigger' and name = ${KEEP_FIRST_RESULT} and tbl_name = 'complaints'`;
  const rows = (await found.execute(db)).rows;
  if (rows.length > 0 && Number(rows[0]?.current) === 1) return;
  const what =
    rows.length === 0
      ? `the database has no trigger ${KEEP_FIRST_RESULT} on complaints (made by migration ${made}; a migration that rebuilt complaints dropped it): replays of keyed creations would answer changed complaints. `
      : `the database's trigger ${KEEP_FIRST_RESULT} on complaints is not the one migration ${made} makes (an older one, made again by hand?): it would lose keyed creations' first answers or write a record on every late change. `;
  throw new Error(`${what}Make it again with the create trigger statement of migration ${made}, then start the service`);
}

/** @internal runs every pending migration through Kysely's migrator on `db`; throws naming the failed one. */
async function runPending(db: Kysely<unknown>): Promise<string[]> {
  // Unordered: migrations written on parallel branches may land in either order.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  // A schema newer than this code is refused before anything runs (Kysely would name it "missing").
  const unknown = (await migrationsRun(db)).filter((name) => !Object.hasOwn(MIGRATIONS, name));
  if (unknown.length > 0) throw new DatabaseNewerThanCodeError(unknown.sort());
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** @internal the names of every migration the database records as run (none on a new database). */
async function migrationsRun(db: Kysely<unknown>): Promise<string[]> {
  // (No count: a start reads no more than it must, see store-open.test.)
  const exists = isPostgres(db)
    ? sql`select 1 as found from pg_tables where tablename = 'kysely_migration' and schemaname = current_schema()`
    : sql`select 1 as found from sqlite_master where type = 'table' and name = 'kysely_migration'`;
  if ((await exists.execute(db)).rows.length === 0) return [];
  return (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
}

/**
 * The names of migrations this code knows that the database has not run yet (empty when current).
 *
 * @example
 * ```ts
 * await pendingMigrations(db); // []
 * ```
 */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
