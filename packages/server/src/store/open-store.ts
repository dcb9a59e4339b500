import { type DatabaseLocation, openDatabase } from './connect.js';
import type { FactsOptions } from './reports/facts-rows.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';

/**
 * Opens the store (PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`) and migrates it.
 * `now` is the service's clock (idempotency records are stamped with it); default the system clock.
 * `idempotencyTtlMs`: how long a key replays its first result (default 24 h, as the expiry job keeps records).
 *
 * @example
 * ```ts
 * const store = await openStore({ dataDir: './data' });
 * const withCalendar = await openStore({ dataDir: './data' }, { clock: { calendar } });
 * ```
 */
export async function openStore(
  where: DatabaseLocation & { readonly now?: (() => number) | undefined; readonly idempotencyTtlMs?: number | undefined },
  facts: FactsOptions = {},
): Promise<Store> {
  const { db, kind } = openDatabase(where);
  const store = new SqlStore(db, kind, where.now ?? Date.now, facts, where.idempotencyTtlMs);
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
