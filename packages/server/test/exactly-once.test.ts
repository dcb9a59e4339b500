import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDEMPOTENCY_TTL_MS, startIdempotencyExpiry } from '../src/jobs/expire-idempotency.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** The injected "now": Monday 2 March 2026, 10:00 in Shanghai. */
const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;

/**
 * Issue #11: an outbox item whose answer was lost, retried after 25 h offline, made a second
 * complaint once the 24 h idempotency record had expired. The creating key now stays on the complaint.
 */
describe.each(BACKENDS)('creation stays exactly-once past the idempotency window (%s)', (backend) => {
  let t: TestServer;
  let now = T0;
  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => now });
  });
  afterAll(() => t?.close());

  /** Runs the real expiry job once at the injected time; returns how many records it deleted. */
  const expireNow = async () => {
    let deleted = 0;
    const store = { expireIdempotency: async (before: number) => (deleted = await t.server.store.expireIdempotency(before)) };
    const stop = startIdempotencyExpiry({ store: store as never, now: () => now, ttlMs: DEFAULT_IDEMPOTENCY_TTL_MS, everyMs: HOUR });
    stop();
    await new Promise((r) => setTimeout(r, 50));
    return deleted;
  };
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
    expect(await expireNow()).toBeGreaterThanOrEqual(1);
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
});
