/**
 * A SQLite migration killed half-way leaves a database the next start migrates to the same schema
 * and data as an uninterrupted run: the states the previous release left when killed between two of
 * 0027's statements (it ran each alone), and a kill inside any migration now (one transaction).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, type KyselyPlugin, Migrator, type RootOperationNode, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE } from '../src/store/connect.js';
import { DatabaseNewerThanCodeError } from '../src/store/errors.js';
import { assertMigratedSchema, migrateToLatest } from '../src/store/migrate.js';
import { KEEP_FIRST_RESULT } from '../src/store/migrations/0027_creation_result_by_reference.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/open-store.js';
import { BACKENDS, freshDatabase } from './helpers/harness.js';

/** 0027's SQLite statements as the previous release ran them, each committing alone. */
const PREVIOUS_0027 = [
  `create table idempotency_0027 (
      scope text not null, key text not null, request_hash text not null, status_code integer not null,
      response text, created_at bigint not null,
      constraint idempotency_pk primary key (scope, key)) without rowid`,
  `insert into idempotency_0027 (scope, key, request_hash, status_code, response, created_at)
      select scope, key, request_hash, status_code, response, created_at from idempotency`,
  'drop table idempotency',
  'alter table idempotency_0027 rename to idempotency',
];

const root = mkdtempSync(join(tmpdir(), 'ck-migrate-kill-'));
let n = 0;
/** A new data folder holding a copy of the database file at `from`. */
const copyOf = (from: string): string => {
  const dir = join(root, String(++n));
  mkdirSync(dir);
  copyFileSync(join(from, SQLITE_FILE), join(dir, SQLITE_FILE));
  return dir;
};

/** Everything a start would compare: every schema object's SQL, every idempotency record, the migrations run. */
function state(dir: string) {
  const file = new SQLite(join(dir, SQLITE_FILE), { readonly: true });
  try {
    return {
      // The SQL as written, spaces aside (a table renamed keeps the text it was made with).
      schema: file
        .prepare<[], { sql: string | null }>("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name")
        .all()
        .map((o) => ({ ...o, sql: o.sql?.replace(/\s+/g, ' ') })),
      idempotency: file.prepare('select * from idempotency order by scope, key').all(),
      migrations: file.prepare('select name from kysely_migration order by name').all(),
    };
  } finally {
    file.close();
  }
}

describe('a SQLite migration interrupted (kill -9) and started again', () => {
  /** A database of the release before 0027, with records of a creation and of a step. */
  let before: string;
  /** The same, migrated without interruption. */
  let expected: ReturnType<typeof state>;

  beforeAll(async () => {
    before = join(root, 'before');
    const { db } = openDatabase({ dataDir: before });
    const previous = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0027'));
    const { error } = await new Migrator({ db: db as Kysely<unknown>, provider: { getMigrations: async () => previous }, allowUnorderedMigrations: true }).migrateToLatest();
    if (error) throw error;
    await sql`insert into idempotency (scope, key, request_hash, status_code, response, created_at)
      values ('staff:u-a:handler:SB-4403', 'k-create', 'h1', 201, '{"id":"CK1"}', 1), ('staff:u-a:handler:SB-4403', 'k-step', 'h2', 200, '{"id":"CK1","version":2}', 2)`.execute(db);
    await db.destroy();
    const whole = copyOf(before);
    await (await openStore({ dataDir: whole })).close();
    expected = state(whole);
    expect(expected.migrations.map((m) => (m as { name: string }).name)).toContain('0027_creation_result_by_reference');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([1, 2, 3, 4])('after the previous release ran %i of 0027’s statements, starts and ends as an uninterrupted migration', async (done) => {
    const dir = copyOf(before);
    const file = new SQLite(join(dir, SQLITE_FILE));
    for (const statement of PREVIOUS_0027.slice(0, done)) file.exec(statement);
    file.close();
    await (await openStore({ dataDir: dir })).close();
    expect(state(dir)).toEqual(expected);
  });

  it.each(['drop table idempotency', 'create trigger', '0027c'])('stopped inside the migrations (at %s) leaves the database as before them, and starts again as uninterrupted', async (at) => {
    const dir = copyOf(before);
    const { db } = openDatabase({ dataDir: dir });
    // Dies at the first statement whose SQL contains `at` (0027c: its first index): nothing after it runs.
    const needle = at === '0027c' ? 'complaints_creation_key' : at;
    const dies: KyselyPlugin = {
      transformQuery({ node }) {
        if (JSON.stringify(node as RootOperationNode).includes(needle)) throw new Error('killed');
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    await expect(migrateToLatest(db.withPlugin(dies) as Kysely<unknown>)).rejects.toThrow(/killed/);
    await db.destroy();
    expect(state(dir)).toEqual(state(before));
    await (await openStore({ dataDir: dir })).close();
    expect(state(dir)).toEqual(expected);
  });
});

describe.each(BACKENDS)('0027 run again over its own result (%s)', (backend) => {
  it('changes nothing and keeps one trigger (a start after a kill between its work and its record)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-migrate-again-'));
    const { db } = openDatabase({ dataDir, databaseUrl: backend === 'postgres' ? await freshDatabase() : undefined });
    try {
      await migrateToLatest(db as Kysely<unknown>);
      const triggers = async () =>
        (backend === 'postgres'
          ? await sql<{ name: string }>`select tgname as name from pg_trigger where not tgisinternal`.execute(db)
          : await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(db)
        ).rows.map((r) => r.name);
      expect(await triggers()).toEqual([KEEP_FIRST_RESULT]);
      await MIGRATIONS['0027_creation_result_by_reference']?.up(db as Kysely<unknown>);
      expect(await triggers()).toEqual([KEEP_FIRST_RESULT]);
    } finally {
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('a database migrated by a newer release (%s)', (backend) => {
  it('is refused at start, naming the migrations this release does not know and what to do', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-migrate-newer-'));
    const where = { dataDir, databaseUrl: backend === 'postgres' ? await freshDatabase() : undefined };
    try {
      await (await openStore(where)).close();
      const { db } = openDatabase(where);
      await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_release', '2027-01-01T00:00:00.000Z')`.execute(db);
      await db.destroy();
      const refused = openStore(where);
      await expect(refused).rejects.toBeInstanceOf(DatabaseNewerThanCodeError);
      await expect(refused).rejects.toThrow(/newer release .*9999_from_a_newer_release.*run that release or a newer one/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('the trigger of 0027 after every migration (%s)', (backend) => {
  it('is on complaints once the database is migrated, and a start without it is refused (a later migration rebuilding complaints would drop it)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-migrate-trigger-'));
    const where = { dataDir, databaseUrl: backend === 'postgres' ? await freshDatabase() : undefined };
    try {
      await (await openStore(where)).close();
      const { db } = openDatabase(where);
      await assertMigratedSchema(db as Kysely<unknown>);
      await sql`drop trigger ${sql.id(KEEP_FIRST_RESULT)}${sql.raw(backend === 'postgres' ? ' on complaints' : '')}`.execute(db);
      await db.destroy();
      await expect(openStore(where)).rejects.toThrow(new RegExp(`no trigger ${KEEP_FIRST_RESULT} on complaints`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("SQLite's trigger is 0029's, not an older one of the same name", () => {
  it('refuses a start with 0028 or 0027 trigger, naming 0029 as the one to make again, and starts once it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-migrate-0029-'));
    try {
      await (await openStore({ dataDir })).close();
      for (const older of ['0028_sqlite_creation_without_record', '0027_creation_result_by_reference'] as const) {
        const { db } = openDatabase({ dataDir });
        // 0029's down makes 0028's trigger again; 0027's up (run again over its result) its own.
        await (older === '0028_sqlite_creation_without_record' ? MIGRATIONS['0029_sqlite_first_result_in_window']?.down?.(db as Kysely<unknown>) : MIGRATIONS[older]?.up(db as Kysely<unknown>));
        await db.destroy();
        await expect(openStore({ dataDir })).rejects.toThrow(new RegExp(`trigger ${KEEP_FIRST_RESULT} on complaints is not the one migration 0029_sqlite_first_result_in_window makes`));
      }
      const { db } = openDatabase({ dataDir });
      await MIGRATIONS['0029_sqlite_first_result_in_window']?.up(db as Kysely<unknown>);
      await db.destroy();
      await (await openStore({ dataDir })).close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
