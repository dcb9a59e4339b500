/**
 * Migration 0028 (SQLite) taken back: its `down` restores the state before it, 0027's trigger and an
 * idempotency record for every keyed creation (0028's creations write none), so a service of the
 * previous release answers a retry and copies the first answer in before a change, as before 0028.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, startServer } from '../src/index.js';
import { openDatabase } from '../src/store/connect.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { KEEP_FIRST_RESULT } from '../src/store/migrations/0027_creation_result_by_reference.js';
import type { Database } from '../src/store/schema.js';
import { FIXTURE_BANK, registration } from './helpers/fixture-bank.js';

const BEFORE_0028 = '0027c_sqlite_indexes_without_nulls';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ck-0028-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const migrator = (db: Kysely<Database>) => new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
/** The schema as SQLite keeps it: every table, index and trigger with its SQL (white space folded). */
const schemaOf = async (db: Kysely<Database>) =>
  (await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where name not like 'sqlite_%' and name not like 'kysely_%' order by type, name`.execute(db)).rows.map(
    (r) => ({ ...r, sql: r.sql?.replace(/\s+/g, ' ') ?? null }),
  );

describe('migration 0028 down (SQLite)', () => {
  it('restores the schema before 0028 and a record for every keyed creation, which 0027’s trigger fills in before the document changes', async () => {
    // The schema 0027c left, in a database of its own.
    const fresh = openDatabase({ dataDir: tempDir() }).db;
    const moved = await migrator(fresh).migrateTo(BEFORE_0028);
    expect(moved.error).toBeUndefined();
    const before = await schemaOf(fresh);
    await fresh.destroy();

    // A service at the latest schema registers a complaint under a key: 0028 writes it no record.
    const dataDir = tempDir();
    const server = await startServer({ port: 0, dataDir, jwtSecret: 'test-secret-0123456789abcdef', logger: silentLogger, alertEveryMs: 0 });
    await server.store.importDemoBank(FIXTURE_BANK);
    const token = await server.issueToken({ sub: 'u-sb-frontline', kind: 'staff', role: 'frontline', org: 'SB-4403' });
    const res = await fetch(`${server.url}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'k-0028-down' },
      body: JSON.stringify(registration()),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; createdAt: string };
    await server.close();

    const { db } = openDatabase({ dataDir });
    try {
      const record = () => db.selectFrom('idempotency').select(['key', 'status_code', 'response', 'created_at']).where('key', '=', 'k-0028-down').executeTakeFirst();
      expect(await record()).toBeUndefined();
      const down = await migrator(db).migrateTo(BEFORE_0028);
      expect(down.error).toBeUndefined();
      // Every later migration comes down first (0029 today, more in later releases), 0028 last.
      expect(down.results?.every((r) => r.direction === 'Down' && r.status === 'Success')).toBe(true);
      expect(down.results?.slice(-2).map((r) => r.migrationName)).toEqual(['0029_sqlite_first_result_in_window', '0028_sqlite_creation_without_record']);
      expect(await schemaOf(db)).toEqual(before);
      // The record 0027 expects, referring to the complaint (response null), from its registration time.
      expect(await record()).toEqual({ key: 'k-0028-down', status_code: 201, response: null, created_at: Date.parse(created.createdAt) });
      // 0027's trigger: the first answer is copied in just before the document first changes.
      const doc = (await db.selectFrom('complaints').select('document').where('id', '=', created.id).executeTakeFirstOrThrow()).document;
      await db.updateTable('complaints').set({ document: JSON.stringify({ ...JSON.parse(doc), description: 'changed' }) }).where('id', '=', created.id).execute();
      expect((await record())?.response).toBe(doc);
      expect((await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'trigger' and name = ${KEEP_FIRST_RESULT}`.execute(db)).rows[0]?.n).toBe(1);
      // And up again to the latest.
      expect((await migrator(db).migrateToLatest()).error).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
