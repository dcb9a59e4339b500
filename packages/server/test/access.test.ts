import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** Where the complaint is handled, relative to the caller's organisation SB-4403. */
const PLACES = { own: 'SB-4403', child: 'OT-440305', sibling: 'SB-4401', parent: 'BR-44' } as const;
type Place = keyof typeof PLACES;

/** One action each role may take on a registered complaint (the auditor's is refused). */
const ACTIONS = {
  frontline: { action: 'accept', body: {}, status: 'accepted' },
  handler: { action: 'accept', body: {}, status: 'accepted' },
  manager: { action: 'decline', body: { reason: '非消费投诉' }, status: 'declined' },
  leadership: { action: 'transfer', body: { toOrgId: 'SB-4403', reason: '属地管理' }, status: 'registered' },
  auditor: { action: 'accept', body: {}, status: null },
} as const;

describe.each(BACKENDS)('access matrix (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  /** Registered by the system, so the first responder has no organisation to widen who sees it. */
  const registerAt = async (orgId: string, customerId = 'C-1001') => {
    const res = await t.api('POST', '/v1/complaints', {
      token: await t.token('system'),
      body: registration({ intakeChannel: 'regulator_transfer', handlingOrgId: orgId, complainant: { name: '张三', phone: '13812345678', customerId } }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const statusOf = async (id: string) => (await t.api('GET', `/v1/complaints/${id}`, { token: await t.token('system') })).body.status;

  for (const role of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
    for (const place of Object.keys(PLACES) as Place[]) {
      const visible = place === 'own' || place === 'child';
      it(`${role} at SB-4403: complaint in ${place} organisation is ${visible ? 'visible' : 'invisible (404)'}`, async () => {
        const id = await registerAt(PLACES[place]);
        const token = await t.token(`u-sb-${role}`);
        const read = await t.api('GET', `/v1/complaints/${id}`, { token });
        expect(read.status).toBe(visible ? 200 : 404);
        const list = await t.api('GET', '/v1/complaints?limit=100', { token });
        expect(list.body.data.some((c: { id: string }) => c.id === id)).toBe(visible);

        const { action, body, status } = ACTIONS[role];
        const res = await t.api('POST', `/v1/complaints/${id}/${action}`, { token, body });
        if (!visible) {
          expect(res.status).toBe(404);
          expect(res.body.code).toBe('not_found');
          expect(await statusOf(id)).toBe('registered');
        } else if (role === 'auditor') {
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('forbidden');
          expect(await statusOf(id)).toBe('registered');
        } else {
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(await statusOf(id)).toBe(status);
        }
      });
    }
  }

  // A caller who may not see a complaint learns nothing from the body's validity: a bad body on a keyed
  // step (as the outbox and widgets send) is the same 404 as a good one, not a 400 that told the
  // complaint number apart from one that does not exist.
  it.each([
    ['a field of the wrong type', JSON.stringify({ reason: 5 })],
    ['a date out of bounds', JSON.stringify({ reason: '需核实', newFactsReceivedAt: '2999-01-01T00:00:00+08:00' })],
    ['JSON that does not parse', '{"reason":'],
  ])('a keyed step with %s on a complaint the caller cannot see is 404, as with a good body', async (_, bad) => {
    const id = await registerAt(PLACES.sibling);
    const token = await t.token('u-sb-handler');
    const send = (body: string) =>
      t.api('POST', `/v1/complaints/${id}/new-facts`, { token, body, headers: { 'idempotency-key': crypto.randomUUID() } });
    const good = await send(JSON.stringify({ reason: '需核实' }));
    const refused = await send(bad);
    expect([good.status, refused.status]).toEqual([404, 404]);
    expect(refused.body).toMatchObject({ code: 'not_found', detail: good.body.detail });
    // Where the caller may act, the bad body is still named.
    const own = await registerAt(PLACES.own);
    const named = await t.api('POST', `/v1/complaints/${own}/new-facts`, { token, body: bad, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect([400, 422]).toContain(named.status);
    expect(await statusOf(id)).toBe('registered');
  });

  it('auditors read masked data across their subtree and cannot register', async () => {
    const id = await registerAt('BR-11');
    const token = await t.token('u-ho-auditor');
    const read = await t.api('GET', `/v1/complaints/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.complainant).toMatchObject({ name: '张*', phone: '138****5678' });
    const create = await t.api('POST', '/v1/complaints', { token, body: registration() });
    expect(create.status).toBe(403);
    // The handler who may act gets the complainant unmasked.
    const handler = await t.api('GET', `/v1/complaints/${id}`, { token: await t.token('u-bj-handler') });
    expect(handler.body.complainant.phone).toBe('13812345678');
  });

  it('customers see and act on their own complaints only', async () => {
    const mine = await registerAt('SB-4403', 'C-7001');
    const theirs = await registerAt('SB-4403', 'C-7002');
    const token = await t.token('customer:C-7001');
    const own = await t.api('GET', `/v1/complaints/${mine}`, { token });
    expect(own.status).toBe(200);
    expect(own.body.complainant.phone).toBe('13812345678');
    expect((await t.api('GET', `/v1/complaints/${theirs}`, { token })).status).toBe(404);
    const list = await t.api('GET', '/v1/complaints', { token });
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([mine]);
    expect((await t.api('POST', `/v1/complaints/${theirs}/withdraw`, { token, body: {} })).status).toBe(404);
    expect(await statusOf(theirs)).toBe('registered');
    const withdrawn = await t.api('POST', `/v1/complaints/${mine}/withdraw`, { token, body: { reason: '已解决' } });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await t.api('GET', '/v1/organisations', { token })).body.data).toEqual([]);
  });

  it('refuses missing and bad tokens with 401', async () => {
    const none = await t.api('GET', '/v1/complaints');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthenticated');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await t.api('POST', '/v1/complaints', { body: registration() })).status).toBe(401);
    expect((await t.api('GET', '/v1/me', { token: 'not-a-jwt' })).status).toBe(401);
    const forged = await new SignJWT({ kind: 'staff', role: 'manager', org: 'HO' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-evil')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-0123456789'));
    expect((await t.api('GET', '/v1/me', { token: forged })).status).toBe(401);
    const expired = await t.server.issueToken({ sub: 'u-sb-handler', kind: 'staff', role: 'handler', org: 'SB-4403' }, -10);
    expect((await t.api('GET', '/v1/me', { token: expired })).status).toBe(401);
    const ghostOrg = await t.server.issueToken({ sub: 'u-x', kind: 'staff', role: 'handler', org: 'NOWHERE' });
    expect((await t.api('GET', '/v1/me', { token: ghostOrg })).status).toBe(401);
  });

  it('tells the caller who they are and which organisations they cover', async () => {
    const token = await t.token('u-sb-manager');
    const me = await t.api('GET', '/v1/me', { token });
    expect(me.body).toEqual({
      actor: { kind: 'staff', id: 'u-sb-manager', role: 'manager', orgId: 'SB-4403' },
      organisation: { id: 'SB-4403', parentId: 'BR-44', kind: 'sub_branch', name: '深圳支行', regionCode: '440300' },
    });
    const orgs = await t.api('GET', '/v1/organisations', { token });
    expect(orgs.body.data.map((o: { id: string }) => o.id).sort()).toEqual(['OT-440305', 'SB-4403']);
    const all = await t.api('GET', '/v1/organisations', { token: await t.token('u-ho-auditor') });
    expect(all.body.data).toHaveLength(7);
  });
});
