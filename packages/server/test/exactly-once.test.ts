import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDEMPOTENCY_TTL_MS, startIdempotencyExpiry } from '../src/jobs/expire-idempotency.js';
import type { SqlStore } from '../src/store/sql-store.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** The injected "now": Monday 2 March 2026, 10:00 in Shanghai. */
const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;

/**
 * Issue #11: an outbox item whose answer was lost, retried after 25 h offline, made a second
 * complaint once the 24 h idempotency record had expired. The creating key now stays on the complaint,
 * and a step's key on the event it wrote (a follow-up retried late was recorded twice).
 */
describe.each(BACKENDS)('creation and lifecycle steps stay exactly-once past the idempotency window (%s)', (backend) => {
  let t: TestServer;
  let now = T0;
  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => now });
  });
  afterAll(() => t?.close());

  /** Runs the real expiry job once at the injected time; returns how many records it deleted. */
  const expireNow = () =>
    new Promise<number>((resolve, reject) => {
      // Settles when the job's own call to the store does: a fixed wait (50 ms) was too short for
      // PostgreSQL on a loaded machine, and the job then seemed to have deleted nothing.
      const store = {
        expireIdempotency: (before: number) => t.server.store.expireIdempotency(before).then((n) => (resolve(n), n), (e: unknown) => (reject(e), 0)),
      };
      const stop = startIdempotencyExpiry({ store: store as never, now: () => now, ttlMs: DEFAULT_IDEMPOTENCY_TTL_MS, everyMs: HOUR });
      stop();
    });
  const recordsOf = (key: string) => (t.server.store as SqlStore).db.selectFrom('idempotency').select('key').where('key', '=', key).execute();
  const countWith = async (text: string) => {
    const res = await t.api('GET', `/v1/complaints?limit=100&q=${encodeURIComponent(text)}`, { token: await t.token('system') });
    return res.body.data.length as number;
  };

  it('answers a retry 25 h later, after the record expired, with the complaint the lost answer carried', async () => {
    now = T0;
    const token = await t.token('u-sb-frontline');
    const body = registration({ description: 'offline-25h-marker 年费争议' });
    const headers = { 'Idempotency-Key': 'k-outbox-25h' };
    // The answer is lost on the way back: the outbox never learns the id.
    const lost = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect(lost.status).toBe(201);

    now = T0 + 25 * HOUR;
    // PostgreSQL: the creation's record expires. SQLite: a keyed creation writes none (0028).
    expect(await expireNow()).toBeGreaterThanOrEqual(backend === 'postgres' ? 1 : 0);
    expect(await recordsOf('k-outbox-25h')).toEqual([]);
    const retry = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(lost.body.id);
    expect(retry.body.complainant).toEqual(lost.body.complainant);
    expect(await countWith('offline-25h-marker')).toBe(1);
  });

  it('answers with the complaint as it is now when it moved on meanwhile, and refuses the key for another body', async () => {
    now = T0;
    const token = await t.token('u-sb-handler');
    const body = registration({ description: 'offline-moved-marker' });
    const headers = { 'Idempotency-Key': 'k-outbox-moved' };
    const first = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect((await t.api('POST', `/v1/complaints/${first.body.id}/accept`, { token, body: {} })).status).toBe(200);
    now = T0 + 20 * 24 * HOUR;
    await expireNow();
    const retry = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.status).toBe('accepted');
    const other = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'offline-moved-marker two' }), headers });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await countWith('offline-moved-marker')).toBe(1);
  });

  it('answers as now, not with a record written for a change made after the window, before the expiry job ran (0028)', async () => {
    now = T0;
    const token = await t.token('u-sb-handler');
    const body = registration({ description: 'late-change-marker' });
    const headers = { 'Idempotency-Key': 'k-late-change' };
    const first = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect(first.body.status).toBe('registered');
    // 25 h later, and no expiry run since: the complaint changes (0028's trigger on SQLite wrote the
    // record it keeps a first answer in, stamped with the registration time, then past the window).
    now = T0 + 25 * HOUR;
    expect((await t.api('POST', `/v1/complaints/${first.body.id}/accept`, { token, body: {} })).status).toBe(200);
    const retry = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body.id, retry.body.status]).toEqual([201, 'true', first.body.id, 'accepted']);
    // The next expiry run deletes whatever record the key had.
    await expireNow();
    expect(await recordsOf('k-late-change')).toEqual([]);
  });

  it('writes no record for a keyed creation when its complaint changes after the window, a step or a rewrite, before or after an expiry run (0029)', async () => {
    now = T0;
    const token = await t.token('u-sb-handler');
    const body = registration({ description: 'late-change-no-record-marker' });
    const headers = { 'Idempotency-Key': 'k-old' };
    const first = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect(first.status).toBe(201);
    now = T0 + 26 * HOUR;
    await expireNow();
    expect((await t.api('POST', `/v1/complaints/${first.body.id}/accept`, { token, body: {} })).status).toBe(200);
    expect(await recordsOf('k-old')).toEqual([]);
    // As the deadline refresh and the identity rehash do: the document rewritten, version and
    // updated_at kept, after an expiry run.
    await expireNow();
    const db = (t.server.store as SqlStore).db;
    for (const marker of ['rewritten once', 'rewritten twice']) {
      const { document } = await db.selectFrom('complaints').select('document').where('id', '=', first.body.id).executeTakeFirstOrThrow();
      await db.updateTable('complaints').set({ document: JSON.stringify({ ...JSON.parse(document), description: marker }) }).where('id', '=', first.body.id).execute();
      expect(await recordsOf('k-old')).toEqual([]);
    }
    // The key still answers with the complaint as it is now, and makes no second one.
    const retry = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body.id, retry.body.status, retry.body.description]).toEqual([201, 'true', first.body.id, 'accepted', 'rewritten twice']);
    expect(await db.selectFrom('complaints').select('id').where('creation_key', '=', 'k-old').execute()).toEqual([{ id: first.body.id }]);
  });

  it('still keeps the first answer for a change made just inside the window, and replays it byte for byte (0029)', async () => {
    now = T0;
    const token = await t.token('u-sb-handler');
    const body = registration({ description: 'edge-of-window-marker' });
    const headers = { 'Idempotency-Key': 'k-edge' };
    const first = await t.api('POST', '/v1/complaints', { token, body, headers });
    now = T0 + 24 * HOUR - 60_000;
    expect((await t.api('POST', `/v1/complaints/${first.body.id}/accept`, { token, body: {} })).status).toBe(200);
    expect(await recordsOf('k-edge')).toEqual([{ key: 'k-edge' }]);
    const retry = await t.api('POST', '/v1/complaints', { token, body, headers });
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(retry.body).toEqual(first.body);
    expect(retry.body.version).toBe(1);
  });

  it('creates one complaint from concurrent duplicates after the record expired', async () => {
    now = T0;
    const token = await t.token('u-sb-frontline');
    const body = registration({ description: 'offline-race-marker' });
    const headers = { 'Idempotency-Key': 'k-outbox-race' };
    const first = await t.api('POST', '/v1/complaints', { token, body, headers });
    now = T0 + 48 * HOUR;
    await expireNow();
    const again = await Promise.all(Array.from({ length: 6 }, () => t.api('POST', '/v1/complaints', { token, body, headers })));
    expect(again.map((r) => [r.status, r.body.id])).toEqual(Array(6).fill([201, first.body.id]));
    expect(await countWith('offline-race-marker')).toBe(1);
  });

  /** A complaint registered at T0 and taken to `responded` by the sub-branch (keyless steps). */
  const responded = async (marker: string) => {
    now = T0;
    const handler = await t.token('u-sb-handler');
    const created = await t.api('POST', '/v1/complaints', { token: handler, body: registration({ description: marker }) });
    const id = created.body.id as string;
    for (const [action, body] of [
      ['accept', {}],
      ['start', { assigneeId: 'u-sb-handler' }],
      ['respond', { outcome: 'upheld', basis: '《信用卡章程》第十条', remedy: '退还年费', amount: 200, remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: new Date(T0).toISOString() }],
    ] as const) {
      expect((await t.api('POST', `/v1/complaints/${id}/${action}`, { token: handler, body })).status).toBe(200);
    }
    return id;
  };

  it('records a follow-up once when its retry comes 25 h later, after the record expired', async () => {
    const id = await responded('offline-follow-up-marker');
    const token = await t.token('u-sb-frontline');
    const headers = { 'Idempotency-Key': 'k-outbox-follow-up' };
    const body = { reached: false };
    const lost = await t.api('POST', `/v1/complaints/${id}/follow-up`, { token, body, headers });
    expect(lost.status).toBe(200);
    expect(lost.body.followUps).toHaveLength(1);

    now = T0 + 25 * HOUR;
    expect(await expireNow()).toBeGreaterThanOrEqual(1);
    const retry = await t.api('POST', `/v1/complaints/${id}/follow-up`, { token, body, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.followUps).toHaveLength(1);
    const read = await t.api('GET', `/v1/complaints/${id}`, { token });
    expect(read.body.timeline.filter((e: { type: string }) => e.type === 'follow_up')).toHaveLength(1);
    expect(read.body.version).toBe(lost.body.version);

    // The same key for another step body is refused; a new key is a new attempt.
    const other = await t.api('POST', `/v1/complaints/${id}/follow-up`, { token, body: { reached: true, satisfaction: 5, decisionAccepted: true }, headers });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    const second = await t.api('POST', `/v1/complaints/${id}/follow-up`, { token, body: { reached: true, satisfaction: 5, decisionAccepted: true }, headers: { 'Idempotency-Key': 'k-outbox-follow-up-2' } });
    expect(second.status).toBe(200);
    expect(second.body.followUps).toHaveLength(2);
  });

  it('answers a transfer retried after the record expired with the complaint where it went, not a refusal', async () => {
    now = T0;
    const token = await t.token('u-sb-handler');
    const created = await t.api('POST', '/v1/complaints', { token, body: registration({ description: 'offline-transfer-marker' }) });
    const id = created.body.id as string;
    const headers = { 'Idempotency-Key': 'k-outbox-transfer' };
    const body = { toOrgId: 'SB-4401', reason: '客户在广州办理业务' };
    const lost = await t.api('POST', `/v1/complaints/${id}/transfer`, { token, body, headers });
    expect(lost.status).toBe(200);
    expect(lost.body.handlingOrgId).toBe('SB-4401');

    now = T0 + 3 * 24 * HOUR;
    await expireNow();
    const retry = await t.api('POST', `/v1/complaints/${id}/transfer`, { token, body, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.handlingOrgId).toBe('SB-4401');
    const read = await t.api('GET', `/v1/complaints/${id}`, { token: await t.token('u-gz-handler') });
    expect(read.body.timeline.filter((e: { type: string }) => e.type === 'transfer')).toHaveLength(1);
    // Without a key the refusal still comes first: the sub-branch no longer holds the pen.
    const unkeyed = await t.api('POST', `/v1/complaints/${id}/transfer`, { token, body });
    expect(unkeyed.status).toBe(403);
  });

  it('still refuses a keyed step on a complaint the caller cannot see, and runs concurrent duplicates once', async () => {
    const id = await responded('offline-step-race-marker');
    const stranger = await t.api('POST', `/v1/complaints/${id}/follow-up`, { token: await t.token('u-bj-handler'), body: { reached: false }, headers: { 'Idempotency-Key': 'k-stranger' } });
    expect(stranger.status).toBe(404);

    const token = await t.token('u-sb-frontline');
    const headers = { 'Idempotency-Key': 'k-outbox-step-race' };
    const first = await t.api('POST', `/v1/complaints/${id}/follow-up`, { token, body: { reached: false }, headers });
    now = T0 + 48 * HOUR;
    await expireNow();
    const again = await Promise.all(Array.from({ length: 6 }, () => t.api('POST', `/v1/complaints/${id}/follow-up`, { token, body: { reached: false }, headers })));
    expect(again.map((r) => [r.status, r.body.followUps.length])).toEqual(Array(6).fill([200, 1]));
    expect(first.body.followUps).toHaveLength(1);
  });
});
