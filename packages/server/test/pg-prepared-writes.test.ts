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
