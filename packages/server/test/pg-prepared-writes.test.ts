import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../src/store/sql-store.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/**
 * Issue #11, PostgreSQL creations: every statement of a write runs as a named (prepared) statement,
 * parsed and planned once per connection. The marker that writes a transaction's `commit` behind its
 * last statement once held a `*`, which kept every creation's statement (and every keyed step's
 * idempotency record) unnamed: PostgreSQL parsed and planned the registration's statement, the
 * largest of all, again on every creation. One pooled connection, so the check reads the same
 * connection's prepared statements.
 */
describe.runIf(BACKENDS.includes('postgres'))('the write path\u2019s statements are prepared once per connection (PostgreSQL)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('postgres', { poolSize: 1 });
  });
  afterAll(() => t?.close());

  const prepared = async (): Promise<string[]> => {
    const { db } = t.server.store as SqlStore;
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
    return rows.map((r) => r.statement);
  };

  it('prepares a keyed registration\u2019s statement and a keyed step\u2019s idempotency record', async () => {
    const token = await t.token('u-sb-handler');
    const created = await t.api('POST', '/v1/complaints', {
      token,
      body: registration({ description: 'prepared-creation-marker' }),
      headers: { 'Idempotency-Key': 'k-prepared-1' },
    });
    expect(created.status).toBe(201);
    const accepted = await t.api('POST', `/v1/complaints/${created.body.id}/accept`, { token, body: {}, headers: { 'Idempotency-Key': 'k-prepared-2' } });
    expect(accepted.status).toBe(200);
    const statements = await prepared();
    expect(statements.some((s) => s.startsWith('with new_complaint as (insert into "complaints"'))).toBe(true);
    expect(statements.some((s) => s.startsWith('insert into "idempotency"'))).toBe(true);
  });
});

/**
 * A connection keeps at most 300 prepared statements. Rare texts (an `in (…)` list of each length, a
 * report's shape, an import's last chunk) must not take the places of the statements every request
 * runs: before, the first 300 texts seen kept their names for good, so a service that met that many
 * rare ones first (an import, reports) parsed and planned every registration afresh from then on.
 */
describe.runIf(BACKENDS.includes('postgres'))('rare statements do not crowd the hot ones out of the prepared ones (PostgreSQL)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('postgres', { poolSize: 1 });
  });
  afterAll(() => t?.close());

  const prepared = async () => {
    const { db } = t.server.store as SqlStore;
    const { rows } = await sql<{ statement: string; prepare_time: Date }>`select statement, prepare_time from pg_prepared_statements`.execute(db);
    return rows;
  };
  const creation = (s: { statement: string }) => s.statement.startsWith('with new_complaint as (insert into "complaints"');
  /** `n` texts run once each, as many as the cap and more. */
  const rare = async (from: number, n: number) => {
    const { db } = t.server.store as SqlStore;
    for (let i = from; i < from + n; i++) await sql`select ${sql.lit(i)}::int + ${1} as v`.execute(db);
  };
  const register = async (key: string) => {
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-handler'), body: registration(), headers: { 'Idempotency-Key': key } });
    expect(res.status).toBe(201);
  };

  it('prepares a registration first sent after 400 rare statements, and keeps at most 300', async () => {
    await rare(0, 400);
    await register('k-crowd-1');
    await register('k-crowd-2');
    const statements = await prepared();
    expect(statements.some(creation)).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(300);
  });

  it('keeps a registration\u2019s statement prepared through 400 more rare ones (not parsed again)', async () => {
    await register('k-crowd-3');
    const before = (await prepared()).find(creation);
    expect(before).toBeDefined();
    await rare(1_000, 400);
    await register('k-crowd-4');
    const after = (await prepared()).find(creation);
    expect(after?.prepare_time).toEqual(before?.prepare_time);
  });

  it('makes room in a transaction that already failed without losing the statement it could not deallocate', async () => {
    const { db } = t.server.store as SqlStore;
    // The statements run once now fill their places, the oldest of them first in line to go.
    await rare(2_000, 400);
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1 / ${0}`.execute(trx).catch(() => {});
        // A new text in the failed transaction: the deallocate it sends fails too.
        await sql`select ${sql.lit(3_000)}::int + ${1} as v`.execute(trx);
      })
      .catch((e: Error) => e.message);
    expect(failed).toMatch(/aborted/);
    // Every one of those statements still runs (none parsed again under a name the connection holds).
    for (let i = 2_000; i < 2_400; i++) await sql`select ${sql.lit(i)}::int + ${1} as v`.execute(db);
    await sql`select ${sql.lit(3_000)}::int + ${1} as v`.execute(db);
    expect((await prepared()).length).toBeLessThanOrEqual(301);
  });
});
