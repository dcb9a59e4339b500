import { type Kysely, Migrator, NO_MIGRATIONS } from 'kysely';
import { type DatabaseLocation, openDatabase } from './connect.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Empties the database by migrating every version down (the CLI's `--fresh`); the next start
 * migrates it up again. Works the same on SQLite and PostgreSQL.
 *
 * @example
 * ```ts
 * await resetDatabase({ dataDir: './data' });
 * ```
 */
export async function resetDatabase(where: DatabaseLocation): Promise<void> {
  const { db } = openDatabase(where);
  try {
    const migrator = new Migrator({ db: db as Kysely<unknown>, provider: { getMigrations: async () => MIGRATIONS } });
    const { error } = await migrator.migrateTo(NO_MIGRATIONS);
    if (error) throw new Error(`could not empty the database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await db.destroy();
  }
}
