import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely';
import { DatabaseNewerThanCodeError } from './errors.js';
import { MIGRATIONS } from './migrations/index.js';
import { isPostgres } from './migrations/is-postgres.js';

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
  if (isPostgres(db)) return runPending(db);
  // SQLite: Kysely runs migrations there outside any transaction (its adapter claims no transactional
  // DDL), each statement committing alone, so a process killed inside one (a table rebuilt: create,
  // copy, drop, rename) left a schema no later start could migrate. SQLite's DDL is transactional:
  // every pending migration and its record run in one `begin immediate` transaction on the one
  // connection, so a kill leaves the database as it was before them, and a second process starting
  // beside this one waits (busy timeout) and then finds nothing to do. PostgreSQL: Kysely runs them
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
  const exists = isPostgres(db)
    ? sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'kysely_migration' and schemaname = current_schema()`
    : sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`;
  if (Number((await exists.execute(db)).rows[0]?.n) === 0) return [];
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
