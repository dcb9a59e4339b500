import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from './connect.js';
import type { Database } from './schema.js';
import { runText as run } from './compiled-once.js';
import { commitHeld, holdingFile } from './sqlite-direct.js';

/**
 * How {@link inWriteTransaction} runs.
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, kind, (tx) => sql`select pg_current_xact_id(), …`.execute(tx), { firstStatementTakesXactId: true });
 * ```
 */
export interface WriteTransactionOptions {
  /**
   * PostgreSQL: `fn`'s first statement calls `pg_current_xact_id()` itself, before anything draws an
   * event number, so the transaction does not send it alone (one round trip less). Only for an `fn`
   * whose first statement always does.
   */
  readonly firstStatementTakesXactId?: boolean | undefined;
}

/**
 * Runs `fn` in one write transaction, without a lock shared by all writers:
 * - PostgreSQL: a plain transaction that takes its transaction id first (`pg_current_xact_id()`),
 *   before it draws any event sequence number. Writers run concurrently and may commit their numbers
 *   out of order; readers never skip one because they only read up to a head every writer below has
 *   finished (see `lastEventSeq` in `sql-store.ts`), which needs exactly this "id before number" order;
 * - SQLite: `BEGIN IMMEDIATE` on the single connection (SQLite has one writer at a time anyway; the
 *   file lock serialises other processes), so numbers commit in order. While it holds the connection,
 *   its compiled-once statements run straight on better-sqlite3 (`store/sqlite-direct.ts`).
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, 'postgres', async (tx) => tx.insertInto('staff').values(row).execute());
 * ```
 */
export async function inWriteTransaction<T>(
  db: Kysely<Database>,
  kind: DatabaseKind,
  fn: (tx: Kysely<Database>) => Promise<T>,
  options: WriteTransactionOptions = {},
): Promise<T> {
  const { value, durable } = await committedWriteTransaction(db, kind, fn, options);
  await durable;
  return value;
}

/**
 * How long one statement of bulk work may run on PostgreSQL (ms): an import batch, a facts rebuild,
 * the report cells' recomputation, the migrations. The pool's `statement_timeout` (30 s by default,
 * `DatabaseLocation.statementTimeoutMs`) is for requests; these set their own, for their transaction.
 *
 * @example
 * ```ts
 * await allowLongStatements(tx, 'postgres'); // set local statement_timeout = 3600000
 * ```
 */
export const LONG_STATEMENT_TIMEOUT_MS = 3_600_000;

/**
 * PostgreSQL: raises `statement_timeout` to {@link LONG_STATEMENT_TIMEOUT_MS} for the rest of this
 * transaction (`set local`); nothing on SQLite.
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, kind, async (tx) => { await allowLongStatements(tx, kind); await rebuild(tx); });
 * ```
 */
export async function allowLongStatements(tx: Kysely<Database>, kind: DatabaseKind): Promise<void> {
  if (kind === 'postgres') await sql`set local statement_timeout = ${sql.raw(String(LONG_STATEMENT_TIMEOUT_MS))}`.execute(tx);
}

/**
 * {@link inWriteTransaction} without the wait for the disk: resolves once the transaction has
 * committed, with `durable`, which resolves once the commit is on disk (SQLite: the WAL flush that
 * covers it, run off the event loop, see `WalSync`; PostgreSQL: already, at its commit) and rejects if
 * that flush failed. Nothing may be answered or announced before `durable` resolved. If the
 * transaction fails, nothing of it was written and it rejects instead.
 *
 * @example
 * ```ts
 * const { value, durable } = await committedWriteTransaction(db, kind, work);
 * await durable;
 * ```
 */
export async function committedWriteTransaction<T>(
  db: Kysely<Database>,
  kind: DatabaseKind,
  fn: (tx: Kysely<Database>) => Promise<T>,
  options: WriteTransactionOptions = {},
): Promise<{ value: T; durable: Promise<void> }> {
  if (kind === 'postgres') {
    const value = await db.transaction().execute(async (tx) => {
      if (!options.firstStatementTakesXactId) await run(tx, 'select pg_current_xact_id()');
      return fn(tx);
    });
    return { value, durable: Promise.resolve() };
  }
  // The transaction holds the one connection: its compiled-once statements run straight on the file.
  // Its commit does not wait for the disk on the event loop: the WAL flush that covers it runs on
  // the thread pool once the connection is free for the next transaction.
  let durable: Promise<void> = Promise.resolve();
  const value = await db.connection().execute((conn) =>
    holdingFile(db, conn, async () => {
      await run(conn, 'begin immediate');
      try {
        const result = await fn(conn);
        const flushed = commitHeld(db, conn);
        if (flushed) {
          // Awaited by the caller in this same turn; never reported as unhandled meanwhile.
          flushed.catch(() => {});
          durable = flushed;
        } else await run(conn, 'commit');
        return result;
      } catch (e) {
        await run(conn, 'rollback');
        throw e;
      }
    }),
  );
  return { value, durable };
}
