import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pipelinedClients } from './pg-clients.js';
import type { Database } from './schema.js';
import { flushedSqliteDialect } from './flushed-sqlite-dialect.js';
import { registerSqliteFile } from './sqlite-direct.js';
import { WalSync } from './wal-sync.js';

/** Which database a store talks to. @example `const k: DatabaseKind = 'sqlite';` */
export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Where the data lives: PostgreSQL when `databaseUrl` is set, else a SQLite file in `dataDir`.
 *
 * @example
 * ```ts
 * const where: DatabaseLocation = { dataDir: './data' };
 * ```
 */
export interface DatabaseLocation {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** PostgreSQL connections this process opens at most (default 20). */
  readonly poolSize?: number | undefined;
  /**
   * PostgreSQL: how long one statement may run, in ms, before the database cancels it (and the
   * request answers `503` with `Retry-After`); default {@link DEFAULT_STATEMENT_TIMEOUT_MS}. Bulk work
   * (imports, a facts rebuild, the report cells' recomputation, migrations) sets its own, longer.
   */
  readonly statementTimeoutMs?: number | undefined;
}

/**
 * PostgreSQL `statement_timeout` of the service's connections by default (ms): as long as a request
 * may take (`requestTimeoutMs`), so a statement does not go on in the database after its request was
 * answered `503`.
 *
 * @example
 * ```ts
 * openDatabase({ dataDir, databaseUrl, statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS / 2 });
 * ```
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * PostgreSQL `idle_in_transaction_session_timeout` of the service's connections (ms): a session left
 * in an open transaction this long (a process stalled mid-write) is ended by the database, which rolls
 * its transaction back, so it does not hold locks and every instance's event stream back.
 *
 * @example
 * ```ts
 * IDLE_IN_TRANSACTION_TIMEOUT_MS; // 60000
 * ```
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * PostgreSQL connections per process by default: writers hold one for a whole transaction, so this
 * is how many writes one instance runs at once (more clients queue in the pool).
 *
 * @example
 * ```ts
 * openDatabase({ dataDir, databaseUrl, poolSize: DEFAULT_POOL_SIZE * 2 });
 * ```
 */
export const DEFAULT_POOL_SIZE = 20;

/** @internal the SQLite file name inside the data folder. */
export const SQLITE_FILE = 'complaintkit.sqlite';

/**
 * Opens a Kysely instance on PostgreSQL (a pipelined `pg` pool with named statements, see
 * `pipelinedClients`; `bigint` read as numbers) or on SQLite
 * (better-sqlite3, WAL with `synchronous = NORMAL` and the WAL flushed off the event loop before a
 * write is answered, see {@link WalSync}; a busy timeout so that several processes can share the file).
 *
 * @example
 * ```ts
 * const { db, kind } = openDatabase({ dataDir: './data' });
 * ```
 */
export function openDatabase(where: DatabaseLocation): { db: Kysely<Database>; kind: DatabaseKind } {
  if (where.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: where.databaseUrl,
      // Statements written together are answered in order without waiting for each other: a
      // transaction's begin and commit go out with its first and last statements (pipelinedClients).
      pipeline: true,
      max: where.poolSize ?? DEFAULT_POOL_SIZE,
      // TCP keepalive: a connection cut without a FIN (a NAT or firewall dropping it while idle) is
      // found and replaced instead of hanging the next query on it.
      keepAlive: true,
      // Sent with the connection's startup: every statement is bounded, and so is an open transaction left idle.
      statement_timeout: where.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      // int8 (oid 20) as a JS number: every bigint here is an epoch-ms or a sequence, far below 2^53.
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
    });
    // An idle client losing its connection must not crash the process: the pool replaces it.
    pool.on('error', () => {});
    // No JIT compilation: the reports' statements run in tens of milliseconds but their estimated
    // cost passes jit_above_cost at 1M complaints, and compiling took 45-220 ms of each (the weekly
    // timeliness trend's read: 217 of its 266 ms; bench/results/reports-and-import.md, "PostgreSQL at 1,000,000").
    // Queued on the new client before anything the pool hands it out for.
    pool.on('connect', (client) => {
      client.query('set jit = off').catch(() => {});
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: pipelinedClients(pool) }) }), kind: 'postgres' };
  }
  mkdirSync(where.dataDir, { recursive: true });
  const path = join(where.dataDir, SQLITE_FILE);
  const file = new SQLite(path);
  file.pragma('journal_mode = WAL');
  file.pragma('busy_timeout = 5000');
  // A commit is on disk before the write is answered, so an acknowledged complaint survives a power
  // cut or an OS crash, as with FULL; but SQLite does not flush the WAL in the commit (NORMAL, which
  // still flushes at checkpoints): the service does it itself, with fdatasync on the thread pool, one
  // flush for every commit made before it began, while the event loop goes on (WalSync). With FULL
  // the event loop waited in every commit's fsync (a quarter of its time under load).
  file.pragma('synchronous = NORMAL');
  const statements = preparedOnce(file);
  const sync = new WalSync(`${path}-wal`);
  const db = new Kysely<Database>({ dialect: flushedSqliteDialect(statements, sync) });
  registerSqliteFile(db, statements, sync);
  return { db, kind: 'sqlite' };
}

/** @internal how many distinct SQL texts keep their prepared statement. */
const STATEMENTS_KEPT = 500;

/**
 * The SQLite file with its statements prepared once per SQL text instead of on every query (Kysely
 * prepares each query it runs; preparing was ~8% of a creation's CPU). One connection runs one
 * statement at a time, so a kept statement is never in use twice; the oldest is dropped past
 * {@link STATEMENTS_KEPT} (lists with variable `in (…)` make many texts).
 */
function preparedOnce(file: SQLite.Database): Pick<SQLite.Database, 'prepare' | 'close' | 'inTransaction'> {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(source: string) {
      let statement = kept.get(source);
      if (!statement) {
        statement = file.prepare(source);
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
        kept.set(source, statement);
      }
      return statement;
    },
    close() {
      kept.clear();
      return file.close();
    },
    get inTransaction() {
      return file.inTransaction;
    },
  } as Pick<SQLite.Database, 'prepare' | 'close' | 'inTransaction'>;
}
