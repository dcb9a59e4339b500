import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SqlStore } from '../src/store/sql-store.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** The calls both suites make against the server `server()` answers when a test runs. */
function helpers(server: () => TestServer) {
  return {
    staffTable: () => (server().server.store as SqlStore).db.updateTable('staff'),
    create: (token: string, key: string, body: unknown) => server().api('POST', '/v1/complaints', { token, body, headers: { 'Idempotency-Key': key } }),
    countWith: async (text: string) => {
      const t = server();
      const res = await t.api('GET', `/v1/complaints?limit=100&q=${encodeURIComponent(text)}`, { token: await t.token('system') });
      return res.body.data.length as number;
    },
  };
}

/**
 * Issue #11: a keyed registration (the outbox's request) checks its staff token in its write (on
 * PostgreSQL in the key lookup's statement, one round trip less) instead of before the route runs.
 * What a caller notices must not change: a removed or moved staff member is refused with 401 before
 * anything is written or replayed, also when the body or the role would have been refused first, and
 * a member on record registers and replays as the record says (their organisation, their sight).
 */
describe.each(BACKENDS)('a keyed registration checks the staff token in its write (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const { staffTable, create, countWith } = helpers(() => t);

  it('registers in the organisation on record and replays the complaint as its registrant sees it', async () => {
    const token = await t.token('u-ot-handler');
    const body = registration({ description: 'staff-check-ok-marker' });
    const first = await create(token, 'k-staff-ok', body);
    expect(first.status).toBe(201);
    expect(first.body.handlingOrgId).toBe('OT-440305');
    expect(first.body.complainant.phone).toBe('13812345678');
    const again = await create(token, 'k-staff-ok', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    // Replayed for the checked caller (who sees it whole), not for a caller who sees nothing.
    expect(again.body.complainant.phone).toBe('13812345678');
  });

  it('refuses a removed member with 401: no new complaint, no replay, and before the body or the role is judged', async () => {
    const handler = await t.token('u-ot-frontline');
    const auditor = await t.token('u-sb-auditor');
    const body = registration({ description: 'staff-check-removed-marker' });
    expect((await create(handler, 'k-removed-1', body)).status).toBe(201);
    expect((await create(auditor, 'k-removed-auditor', body)).status).toBe(403);
    await staffTable().set({ active: 0 }).where('id', 'in', ['u-ot-frontline', 'u-sb-auditor']).execute();

    const replay = await create(handler, 'k-removed-1', body);
    expect(replay.status).toBe(401);
    expect(replay.headers.get('www-authenticate')).toBe('Bearer');
    expect(replay.body.detail).toMatch(/sign in again/);
    const fresh = await create(handler, 'k-removed-2', body);
    expect(fresh.status).toBe(401);
    expect(await countWith('staff-check-removed-marker')).toBe(1);
    // A body the route refuses (400), a role that may not register (403): the token is refused first.
    const bad = await create(handler, 'k-removed-3', { description: 'no channel, no category' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await create(auditor, 'k-removed-auditor-2', body)).status).toBe(401);
  });

  it('refuses a member moved to another organisation than the token names', async () => {
    const token = await t.token('u-br-handler');
    await staffTable().set({ org_id: 'HO' }).where('id', '=', 'u-br-handler').execute();
    const moved = await create(token, 'k-moved-1', registration({ description: 'staff-check-moved-marker' }));
    expect(moved.status).toBe(401);
    expect(await countWith('staff-check-moved-marker')).toBe(0);
    const reissued = await t.server.issueToken({ sub: 'u-br-handler', kind: 'staff', role: 'handler', org: 'HO' }, '1h');
    const created = await create(reissued, 'k-moved-2', registration({ description: 'staff-check-moved-marker' }));
    expect(created.status).toBe(201);
    expect(created.body.handlingOrgId).toBe('HO');
  });
});

describe.each(BACKENDS)('a deferred staff check holds whatever the store does (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    // One write allowed, then 429s: a refused token must still get a plain 401.
    t = await startTestServer(backend, { limits: { writes: { perSecond: 0.01, burst: 1 } } });
  });
  afterAll(() => t?.close());

  const { staffTable, create, countWith } = helpers(() => t);

  it('a removed member past their write budget gets 401 without the 429\'s Retry-After (sign in again, not wait)', async () => {
    const token = await t.token('u-ot-frontline');
    expect((await create(token, 'k-budget-1', registration({ description: 'staff-check-budget-marker' }))).status).toBe(201);
    await staffTable().set({ active: 0 }).where('id', '=', 'u-ot-frontline').execute();
    const res = await create(token, 'k-budget-2', registration({ description: 'staff-check-budget-marker' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await countWith('staff-check-budget-marker')).toBe(1);
  });

  it('a moved member\u2019s old token spends no write budget of their new one (the deferred check comes after the budget)', async () => {
    const old = await t.token('u-br-handler');
    await staffTable().set({ org_id: 'HO' }).where('id', '=', 'u-br-handler').execute();
    for (const key of ['k-old-1', 'k-old-2', 'k-old-3']) expect((await create(old, key, registration({ description: 'staff-check-old-marker' }))).status).toBe(401);
    const reissued = await t.server.issueToken({ sub: 'u-br-handler', kind: 'staff', role: 'handler', org: 'HO' }, '1h');
    const created = await create(reissued, 'k-new-1', registration({ description: 'staff-check-old-marker' }));
    expect(created.status).toBe(201);
    expect(await countWith('staff-check-old-marker')).toBe(1);
  });

  it('a store that ignores MutateOptions.staffCheck still writes nothing for a removed member', async () => {
    const token = await t.token('u-sb-handler');
    await staffTable().set({ active: 0 }).where('id', '=', 'u-sb-handler').execute();
    const store = t.server.store as SqlStore;
    const mutate = store.mutate.bind(store);
    store.mutate = ((idem, fn, options) => mutate(idem, fn, { ...options, staffCheck: undefined })) as SqlStore['mutate'];
    try {
      const res = await create(token, 'k-ignored-1', registration({ description: 'staff-check-ignored-marker' }));
      expect(res.status).toBe(401);
    } finally {
      store.mutate = mutate;
    }
    expect(await countWith('staff-check-ignored-marker')).toBe(0);
  });
});

/**
 * A keyed registration whose write fails for a database outage: the deferred check's read (run after
 * the route, as the write never ran it) fails the same way. One request, one error logged, one 500
 * problem answered (review of 1c339ad: it was logged twice), and the service survives it. PostgreSQL only: the check is deferred
 * with the service's own PostgreSQL store alone.
 */
describe.each(BACKENDS.filter((b) => b === 'postgres'))('a deferred staff check in a database outage (%s)', (backend) => {
  let t: TestServer;
  const errors: Record<string, unknown>[] = [];
  beforeAll(async () => {
    t = await startTestServer(backend, { logger: { info() {}, error: (entry) => errors.push(entry) } });
  });
  afterAll(() => t?.close());

  it('logs the outage once and answers one 500 problem', async () => {
    const token = await t.token('u-ot-handler');
    expect((await t.api('GET', '/v1/me', { token })).status).toBe(200);
    // The database refuses every connection (the service's open ones are ended): a real outage.
    const name = new URL(t.databaseUrl as string).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('databaseUrl') as string });
    await admin.connect();
    try {
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      errors.length = 0;
      const res = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'staff-check-outage' }), headers: { 'Idempotency-Key': 'k-outage-1' } });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(errors.map((e) => e.requestId)).toEqual([res.body.requestId ?? res.headers.get('x-request-id')]);
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
    }
    // The service lived through it (a handed-out client whose connection ended used to end the
    // process: vitest fails the run on that uncaught error) and answers again once the database does.
    const again = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'staff-check-outage' }), headers: { 'Idempotency-Key': 'k-outage-1' } });
    expect(again.status).toBe(201);
  });
});
