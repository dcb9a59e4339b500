import { type Kysely, type MigrationProvider, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/** @internal */
const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the database to the newest schema version; throws with the failing migration's name.
 *
 * @example
 * ```ts
 * await migrateToLatest(db);
 * ```
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // Unordered: migrations written on parallel branches may land in either order.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
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
