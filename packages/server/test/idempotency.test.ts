import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDEMPOTENCY_TTL_MS, startIdempotencyExpiry } from '../src/jobs/expire-idempotency.js';
import type { SqlStore } from '../src/store/sql-store.js';
import type { Store } from '../src/store/store.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)('idempotency (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const countWith = async (text: string) => {
    const res = await t.api('GET', `/v1/complaints?limit=100&q=${encodeURIComponent(text)}`, { token: await t.token('system') });
    return res.body.data.length as number;
  };

  it('replays the first result for the same key and body, creating one complaint', async () => {
    const token = await t.token('u-sb-frontline');
    const body = registration({ description: 'replay-marker 年费争议' });
    const headers = { 'Idempotency-Key': 'k-replay-1' };
    const first = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Same body with keys in another order: the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await t.api('POST', '/v1/complaints', { token, body: reordered, headers });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await countWith('replay-marker')).toBe(1);
  });

  it("expires an action's record after 24 h by default, yet the step's kept key still replays it, and the job asks for exactly that", async () => {
    const token = await t.token('u-sb-handler');
    const c = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'expiry-marker 年费争议' }) });
    const headers = { 'Idempotency-Key': 'k-expiry-1' };
    expect((await t.api('POST', `/v1/complaints/${c.body.id}/accept`, { token, body: {}, headers })).status).toBe(200);
    expect(await t.server.store.expireIdempotency(Date.now() + 1)).toBeGreaterThan(0);
    // The record is gone, but the key stays on the accept event (0012): the step is not run again
    // (before, the lifecycle refused it as 409 invalid_transition). More in exactly-once.test.ts.
    const again = await t.api('POST', `/v1/complaints/${c.body.id}/accept`, { token, body: {}, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('accepted');
    expect(again.body.timeline.filter((e: { type: string }) => e.type === 'accept')).toHaveLength(1);

    const asked: number[] = [];
    const stop = startIdempotencyExpiry({
      store: {
        expireIdempotency: async (before: number) => {
          asked.push(before);
          return 0;
        },
      } as unknown as Store,
      now: () => 1_000_000_000,
      ttlMs: DEFAULT_IDEMPOTENCY_TTL_MS,
      everyMs: 60_000,
    });
    stop();
    expect(asked).toEqual([1_000_000_000 - 24 * 3_600_000]);
  });

  it('refuses the same key with a different body or path', async () => {
    const token = await t.token('u-sb-frontline');
    const headers = { 'Idempotency-Key': 'k-reuse-1' };
    const first = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'reuse-marker one' }), headers });
    expect(first.status).toBe(201);
    const other = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'reuse-marker two' }), headers });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    const elsewhere = await t.api('POST', `/v1/complaints/${first.body.id}/accept`, { token, body: {}, headers });
    expect(elsewhere.status).toBe(422);
    expect(await countWith('reuse-marker')).toBe(1);
    expect((await t.api('GET', `/v1/complaints/${first.body.id}`, { token })).body.status).toBe('registered');
  });

  it('scopes keys to the caller', async () => {
    const headers = { 'Idempotency-Key': 'k-shared' };
    const a = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ description: 'scope-marker' }), headers });
    const b = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-handler'), body: registration({ description: 'scope-marker' }), headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('scopes keys to the role and organisation acted as: a member moved elsewhere does not get the old result', async () => {
    const headers = { 'Idempotency-Key': 'k-moved' };
    const body = registration({ description: 'moved-marker' });
    const before = await t.api('POST', '/v1/complaints', { token: await t.token('u-ot-handler'), body, headers });
    expect(before.body.handlingOrgId).toBe('OT-440305');
    await (t.server.store as SqlStore).db.updateTable('staff').set({ org_id: 'SB-4401' }).where('id', '=', 'u-ot-handler').execute();
    const moved = await t.server.issueToken({ sub: 'u-ot-handler', kind: 'staff', role: 'handler', org: 'SB-4401' });
    const after = await t.api('POST', '/v1/complaints', { token: moved, body, headers });
    expect(after.status).toBe(201);
    expect(after.headers.get('idempotent-replayed')).toBeNull();
    expect(after.body.handlingOrgId).toBe('SB-4401');
    // The complaint made in the old capacity is not visible in the new one, and was not handed over.
    expect((await t.api('GET', `/v1/complaints/${before.body.id}`, { token: moved })).status).toBe(404);
  });

  it('replays an action instead of refusing the repeat as an invalid transition', async () => {
    const token = await t.token('u-sb-handler');
    const c = await t.api('POST', '/v1/complaints', { token, body: registration() });
    const headers = { 'Idempotency-Key': 'k-accept-1' };
    const first = await t.api('POST', `/v1/complaints/${c.body.id}/accept`, { token, body: {}, headers });
    const again = await t.api('POST', `/v1/complaints/${c.body.id}/accept`, { token, body: {}, headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.version).toBe(2);
    const read = await t.api('GET', `/v1/complaints/${c.body.id}`, { token });
    expect(read.body.timeline).toHaveLength(2);
  });

  /** A request's answer as sent: status, the headers a client reads, and the body's bytes. */
  const raw = async (path: string, token: string, body: unknown, key: string) => {
    const res = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), replayed: res.headers.get('idempotent-replayed'), text: await res.text() };
  };
  const recordsOf = (key: string) =>
    (t.server.store as SqlStore).db.selectFrom('idempotency').select(['status_code', 'response']).where('key', '=', key).execute();
  const recordOf = (key: string) =>
    (t.server.store as SqlStore).db.selectFrom('idempotency').select(['status_code', 'response']).where('key', '=', key).executeTakeFirstOrThrow();

  it("keeps no copy of a creation's answer (SQLite: no record at all), yet replays the first answer byte for byte after the complaint changed (0027, 0028)", async () => {
    const token = await t.token('u-sb-handler');
    const body = registration({ description: 'first-result-marker 年费争议' });
    const first = await raw('/v1/complaints', token, body, 'k-first-1');
    expect(first.status).toBe(201);
    // PostgreSQL: the record refers to the complaint created under its key, whose document is the
    // answer. SQLite: no record; the key kept with the complaint finds that document.
    expect(await recordsOf('k-first-1')).toEqual(backend === 'sqlite' ? [] : [{ status_code: 201, response: null }]);
    const unchanged = await raw('/v1/complaints', token, body, 'k-first-1');
    expect(unchanged).toEqual({ ...first, replayed: 'true' });

    // Two steps later the complaint is another; the answer to the creation is still the first one.
    const id = (JSON.parse(first.text) as { id: string }).id;
    for (const step of ['accept', 'start']) expect((await t.api('POST', `/v1/complaints/${id}/${step}`, { token, body: {} })).status).toBe(200);
    expect((await recordOf('k-first-1')).response).toBe(first.text);
    const later = await raw('/v1/complaints', token, body, 'k-first-1');
    expect(later).toEqual({ ...first, replayed: 'true' });
    expect(JSON.parse(later.text).version).toBe(1);
    expect((await t.api('GET', `/v1/complaints/${id}`, { token })).body.version).toBe(3);
  });

  it("copies a creation's first answer before any write changes the document, a version or not (0027)", async () => {
    const token = await t.token('u-sb-handler');
    const body = registration({ description: 'first-result-marker-2 年费争议' });
    const first = await raw('/v1/complaints', token, body, 'k-first-2');
    const id = (JSON.parse(first.text) as { id: string }).id;
    // As a deadline refresh or the identity rehash does: the document rewritten, the version kept.
    const db = (t.server.store as SqlStore).db;
    const { document } = await db.selectFrom('complaints').select('document').where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('complaints').set({ document: JSON.stringify({ ...JSON.parse(document), description: 'rewritten' }) }).where('id', '=', id).execute();
    expect((await recordOf('k-first-2')).response).toBe(first.text);
    expect(await raw('/v1/complaints', token, body, 'k-first-2')).toEqual({ ...first, replayed: 'true' });
  });

  it('still fills in a record 0027 wrote without a copy (before 0028) when the document first changes', async () => {
    const token = await t.token('u-sb-handler');
    const body = registration({ description: 'record-before-0028-marker' });
    const first = await raw('/v1/complaints', token, body, 'k-before-0028');
    const db = (t.server.store as SqlStore).db;
    const { creation_scope, creation_hash } = await db
      .selectFrom('complaints')
      .select(['creation_scope', 'creation_hash'])
      .where('creation_key', '=', 'k-before-0028')
      .executeTakeFirstOrThrow();
    // As a keyed creation wrote it between 0027 and 0028 (PostgreSQL still does): response null.
    await db
      .insertInto('idempotency')
      .values({ scope: creation_scope as string, key: 'k-before-0028', request_hash: creation_hash as string, status_code: 201, response: null, created_at: Date.now() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const id = (JSON.parse(first.text) as { id: string }).id;
    expect((await t.api('POST', `/v1/complaints/${id}/accept`, { token, body: {} })).status).toBe(200);
    expect(await recordsOf('k-before-0028')).toEqual([{ status_code: 201, response: first.text }]);
    expect(await raw('/v1/complaints', token, body, 'k-before-0028')).toEqual({ ...first, replayed: 'true' });
  });

  it("refuses a creation's key on any other request, with or without a record (0028)", async () => {
    const token = await t.token('u-sb-handler');
    const headers = { 'Idempotency-Key': 'k-created-then-step' };
    const first = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'key-reuse-step-marker' }), headers });
    expect(first.status).toBe(201);
    const step = await t.api('POST', `/v1/complaints/${first.body.id}/accept`, { token, body: {}, headers });
    expect(step.status).toBe(422);
    expect(step.body.code).toBe('idempotency_key_reused');
    expect((await t.api('GET', `/v1/complaints/${first.body.id}`, { token })).body.status).toBe('registered');
    // Without its key the step runs, and the key still replays the creation's first answer.
    expect((await t.api('POST', `/v1/complaints/${first.body.id}/accept`, { token, body: {} })).status).toBe(200);
    const again = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'key-reuse-step-marker' }), headers });
    expect([again.status, again.body.id, again.body.status, again.body.version]).toEqual([201, first.body.id, 'registered', 1]);
  });

  it('creates one complaint from concurrent duplicates', async () => {
    const token = await t.token('u-sb-frontline');
    const body = registration({ description: 'concurrent-marker' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.api('POST', '/v1/complaints', { token, body, headers: { 'Idempotency-Key': 'k-race-1' } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
    expect(await countWith('concurrent-marker')).toBe(1);
  });
});
