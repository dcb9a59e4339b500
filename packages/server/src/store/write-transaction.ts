import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from './connect.js';
import type { Database } from './schema.js';

/** The advisory-lock key every PostgreSQL writer takes ("CK" in ASCII). @internal */
export const WRITE_LOCK_KEY = 0x434b;

/**
 * Runs `fn` in a write transaction that is serialised with every other writer, so event sequence
 * numbers commit in increasing order and SSE readers never skip one:
 * - PostgreSQL: a transaction-scoped advisory lock (`pg_advisory_xact_lock`) taken before anything
 *   else, so it also holds across several server processes;
 * - SQLite: `BEGIN IMMEDIATE` on the single connection (the file lock serialises other processes).
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, 'postgres', async (tx) => tx.insertInto('staff').values(row).execute());
 * ```
 */
export async function inWriteTransaction<T>(db: Kysely<Database>, kind: DatabaseKind, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (kind === 'postgres') {
    return db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(tx);
      return fn(tx);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}
