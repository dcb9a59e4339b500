import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** Registrations with one bad field each, and the path the problem must name. */
const BAD_REGISTRATIONS: [string, Record<string, unknown>, string][] = [
  ['missing description', { description: undefined }, 'description'],
  ['blank description', { description: '   ' }, 'description'],
  ['description of the wrong type', { description: 42 }, 'description'],
  ['too long a description', { description: 'x'.repeat(5001) }, 'description'],
  ['unknown business category', { businessCategory: 'B77' }, 'businessCategory'],
  ['unknown intake channel', { intakeChannel: 'pigeon' }, 'intakeChannel'],
  ['unknown severity', { severity: 'urgent' }, 'severity'],
  ['malformed phone', { complainant: { name: '张三', phone: 'call me' } }, 'complainant.phone'],
  ['malformed ID number', { complainant: { name: '张三', idNumber: '12345' } }, 'complainant.idNumber'],
  ['missing complainant name', { complainant: { phone: '13812345678' } }, 'complainant.name'],
  ['malformed region', { regionCode: '44' }, 'regionCode'],
  ['receivedAt without offset', { receivedAt: '2026-03-01 09:00' }, 'receivedAt'],
  ['negative attachment size', { attachments: [{ name: 'a.pdf', contentType: 'application/pdf', size: -1 }] }, 'attachments.0.size'],
  ['malformed repeatOf', { repeatOf: 'X-1' }, 'repeatOf'],
  ['unknown handling organisation', { handlingOrgId: 'NOWHERE' }, 'handlingOrgId'],
  ['handling organisation outside the caller', { handlingOrgId: 'BR-11' }, 'handlingOrgId'],
];

describe.each(BACKENDS)('bad input (%s)', (backend) => {
  let t: TestServer;
  let target: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const c = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-handler'), body: registration() });
    target = c.body.id;
  });
  afterAll(() => t?.close());

  const snapshot = async () => {
    const list = await t.api('GET', '/v1/complaints?limit=100', { token: await t.token('system') });
    return { ids: list.body.data.map((c: { id: string; version: number }) => `${c.id}@${c.version}`), seq: await t.server.store.lastEventSeq() };
  };
  const expect400 = (res: { status: number; body: AnyJson; headers: Headers }, path: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.requestId).toEqual(expect.any(String));
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  };

  it.each(BAD_REGISTRATIONS)('registration with %s: 400 naming the field, nothing written', async (_name, over, path) => {
    const before = await snapshot();
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration(over) });
    expect400(res, path);
    expect(await snapshot()).toEqual(before);
  });

  it('names the body when it is not a JSON object', async () => {
    const token = await t.token('u-sb-frontline');
    for (const body of ['{"description": ', '[1,2]', '"text"']) {
      const res = await t.api('POST', '/v1/complaints', { token, body });
      expect400(res, '');
    }
  });

  it('refuses an oversized body without writing', async () => {
    const before = await snapshot();
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ description: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('validation_failed');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bidirectional override control in new text with a 400 naming the field and saying to remove it, and keeps isolates', async () => {
    const before = await snapshot();
    const token = await t.token('u-sb-frontline');
    // U+202E shows 测试 reversed (试测) in every inbox that lists it.
    for (const [over, path] of [
      [{ description: '\u202E测试 年费被扣' }, 'description'],
      [{ complainant: { name: '张三\u202D', phone: '13812345678' } }, 'complainant.name'],
    ] as const) {
      const res = await t.api('POST', '/v1/complaints', { token, body: registration(over) });
      expect400(res, path);
      expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(/^must not contain the bidirectional embedding or override controls U\+202A to U\+202E .*: remove them/) }]);
    }
    const reason = await t.api('POST', `/v1/complaints/${target}/decline`, { token: await t.token('u-sb-manager'), body: { reason: '\u202B非消费投诉' } });
    expect400(reason, 'reason');
    expect(await snapshot()).toEqual(before);
    // The isolates are the way to put a right-to-left name in Chinese text: taken.
    const name = '\u2067ئابدۇرېھىم\u2069';
    const ok = await t.api('POST', '/v1/complaints', { token, body: registration({ complainant: { name, phone: '13812345678' }, description: `客户 ${name} 反映年费被扣` }) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.complainant.name).toBe(name);
  });

  it('names every bad field at once', async () => {
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ cause: 'C00', businessChannel: 'A9' }) });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['businessChannel', 'cause']);
  });

  it.each([
    ['decline', {}, 'reason'],
    ['follow-up', { reached: true }, 'satisfaction'],
    ['respond', { outcome: 'upheld', basis: 'x', remediesOffered: [], notifiedVia: 'phone', notifiedAt: '2026-03-01T00:00:00Z' }, 'remediesOffered'],
    ['extend', { reason: '复杂' }, 'complainantNotifiedAt'],
    ['transfer', { reason: '属地' }, 'toOrgId'],
    ['merge', { intoComplaintId: 'nope', reason: 'dup' }, 'intoComplaintId'],
    ['escalate', { severity: 'normal', reason: 'x' }, 'severity'],
  ])('action %s with a bad body: 400 naming %s, nothing written', async (action, body, path) => {
    const before = await snapshot();
    // A role that may take the action: a role that may not is refused (403) before its body is read.
    const who = action === 'follow-up' || action === 'respond' ? 'u-sb-handler' : 'u-sb-manager';
    const res = await t.api('POST', `/v1/complaints/${target}/${action}`, { token: await t.token(who), body });
    expect400(res, path);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['status=bogus', 'status.0'],
    ['limit=0', 'limit'],
    ['limit=many', 'limit'],
    ['overdue=maybe', 'overdue'],
    ['region=4', 'region'],
    ['receivedFrom=yesterday', 'receivedFrom'],
    ['businessCategory=B03&businessCategory=X', 'businessCategory.1'],
  ])('list with %s: 400 naming %s', async (query, path) => {
    const res = await t.api('GET', `/v1/complaints?${query}`, { token: await t.token('u-sb-manager') });
    expect400(res, path);
  });

  it('says a date without time needs a date-time with an offset, with an example', async () => {
    const res = await t.api('GET', '/v1/complaints?receivedFrom=2026-11-01', { token: await t.token('u-sb-manager') });
    expect400(res, 'receivedFrom');
    expect(JSON.stringify(res.body)).toContain('2026-11-01T00:00:00+08:00');
    expect(JSON.stringify(res.body)).not.toContain('Invalid ISO datetime');
  });

  it('says a number beyond 2^53 is too big once, by the bound the document gives, never by a bound masked as a card number', async () => {
    // 2^53 - 1, the bound every integer has inside, is 16 digits: the problem's masking took it for a card number.
    const res = await t.api('GET', '/v1/complaints?limit=99999999999999999999', { token: await t.token('u-sb-manager') });
    expect400(res, 'limit');
    expect(res.body.errors).toEqual([{ path: 'limit', message: 'Too big: expected number to be <=100' }]);
    expect(res.body.detail).not.toContain('*');
    const alone = await t.api('POST', '/v1/alert-rules', {
      token: await t.token('u-sb-manager'),
      body: { name: '逾期', metric: 'overdueOpen', direction: 'above', threshold: 5, minimumVolume: 1e20 },
    });
    expect400(alone, 'minimumVolume');
    expect(alone.body.errors).toEqual([{ path: 'minimumVolume', message: expect.stringMatching(/^Too big: expected a whole number/) }]);
    expect(alone.body.detail).not.toContain('*');
  });

  it('rejects a malformed Idempotency-Key and Last-Event-ID', async () => {
    const token = await t.token('u-sb-frontline');
    const res = await t.api('POST', '/v1/complaints', { token, body: registration(), headers: { 'Idempotency-Key': 'x'.repeat(256) } });
    expect400(res, 'Idempotency-Key');
    const stream = await t.api('GET', '/v1/events', { token, headers: { 'Last-Event-ID': 'yesterday' } });
    expect400(stream, 'Last-Event-ID');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.api('GET', '/v1/nothing-here', { token: await t.token('u-sb-frontline') });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', status: 404 });
    expect((await t.api('POST', `/v1/complaints/${target}/dance`, { body: {} })).status).toBe(404);
    expect((await t.api('GET', '/v1/complaints/CK20990101-000001', { token: await t.token('u-sb-frontline') })).status).toBe(404);
  });
});
