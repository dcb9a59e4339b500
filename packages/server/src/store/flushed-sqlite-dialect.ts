import type SQLite from 'better-sqlite3';
import { type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, SqliteDialect } from 'kysely';
import type { WalSync } from './wal-sync.js';

/** @internal the file as `openDatabase` hands it to Kysely: statements prepared once per text. */
type Statements = Pick<SQLite.Database, 'prepare' | 'close' | 'inTransaction'>;

/**
 * Kysely's SQLite dialect on a file run with `synchronous = NORMAL`, whose every commit made through
 * Kysely (a statement outside a transaction, or the `commit` of a transaction Kysely ran) waits for
 * the WAL flush that covers it ({@link WalSync}) before the query resolves: nothing written through
 * Kysely is reported done before it is on disk. The write transactions of `inWriteTransaction` commit
 * on the file instead and wait for their flush after giving the connection back
 * (`store/write-transaction.ts`); this covers every other write (migrations, the idempotency
 * records' expiry, alert rules).
 *
 * @example
 * ```ts
 * const db = new Kysely<Database>({ dialect: flushedSqliteDialect(statements, new WalSync(`${path}-wal`)) });
 * ```
 */
export function flushedSqliteDialect(statements: Statements, sync: WalSync): Dialect {
  const dialect = new SqliteDialect({ database: statements });
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: (): Driver => {
      const driver = dialect.createDriver();
      let flushing: DatabaseConnection | undefined;
      const wrap = (connection: DatabaseConnection): DatabaseConnection => ({
        async executeQuery<R>(query: CompiledQuery) {
          const writes = !statements.prepare(query.sql).reader;
          const result = await connection.executeQuery<R>(query);
          // Outside a transaction after a write: it committed (on its own, or as the commit).
          if (writes && !statements.inTransaction) await sync.flush();
          return result;
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      });
      return new Proxy(driver, {
        get(target, property) {
          if (property === 'acquireConnection') {
            return async () => {
              const connection = await target.acquireConnection();
              flushing ??= wrap(connection);
              return flushing;
            };
          }
          if (property === 'destroy') {
            return async () => {
              await target.destroy();
              await sync.close();
            };
          }
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
}
