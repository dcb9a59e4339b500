import { type DatabaseLocation, openDatabase } from './connect.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';

/**
 * Opens the store (PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`) and migrates it.
 *
 * @example
 * ```ts
 * const store = await openStore({ dataDir: './data' });
 * ```
 */
export async function openStore(where: DatabaseLocation): Promise<Store> {
  const { db, kind } = openDatabase(where);
  const store = new SqlStore(db, kind);
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
