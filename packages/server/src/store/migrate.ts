import { type Kysely, type MigrationProvider, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/** @internal */
const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the database to the newest schema version; throws with the failing migration's name.
 * Returns the names of the migrations it ran (empty when the database was current).
 *
 * @example
 * ```ts
 * const ran = await migrateToLatest(db); // ['0027_…'] after an upgrade, [] after
 * ```
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // Unordered: migrations written on parallel branches may land in either order.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
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
