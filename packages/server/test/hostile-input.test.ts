import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** Input a hostile client sends that once answered 500 or was silently accepted (issue #11). */
describe.each(BACKENDS)('hostile input (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const expectProblem = (res: { status: number; body: AnyJson; headers: Headers }, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.status).toBe(status);
  };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'limitt'])(
    'refuses the unknown query key %s with 400 naming it',
    async (key) => {
      const token = await t.token('u-sb-handler');
      const list = await t.api('GET', `/v1/complaints?${key}=1`, { token });
      expectProblem(list, 400);
      expect(list.body.errors.map((e: { path: string }) => e.path)).toEqual([key]);
      const events = await t.api('GET', `/v1/events?${key}=1`, { token });
      expectProblem(events, 400);
      expect(events.body.errors.map((e: { path: string }) => e.path)).toEqual([key]);
    },
  );

  it('still takes every known list filter and the stream resume parameters', async () => {
    const token = await t.token('u-sb-handler');
    expect((await t.api('GET', '/v1/complaints?status=registered&limit=5&q=x&overdue=false', { token })).status).toBe(200);
    const ctrl = new AbortController();
    const res = await fetch(`${t.url}/v1/events?lastEventId=0&access_token=${token}`, { signal: ctrl.signal });
    expect(res.status).toBe(200);
    ctrl.abort();
  });

  it('refuses a deeply nested body with 400 before hashing it for idempotency, and writes nothing', async () => {
    const token = await t.token('u-sb-frontline');
    const before = await t.server.store.lastEventSeq();
    for (const depth of [17, 5_000, 200_000]) {
      const body = `{"description":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const res = await t.api('POST', '/v1/complaints', { token, body, headers: { 'Idempotency-Key': `deep-${depth}` } });
      expectProblem(res, 400);
      expect(res.body.errors[0].message).toMatch(/levels deep/);
    }
    // Brackets inside strings are text, not nesting.
    const text = registration({ description: `${'['.repeat(100)} 年费 ${'{'.repeat(100)}` });
    expect((await t.api('POST', '/v1/complaints', { token, body: text, headers: { 'Idempotency-Key': 'deep-text' } })).status).toBe(201);
    expect(await t.server.store.lastEventSeq()).toBe(before + 1);
  });

  it.each([
    ['text/plain', JSON.stringify(registration())],
    ['application/x-www-form-urlencoded', 'description=x'],
    ['application/xml', '<complaint/>'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
  ])('answers a %s body with 415 and writes nothing', async (type, body) => {
    const token = await t.token('u-sb-frontline');
    const before = await t.server.store.lastEventSeq();
    const res = await fetch(`${t.url}/v1/complaints`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('unsupported_media_type');
    expect(await t.server.store.lastEventSeq()).toBe(before);
  });

  it('accepts JSON with a charset and an empty body without a type', async () => {
    const token = await t.token('u-sb-frontline');
    const created = await fetch(`${t.url}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(registration()),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const accepted = await fetch(`${t.url}/v1/complaints/${id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(accepted.status).toBe(200);
  });

  it("refuses dates before the bank's start or in the future, naming the field, and writes nothing", async () => {
    const token = await t.token('u-sb-handler');
    const before = await t.server.store.lastEventSeq();
    const year1 = await t.api('POST', '/v1/complaints', { token, body: registration({ receivedAt: '0001-01-01T00:00:00Z' }) });
    expectProblem(year1, 400);
    expect(year1.body.errors).toEqual([{ path: 'receivedAt', message: expect.stringMatching(/before 1999-12-31T16:00:00.000Z/) }]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expectProblem(await t.api('POST', '/v1/complaints', { token, body: registration({ receivedAt: tomorrow }) }), 400);
    expect(await t.server.store.lastEventSeq()).toBe(before);
    // Within the clock skew is fine.
    const soon = new Date(Date.now() + 60_000).toISOString();
    const created = await t.api('POST', '/v1/complaints', { token, body: registration({ receivedAt: soon }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const action of ['accept', 'start']) expect((await t.api('POST', `/v1/complaints/${created.body.id}/${action}`, { token, body: {} })).status).toBe(200);
    const respond = await t.api('POST', `/v1/complaints/${created.body.id}/respond`, {
      token,
      body: { outcome: 'upheld', basis: '章程', remediesOffered: ['review'], notifiedVia: 'sms', notifiedAt: '3000-01-01T00:00:00+08:00' },
    });
    expectProblem(respond, 400);
    expect(respond.body.errors.map((e: { path: string }) => e.path)).toEqual(['notifiedAt']);
    const list = await t.api('GET', '/v1/complaints?receivedFrom=0001-01-01T00:00:00Z', { token });
    expectProblem(list, 400);
    expect(list.body.errors.map((e: { path: string }) => e.path)).toEqual(['receivedFrom']);
  });
});
