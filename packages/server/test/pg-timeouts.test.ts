/**
 * PostgreSQL's waits are bounded: the pause of every complaint write that a history import's last
 * batch and a facts rebuild take gives up after a few seconds when complaint writes hold it off, and
 * a statement past the pool's `statement_timeout` is cancelled; both answer `503` with `Retry-After`,
 * not a `500`, and nothing is left waiting.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintWritesBusyError } from '../src/store/errors.js';
import type { SqlStore } from '../src/store/sql-store.js';
import { COMPLAINT_WRITERS_LOCK_TIMEOUT_MS } from '../src/store/customer-locks.js';
import { openDatabase } from '../src/store/connect.js';
import { allowLongStatements, inWriteTransaction } from '../src/store/write-transaction.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

const postgres = BACKENDS.includes('postgres');

/** Another session of the same database, holding `lock` in an open transaction until released. */
async function holding(databaseUrl: string, lock: string, values: unknown[] = []): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query(lock, values);
  return {
    async release() {
      await client.query('rollback');
      await client.end();
    },
  };
}

describe.skipIf(!postgres)('PostgreSQL timeouts', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('postgres', { statementTimeoutMs: 400 });
  });
  afterAll(() => t?.close());

  it('an import’s last batch and a facts rebuild give up on the complaint writers’ pause within the lock timeout, telling to retry (HTTP: 503, Retry-After)', async () => {
    // A complaint write in progress elsewhere (its row-exclusive lock held).
    const writer = await holding(t.databaseUrl as string, 'lock table complaints in row exclusive mode');
    try {
      const token = await t.token('u-br-manager');
      const started = Date.now();
      const took: number[] = [];
      const timed = <T>(p: Promise<T>) => p.finally(() => took.push(Date.now() - started));
      const [rebuild, imported] = await Promise.all([
        timed(
          (t.server.store as SqlStore).rebuildFacts().then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
        timed(
          t.api('POST', '/v1/history/import', {
            token,
            body: { format: 'ndjson', data: JSON.stringify({ sourceId: 'TIMEOUT-1', receivedAt: '2026-03-02T01:00:00.000Z', orgId: 'SB-4403', intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0302', cause: 'C11', regionCode: '440305' }) },
          }),
        ),
      ]);
      expect(rebuild).toBeInstanceOf(ComplaintWritesBusyError);
      expect((rebuild as Error).message).toMatch(/retry in a few seconds/);
      expect(imported.status, JSON.stringify(imported.body)).toBe(503);
      expect(imported.headers.get('content-type')).toBe('application/problem+json');
      expect(imported.headers.get('retry-after')).toBe('5');
      expect(imported.body.code).toBe('unavailable');
      // Each waited out the whole lock timeout (not a quicker failure, nor a shorter timeout) and gave
      // up then, not at the pool's or the bulk work's statement timeout (400 ms would be a 57014, not
      // this error; the bulk work's hour would outlast the test). The upper bound stays loose: past the
      // lock timeout it measures an HTTP request and the import's worker threads on a shared machine.
      expect(took).toHaveLength(2);
      for (const ms of took) expect(ms).toBeGreaterThanOrEqual(COMPLAINT_WRITERS_LOCK_TIMEOUT_MS - 50);
      for (const ms of took) expect(ms).toBeLessThan(COMPLAINT_WRITERS_LOCK_TIMEOUT_MS + 4_000);
    } finally {
      await writer.release();
    }
    // Nothing was left waiting: with the writer gone both go through.
    await (t.server.store as SqlStore).rebuildFacts();
  });

  it('a statement past statementTimeoutMs is cancelled, and its request answers 503 with Retry-After, not 500', async () => {
    const token = await t.token('u-sb-handler');
    const created = await t.api('POST', '/v1/complaints', { token, body: registration() });
    expect(created.status).toBe(201);
    // Its row locked by another session for longer than the 400 ms statement timeout.
    const other = await holding(t.databaseUrl as string, 'select id from complaints where id = $1 for update', [created.body.id]);
    try {
      const accepted = await t.api('POST', `/v1/complaints/${created.body.id}/accept`, { token, body: {} });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(503);
      expect(accepted.headers.get('content-type')).toBe('application/problem+json');
      expect(accepted.headers.get('retry-after')).toBe('1');
      expect(accepted.body.code).toBe('unavailable');
    } finally {
      await other.release();
    }
    const again = await t.api('POST', `/v1/complaints/${created.body.id}/accept`, { token, body: {} });
    expect(again.status).toBe(200);
  });

  it('a start that owes a facts rebuild waits for a complaint write elsewhere instead of failing after the lock timeout', async () => {
    const store = t.server.store as SqlStore;
    const { db } = store as unknown as { db: Kysely<import('../src/store/schema.js').Database> };
    expect((await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-handler'), body: registration() })).status).toBe(201);
    // Facts lost (as after a restore): the next start rebuilds them.
    await db.deleteFrom('complaint_facts').execute();
    const writer = await holding(t.databaseUrl as string, 'lock table complaints in row exclusive mode');
    const heldMs = COMPLAINT_WRITERS_LOCK_TIMEOUT_MS + 1_500;
    const released = new Promise<void>((resolve) => setTimeout(() => void writer.release().then(resolve), heldMs));
    const started = Date.now();
    try {
      await store.migrate();
    } finally {
      await released;
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(heldMs - 100);
    const counts = await sql<{ complaints: string; facts: string }>`select (select count(*) from complaints) as complaints, (select count(*) from complaint_facts) as facts`.execute(db);
    expect(Number(counts.rows[0]?.facts)).toBe(Number(counts.rows[0]?.complaints));
    expect(Number(counts.rows[0]?.facts)).toBeGreaterThan(0);
  }, 30_000);

  it('a long statement timeout set in a transaction ends with it: the pooled connection is back at the pool’s 400 ms, after a commit as after a rollback', async () => {
    // One connection, so the statement after the transaction is on the very connection it ran on.
    const { db } = openDatabase({ dataDir: '', databaseUrl: t.databaseUrl, poolSize: 1, statementTimeoutMs: 400 });
    try {
      const session = async () => (await sql<{ pid: number; timeout: string }>`select pg_backend_pid() as pid, current_setting('statement_timeout') as timeout`.execute(db)).rows[0];
      const first = await session();
      expect(first?.timeout).toBe('400ms');
      await inWriteTransaction(db, 'postgres', async (tx) => {
        await allowLongStatements(tx, 'postgres');
        await sql`select pg_sleep(0.6)`.execute(tx); // past the pool's 400 ms: allowed inside
      });
      expect(await session()).toEqual(first);
      await expect(
        inWriteTransaction(db, 'postgres', async (tx) => {
          await allowLongStatements(tx, 'postgres');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await session()).toEqual(first);
      // And the next use is bounded by it again.
      await expect(sql`select pg_sleep(0.6)`.execute(db)).rejects.toMatchObject({ code: '57014' });
      expect(await session()).toEqual(first);
    } finally {
      await db.destroy();
    }
  });

  it('the pool’s sessions carry the statement timeout and the idle-in-transaction timeout', async () => {
    const { db } = t.server.store as unknown as { db: Kysely<unknown> };
    const { rows } = await sql<{ statement_timeout: string; idle: string }>`select current_setting('statement_timeout') as statement_timeout,
      current_setting('idle_in_transaction_session_timeout') as idle`.execute(db);
    expect(rows[0]).toEqual({ statement_timeout: '400ms', idle: '1min' });
  });
});
