import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** The injected "now": Monday 2 March 2026, 10:00 in Shanghai, months before the machine's clock. */
const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;

describe.each(BACKENDS)('one injected clock (%s)', (backend) => {
  let t: TestServer;
  let now = T0;
  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => now });
  });
  afterAll(() => t?.close());

  it('stamps complaints and idempotency records with the injected time', async () => {
    const token = await t.token('u-sb-frontline');
    const res = await t.api('POST', '/v1/complaints', { token, body: registration() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.createdAt).toBe(new Date(T0).toISOString());
    // A keyed step writes a record (a keyed creation writes none on SQLite: migration 0028).
    const handler = await t.token('u-sb-handler');
    const step = await t.api('POST', `/v1/complaints/${res.body.id}/accept`, { token: handler, body: {}, headers: { 'Idempotency-Key': 'k-clock-1' } });
    expect(step.status, JSON.stringify(step.body)).toBe(200);
    // The record is as old as the injected clock says: nothing before T0, exactly it just after.
    expect(await t.server.store.expireIdempotency(T0)).toBe(0);
    expect(await t.server.store.expireIdempotency(T0 + 1)).toBe(1);
  });

  it('judges token expiry by the injected time', async () => {
    now = T0;
    const token = await t.server.issueToken({ sub: 'u-sb-handler', kind: 'staff', role: 'handler', org: 'SB-4403' }, '1h');
    expect((await t.api('GET', '/v1/me', { token })).status).toBe(200);
    now = T0 + 2 * HOUR;
    const late = await t.api('GET', '/v1/me', { token });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('unauthenticated');
    now = T0;
  });
});
