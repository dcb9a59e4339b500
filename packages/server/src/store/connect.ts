import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

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
}

/** @internal the SQLite file name inside the data folder. */
export const SQLITE_FILE = 'complaintkit.sqlite';

/**
 * Opens a Kysely instance on PostgreSQL (a `pg` pool, `bigint` read as numbers) or on SQLite
 * (better-sqlite3, WAL, a busy timeout so that several processes can share the file).
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
      max: 10,
      // int8 (oid 20) as a JS number: every bigint here is an epoch-ms or a sequence, far below 2^53.
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
    });
    // An idle client losing its connection must not crash the process: the pool replaces it.
    pool.on('error', () => {});
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' };
  }
  mkdirSync(where.dataDir, { recursive: true });
  const file = new SQLite(join(where.dataDir, SQLITE_FILE));
  file.pragma('journal_mode = WAL');
  file.pragma('busy_timeout = 5000');
  file.pragma('synchronous = NORMAL');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(file) }) }), kind: 'sqlite' };
}

/** @internal how many distinct SQL texts keep their prepared statement. */
const STATEMENTS_KEPT = 500;

/**
 * The SQLite file with its statements prepared once per SQL text instead of on every query (Kysely
 * prepares each query it runs; preparing was ~8% of a creation's CPU). One connection runs one
 * statement at a time, so a kept statement is never in use twice; the oldest is dropped past
 * {@link STATEMENTS_KEPT} (lists with variable `in (…)` make many texts).
 */
function preparedOnce(file: SQLite.Database): Pick<SQLite.Database, 'prepare' | 'close'> {
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
  } as Pick<SQLite.Database, 'prepare' | 'close'>;
}
