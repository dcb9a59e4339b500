import type SQLite from 'better-sqlite3';
import type { Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.js';
import type { WalSync } from './wal-sync.js';

/**
 * @internal what a SQLite Kysely instance was opened on: the file's statements, prepared once per text,
 * and whether a transaction is open on its one connection (any transaction, not only a write's).
 */
type Statements = Pick<SQLite.Database, 'prepare' | 'inTransaction'>;

/** @internal each SQLite Kysely instance's file (set by `openDatabase`). */
const files = new WeakMap<Kysely<Database>, Statements>();

/** @internal the write transactions' connections that run statements straight on the file, while they hold it. */
const held = new WeakMap<Kysely<Database>, Statements>();

/** @internal the files whose one connection a write transaction holds (open between its begin and its end). */
const busy = new WeakSet<Statements>();

/** @internal each SQLite Kysely instance's WAL flush (set by `openDatabase`; see {@link WalSync}). */
const syncs = new WeakMap<Kysely<Database>, WalSync>();

/**
 * Records the better-sqlite3 file (its statements prepared once per text) a SQLite Kysely instance
 * runs on, so that a write transaction holding its one connection can run its statements straight on
 * the file (see {@link holdingFile}).
 *
 * @example
 * ```ts
 * const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
 * registerSqliteFile(db, statements);
 * ```
 */
export function registerSqliteFile(db: Kysely<Database>, statements: Statements, sync?: WalSync): void {
  files.set(db, statements);
  if (sync) syncs.set(db, sync);
}

/**
 * The WAL flush of a SQLite Kysely instance opened by `openDatabase` (which runs the file with
 * `synchronous = NORMAL` and flushes the WAL itself before a write is answered), or `undefined`.
 *
 * @example
 * ```ts
 * await walSyncOf(db)?.flush();
 * ```
 */
export function walSyncOf(db: Kysely<Database>): WalSync | undefined {
  return syncs.get(db);
}

/**
 * Commits the write transaction `conn` holds straight on the file and, in the same synchronous step
 * (nothing can commit in between), asks for the WAL flush that covers it. Returns the promise of that
 * flush (await it before answering the write), or `undefined` when `db` has no WAL flush or `conn`
 * does not hold the file (the caller commits through Kysely, and the driver's `synchronous` setting
 * decides).
 *
 * @example
 * ```ts
 * const durable = commitHeld(db, conn) ?? (await run(conn, 'commit'), Promise.resolve());
 * ```
 */
export function commitHeld(db: Kysely<Database>, conn: Kysely<Database>): Promise<void> | undefined {
  const file = held.get(conn);
  const sync = syncs.get(db);
  if (!file || !sync) return undefined;
  file.prepare('commit').run();
  return sync.flush();
}

/**
 * The rows changed so far through the SQLite connection that the write transaction `conn` holds
 * (SQLite's `total_changes()`: every row inserted, updated or deleted, triggers included), or
 * `undefined` when `conn` does not hold the file (PostgreSQL, a SQLite instance not opened by
 * `openDatabase`) or no transaction is open on it any more (SQLite ended it after an I/O error, a
 * full disk, …). The same figure before and after a piece of work that threw: it wrote nothing, and
 * the transaction is as it was before it (a failing statement's own changes are undone by SQLite).
 *
 * @example
 * ```ts
 * const before = changesHeld(conn);
 * ```
 */
export function changesHeld(conn: Kysely<Database>): number | undefined {
  const file = held.get(conn);
  if (!file?.inTransaction) return undefined;
  return (file.prepare('select total_changes() as n').get() as { n: number }).n;
}

/**
 * Runs `fn` with `conn` (the Kysely bound to the one SQLite connection that `db.connection()` gave a
 * write transaction) marked as holding the file: while it runs, {@link runOnFile} runs `conn`'s
 * statements straight on better-sqlite3, without Kysely's executor, connection mutex and promises
 * per statement (a creation runs eleven). That is safe only because the transaction holds the one
 * connection: every other Kysely query waits for it, so nothing else runs on the file meanwhile. On
 * PostgreSQL, or a SQLite instance not opened by `openDatabase`, `fn` simply runs.
 *
 * @example
 * ```ts
 * await db.connection().execute((conn) => holdingFile(db, conn, () => work(conn)));
 * ```
 */
export async function holdingFile<T>(db: Kysely<Database>, conn: Kysely<Database>, fn: () => Promise<T>): Promise<T> {
  const file = files.get(db);
  if (!file) return fn();
  held.set(conn, file);
  busy.add(file);
  try {
    return await fn();
  } finally {
    held.delete(conn);
    busy.delete(file);
  }
}

/**
 * Runs one statement straight on the SQLite file, with the result Kysely's SQLite driver would give,
 * when `db` is a write transaction's connection that holds it (see {@link holdingFile}), or when `db`
 * is the instance the file was opened with and no transaction at all is open on it (a read every
 * request makes, such as the staff record, then skips Kysely's executor and connection mutex: a
 * statement runs whole and synchronously, so it cannot land inside another query, and with no
 * transaction open it reads only what is committed). `undefined` otherwise: the caller runs it
 * through Kysely, which waits for the open transaction to end.
 *
 * @example
 * ```ts
 * const result = runOnFile(conn, 'select value from counters where name = ?', ['event_seq']) ?? (await conn.executeQuery(query));
 * ```
 */
export function runOnFile<R>(db: Kysely<Database>, text: string, values: readonly unknown[]): QueryResult<R> | undefined {
  let file = held.get(db);
  if (!file) {
    const own = files.get(db);
    // Not while any transaction is open on the connection (a report refresh, an import batch, a
    // directory load run through Kysely's own transactions): the statement would run inside it, read
    // what it has not committed, and a write would commit or roll back with it.
    if (!own || busy.has(own) || own.inTransaction) return undefined;
    file = own;
    const statement = file.prepare(text);
    // A write outside a transaction commits on its own: through Kysely, whose connection waits for
    // the WAL flush that covers it (`store/connect.ts`).
    if (!statement.reader) return undefined;
    return { rows: statement.all(values as unknown[]) as R[] };
  }
  const statement = file.prepare(text);
  if (statement.reader) return { rows: statement.all(values as unknown[]) as R[] };
  const { changes, lastInsertRowid } = statement.run(values as unknown[]);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
