import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

const DAY = 86_400_000;
/** The injected "now": Monday 2 March 2026, 10:00 in Shanghai. */
const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(BACKENDS)('list filters and pagination (%s)', (backend) => {
  let t: TestServer;
  let now = T0;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => now });
    const sys = await t.token('system');
    const add = async (name: string, over: Record<string, unknown>) => {
      const res = await t.api('POST', '/v1/complaints', { token: sys, body: registration(over) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[name] = res.body.id;
    };
    // Received 20 days ago: past its 15-day deadline.
    await add('overdue', { handlingOrgId: 'SB-4403', receivedAt: iso(T0 - 20 * DAY), description: '逾期 marker-overdue' });
    // Received 13 days ago: within 2 days of the deadline.
    await add('dueSoon', { handlingOrgId: 'OT-440305', receivedAt: iso(T0 - 13 * DAY), businessCategory: 'B0201', cause: 'C01', regionCode: '440305' });
    await add('fresh', { handlingOrgId: 'SB-4401', receivedAt: iso(T0 - DAY), intakeChannel: 'hotline', businessChannel: 'A010303', regionCode: '440106', severity: 'sensitive' });
    await add('beijing', { handlingOrgId: 'BR-11', receivedAt: iso(T0 - 2 * DAY), regionCode: '110105', businessCategory: 'B01', requestedResolution: '请求赔偿 marker-resolution' });
    await add('centre', { handlingOrgId: 'CC-CARD', receivedAt: iso(T0 - 30 * DAY), regionCode: null });
    // The centre's complaint was answered: no deadline runs any more, so it is not overdue.
    const handler = await t.server.issueToken({ sub: 'u-cc', kind: 'staff', role: 'handler', org: 'CC-CARD' });
    for (const [action, body] of [
      ['accept', {}],
      ['start', {}],
      ['respond', { outcome: 'upheld', basis: '章程', remediesOffered: ['review'], notifiedVia: 'sms', notifiedAt: iso(T0) }],
    ] as const) {
      const res = await t.api('POST', `/v1/complaints/${ids.centre}/${action}`, { token: handler, body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    // Assigned to a handler (start without assignee assigns the caller).
    const sb = await t.token('u-sb-handler');
    await t.api('POST', `/v1/complaints/${ids.overdue}/accept`, { token: sb, body: {} });
    await t.api('POST', `/v1/complaints/${ids.overdue}/start`, { token: sb, body: {} });
  });
  afterAll(() => t?.close());

  const list = async (query: string, who = 'system') => {
    const res = await t.api('GET', `/v1/complaints?${query}`, { token: await t.token(who) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.data as { id: string }[]).map((c) => Object.entries(ids).find(([, id]) => id === c.id)?.[0] ?? c.id);
  };

  it.each([
    ['status=registered&status=in_progress', ['beijing', 'fresh', 'dueSoon', 'overdue']],
    ['status=responded', ['centre']],
    ['orgId=SB-4403', ['dueSoon', 'overdue']],
    ['orgId=BR-44', ['fresh', 'dueSoon', 'overdue']],
    ['businessCategory=B02', ['dueSoon']],
    ['businessCategory=B0302&businessCategory=B01', ['centre', 'beijing', 'fresh', 'overdue']],
    ['businessChannel=A0103', ['fresh']],
    ['intakeChannel=hotline', ['fresh']],
    ['cause=C01', ['dueSoon']],
    ['severity=sensitive', ['fresh']],
    ['region=44', ['fresh', 'dueSoon', 'overdue']],
    ['region=4403', ['dueSoon', 'overdue']],
    [`receivedFrom=${iso(T0 - 14 * DAY)}&receivedTo=${iso(T0 - 2 * DAY)}`, ['beijing', 'dueSoon']],
    ['overdue=true', ['overdue']],
    ['dueSoon=true', ['dueSoon']],
    ['assigneeId=u-sb-handler', ['overdue']],
    ['q=MARKER-OVERDUE', ['overdue']],
    ['q=marker-resolution', ['beijing']],
    ['q=13812345678', []],
  ])('%s', async (query, expected) => {
    expect(await list(query)).toEqual(expected);
  });

  it('finds a complaint by words apart, in any order, and by a number typed in full-width characters (a Chinese IME)', async () => {
    // The staff inbox's search box: "逾期 overdue" finds 逾期 marker-overdue; an ideographic space (U+3000) separates too.
    expect(await list(`q=${encodeURIComponent('marker-overdue 逾期')}`)).toEqual(['overdue']);
    expect(await list(`q=${encodeURIComponent('marker-resolution\u3000请求')}`)).toEqual(['beijing']);
    expect(await list(`q=${encodeURIComponent('marker-resolution 逾期')}`)).toEqual([]);
    const fullWidth = (ids.fresh as string).replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(await list(`q=${encodeURIComponent(fullWidth)}`)).toEqual(['fresh']);
  });

  it('answers 404 for an organisation that does not exist or lies outside the caller’s subtree', async () => {
    for (const [orgId, who] of [['NOWHERE', 'system'], ['NOWHERE', 'u-sb-handler'], ['BR-11', 'u-sb-handler']]) {
      const res = await t.api('GET', `/v1/complaints?orgId=${orgId}`, { token: await t.token(who as string) });
      expect([orgId, who, res.status, res.body.code]).toEqual([orgId, who, 404, 'not_found']);
    }
    expect(await list('orgId=SB-4403', 'u-sb-handler')).toEqual(['dueSoon', 'overdue']);
  });

  it('finds a complaint by its number and understands assigneeId=me', async () => {
    expect(await list(`q=${ids.fresh}`)).toEqual(['fresh']);
    expect(await list('assigneeId=me', 'u-sb-handler')).toEqual(['overdue']);
    expect(await list('overdue=true', 'u-bj-handler')).toEqual([]);
  });

  it('moves overdue and due soon with the injected clock', async () => {
    try {
      now = T0 + 3 * DAY;
      expect(await list('overdue=true')).toEqual(['dueSoon', 'overdue']);
      now = T0 - 10 * DAY;
      // A token issued at T0 would be from the future now (refused): take one issued at this time.
      const sys = await t.server.issueToken({ sub: 'sys-import', kind: 'system' });
      const res = await t.api('GET', '/v1/complaints?overdue=true', { token: sys });
      expect(res.body.data).toEqual([]);
    } finally {
      now = T0;
    }
  });

  it('refuses a cursor it did not give with a 400 naming cursor, instead of answering the first page', async () => {
    const sys = await t.token('system');
    for (const cursor of ['%FF%FE', Buffer.from('-5').toString('base64url'), 'not-a-cursor']) {
      const res = await t.api('GET', `/v1/complaints?limit=5&cursor=${cursor}`, { token: sys });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.errors).toEqual([{ path: 'cursor', message: expect.stringContaining('nextCursor') }]);
    }
  });

  it('answers an empty cursor with the first page, as one without (a client that always sends the parameter)', async () => {
    const sys = await t.token('system');
    const first = await t.api('GET', '/v1/complaints?limit=5', { token: sys });
    const empty = await t.api('GET', '/v1/complaints?limit=5&cursor=', { token: sys });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual(first.body);
  });

  it('pages newest first with no duplicates and no gaps', async () => {
    const sys = await t.token('system');
    for (let i = 0; i < 17; i++) {
      const res = await t.api('POST', '/v1/complaints', { token: sys, body: registration({ handlingOrgId: 'SB-4401', description: `page-marker ${i}` }) });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.api('GET', `/v1/complaints?limit=5${cursor ? `&cursor=${cursor}` : ''}`, { token: sys });
      expect(res.body.data.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(22);
    expect(new Set(seen).size).toBe(22);
    const all = await t.api('GET', '/v1/complaints?limit=100', { token: sys });
    expect(seen).toEqual(all.body.data.map((c: { id: string }) => c.id));
    expect(all.body.nextCursor).toBeNull();
    // Newest first: the last registered comes first.
    expect(all.body.data[0].description).toBe('page-marker 16');
  });
});
