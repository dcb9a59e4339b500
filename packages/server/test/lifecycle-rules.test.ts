/**
 * The rules at the edges of the lifecycle (docs/domain/lifecycle.md), through the service on each
 * backend, refused and allowed at each edge: one review per decision and none of a head-office
 * decision, recusal for every step, the staff first responder, merge only into an earlier open
 * complaint of the same complainant (the target listing it), decline during handling, 包案 by
 * leadership.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../src/store/sql-store.js';
import { registration } from './helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)('lifecycle rules at their edges (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const post = async (path: string, who: string, body: unknown = {}) => t.api('POST', path, { token: await t.token(who), body });
  const register = async (who = 'u-sb-frontline', over: Record<string, unknown> = {}): Promise<AnyJson> => {
    const res = await post('/v1/complaints', who, registration(over));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const act = async (id: string, action: string, who: string, body: unknown = {}, expected = 200): Promise<AnyJson> => {
    const res = await post(`/v1/complaints/${id}/${action}`, who, body);
    expect(res.status, `${action} by ${who}: ${JSON.stringify(res.body)}`).toBe(expected);
    return res.body;
  };
  const get = async (id: string, who = 'u-br-handler') => (await t.api('GET', `/v1/complaints/${id}`, { token: await t.token(who) })).body;
  const decision = () => ({ outcome: 'not_upheld', basis: '合同约定', remediesOffered: ['review'], notifiedVia: 'sms', notifiedAt: new Date().toISOString() });
  const inProgress = async (who = 'u-sb-frontline', over: Record<string, unknown> = {}) => {
    const c = await register(who, over);
    await act(c.id, 'accept', 'u-br-handler');
    await act(c.id, 'start', 'u-br-handler');
    return c;
  };

  describe('region codes (GB/T 2260)', () => {
    it('a six-digit code not on the list is refused by the service, naming regionCode; a listed county code is taken', async () => {
      const off = await post('/v1/complaints', 'u-sb-frontline', registration({ regionCode: '449900' }));
      expect(off.status).toBe(400);
      expect((off.body as AnyJson).errors).toEqual([expect.objectContaining({ path: 'regionCode' })]);
      const on = await post('/v1/complaints', 'u-sb-frontline', registration({ regionCode: '440305' }));
      expect(on.status).toBe(201);
      expect((on.body as AnyJson).regionCode).toBe('440305');
    });
  });

  describe('review (核查)', () => {
    it('one review per decision: the first request is accepted, a second after the review decision is refused', async () => {
      const c = await inProgress();
      await act(c.id, 'respond', 'u-sb-handler', decision());
      const review = await act(c.id, 'request-review', 'customer:C-1001', { reason: '不服' });
      expect(review).toMatchObject({ status: 'under_review', handlingOrgId: 'BR-44' });
      await act(c.id, 'respond', 'u-br-leader', decision());
      const again = await post(`/v1/complaints/${c.id}/request-review`, 'customer:C-1001', { reason: '还是不服' });
      expect(again.status).toBe(422);
      expect(again.headers.get('content-type')).toContain('application/problem+json');
      expect(again.body).toMatchObject({ code: 'review_unavailable', status: 422 });
      expect(again.body.detail).toMatch(/one review per decision.*mediation, arbitration, litigation or the regulator/);
      expect(again.body.allowedActions).not.toContain('request_review');
      expect((await get(c.id)).status).toBe('responded');
    });

    it('a head-office decision has no higher-level organisation: the request is refused and says what to do next', async () => {
      // A customer's complaint from a province without a branch goes to the head office.
      const c = await register('customer:C-5005', { intakeChannel: 'mobile_app', regionCode: '650100', complainant: { name: '赵六' } });
      expect(c.handlingOrgId).toBe('HO');
      await (t.server.store as SqlStore).db.insertInto('staff').values({ id: 'u-ho-handler', org_id: 'HO', role: 'handler', name: '总行处理' }).execute();
      const hoHandler = await t.server.issueToken({ sub: 'u-ho-handler', kind: 'staff', role: 'handler', org: 'HO' }, '1h');
      for (const [action, body] of [['accept', {}], ['start', {}], ['respond', decision()]] as const) {
        const res = await t.api('POST', `/v1/complaints/${c.id}/${action}`, { token: hoHandler, body });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      const refused = await post(`/v1/complaints/${c.id}/request-review`, 'customer:C-5005', { reason: '不服' });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('review_unavailable');
      expect(refused.body.detail).toMatch(/head office .* no higher-level organisation .* mediation, arbitration, litigation or the regulator/);
      expect((await get(c.id, 'u-ho-auditor')).status).toBe('responded');
      // A branch's decision is reviewed by the head office: allowed.
      const b = await register('u-br-handler', { handlingOrgId: 'BR-44' });
      await act(b.id, 'accept', 'u-br-handler');
      await act(b.id, 'start', 'u-br-handler');
      await act(b.id, 'respond', 'u-br-handler', decision());
      expect((await act(b.id, 'request-review', 'customer:C-1001', { reason: '不服' })).handlingOrgId).toBe('HO');
    });
  });

  describe('recusal (回避) holds for every step', () => {
    it('the staff member complained about cannot hold, extend or respond (one message); colleagues can', async () => {
      const c = await inProgress('u-sb-frontline', { subjectStaffId: 'u-sb-handler' });
      const refusals = [
        await post(`/v1/complaints/${c.id}/hold`, 'u-sb-handler', { reason: '司法鉴定' }),
        await post(`/v1/complaints/${c.id}/respond`, 'u-sb-handler', decision()),
      ];
      const c2 = await inProgress('u-sb-frontline', { subjectStaffId: 'u-sb-manager' });
      refusals.push(await post(`/v1/complaints/${c2.id}/extend`, 'u-sb-manager', { reason: '复杂', complainantNotifiedAt: new Date().toISOString() }));
      for (const r of refusals) {
        expect(r.status, JSON.stringify(r.body)).toBe(422);
        expect(r.body.code).toBe('rule_violation');
        expect(r.body.allowedActions).toEqual([]);
      }
      expect(new Set(refusals.map((r) => r.body.detail)).size).toBe(1);
      expect(refusals[0]?.body.detail).toMatch(/^recusal \(回避\)/);
      expect((await get(c.id)).status).toBe('in_progress');
      expect((await act(c.id, 'hold', 'u-br-handler', { reason: '司法鉴定' })).status).toBe('on_hold');
      expect((await act(c2.id, 'extend', 'u-br-manager', { reason: '复杂', complainantNotifiedAt: new Date().toISOString() })).deadlines.extensionLevel).toBe(1);
      expect((await act(c2.id, 'respond', 'u-br-handler', decision())).status).toBe('responded');
    });
  });

  describe('first responder (首问负责制)', () => {
    it('staff registering are first responders; self-service and regulator referrals get the staff member who accepts or first acts', async () => {
      expect((await register()).firstResponder).toMatchObject({ kind: 'staff', id: 'u-sb-frontline' });
      const referral = await register('system', { intakeChannel: 'regulator_transfer', regulatorReference: '12378-2026-000123', handlingOrgId: 'BR-44' });
      expect(referral.firstResponder).toBeNull();
      expect((await act(referral.id, 'accept', 'u-br-handler')).firstResponder).toMatchObject({ kind: 'staff', id: 'u-br-handler' });
      const own = await register('customer:C-2002', { intakeChannel: 'mobile_app', complainant: { name: '李四' } });
      // The customer's own view leaves the first responder out (docs/domain/personal-data.md); staff read none yet.
      expect(own).not.toHaveProperty('firstResponder');
      expect((await get(own.id)).firstResponder).toBeNull();
      const declined = await act(own.id, 'decline', 'u-br-manager', { reason: '非消费投诉' });
      expect(declined.firstResponder).toMatchObject({ kind: 'staff', id: 'u-br-manager', orgId: 'BR-44' });
      expect((await get(own.id)).firstResponder).toMatchObject({ id: 'u-br-manager' });
    });
  });

  describe('merge', () => {
    it('into an earlier open complaint of the same customer: the target lists it, live', async () => {
      const earlier = await register();
      const later = await register();
      const merged = await act(later.id, 'merge', 'u-sb-handler', { intoComplaintId: earlier.id, reason: '重复投诉' });
      expect(merged).toMatchObject({ status: 'merged', mergedInto: earlier.id });
      const target = await get(earlier.id);
      expect(target.mergedFrom).toEqual([later.id]);
      expect(target.version).toBe(earlier.version + 1);
      expect(target.timeline).toHaveLength(earlier.timeline.length);
      // The target is still handled as before.
      expect((await act(earlier.id, 'accept', 'u-sb-handler')).mergedFrom).toEqual([later.id]);
    });

    it('into the same keyed phone hash without a customer id', async () => {
      const s = await startTestServer(backend, { identitySecret: 'bank-held-identity-secret-0123456789' });
      try {
        const p = async (path: string, body: unknown) => {
          const res = await s.api('POST', path, { token: await s.token('u-sb-frontline'), body });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          return res;
        };
        const person = { name: '王五', phone: '138-1234-5678', identityVerified: true };
        const a = (await p('/v1/complaints', registration({ complainant: person }))).body;
        const b = (await p('/v1/complaints', registration({ complainant: { ...person, phone: '+8613812345678' } }))).body;
        const other = (await p('/v1/complaints', registration({ complainant: { ...person, phone: '13912345678' } }))).body;
        const h = async (id: string, into: string) => s.api('POST', `/v1/complaints/${id}/merge`, { token: await s.token('u-sb-handler'), body: { intoComplaintId: into, reason: '重复' } });
        expect((await h(other.id, a.id)).status).toBe(422);
        expect((await h(b.id, a.id)).status).toBe(200);
      } finally {
        await s.close();
      }
    });

    it('refuses a later complaint, another complainant, a closed or merged target and itself, changing nothing', async () => {
      const first = await register();
      const second = await register();
      const later = await post(`/v1/complaints/${first.id}/merge`, 'u-sb-handler', { intoComplaintId: second.id, reason: '重复' });
      expect(later.status).toBe(422);
      expect(later.body.detail).toMatch(/received after this one/);
      const stranger = await register('u-sb-frontline', { complainant: { name: '李四', customerId: 'C-2002', phone: '13912345678' } });
      const other = await post(`/v1/complaints/${stranger.id}/merge`, 'u-sb-handler', { intoComplaintId: first.id, reason: '重复' });
      expect(other.status).toBe(422);
      expect(other.body.detail).toMatch(/another complainant/);
      const closed = await inProgress();
      await act(closed.id, 'respond', 'u-br-handler', decision());
      await act(closed.id, 'close', 'u-br-handler');
      const third = await register();
      const intoClosed = await post(`/v1/complaints/${third.id}/merge`, 'u-sb-handler', { intoComplaintId: closed.id, reason: '重复' });
      expect(intoClosed.status).toBe(422);
      expect(intoClosed.body.detail).toMatch(/is closed/);
      await act(second.id, 'merge', 'u-sb-handler', { intoComplaintId: first.id, reason: '重复' });
      const intoMerged = await post(`/v1/complaints/${third.id}/merge`, 'u-sb-handler', { intoComplaintId: second.id, reason: '重复' });
      expect(intoMerged.status).toBe(422);
      expect(intoMerged.body.detail).toMatch(/is merged/);
      const self = await post(`/v1/complaints/${third.id}/merge`, 'u-sb-handler', { intoComplaintId: third.id, reason: '重复' });
      expect(self.status).toBe(422);
      expect((await get(third.id)).status).toBe('registered');
      expect((await get(closed.id)).mergedFrom).toEqual([]);
      expect((await get(first.id)).mergedFrom).toEqual([second.id]);
    });
  });

  describe('decline during handling', () => {
    it('only on the ground that the complainant did not make it', async () => {
      const c = await inProgress();
      const refused = await post(`/v1/complaints/${c.id}/decline`, 'u-br-manager', { reason: '不予办理' });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatch(/not_by_complainant/);
      const declined = await act(c.id, 'decline', 'u-br-manager', { reason: '非本人或其代理人提出', ground: 'not_by_complainant' });
      expect(declined).toMatchObject({ status: 'declined' });
      expect(declined.deadlines.decisionDueAt).toBeNull();
    });
  });

  describe('包案 (escalation to a leader)', () => {
    it('names an active leadership-role staff member', async () => {
      const c = await inProgress();
      const manager = await post(`/v1/complaints/${c.id}/escalate`, 'u-br-handler', { severity: 'major', leaderId: 'u-br-manager', reason: '涉众' });
      expect(manager.status).toBe(422);
      expect(manager.body.errors[0]).toMatchObject({ path: 'leaderId' });
      expect(manager.body.errors[0].message).toMatch(/leadership/);
      const nobody = await post(`/v1/complaints/${c.id}/escalate`, 'u-br-handler', { severity: 'major', leaderId: 'u-nobody', reason: '涉众' });
      expect(nobody.status).toBe(422);
      await (t.server.store as SqlStore).db.insertInto('staff').values({ id: 'u-gone-leader', org_id: 'BR-44', role: 'leadership', name: '已离任', active: 0 }).execute();
      const gone = await post(`/v1/complaints/${c.id}/escalate`, 'u-br-handler', { severity: 'major', leaderId: 'u-gone-leader', reason: '涉众' });
      expect(gone.status).toBe(422);
      expect((await get(c.id)).status).toBe('in_progress');
      const ok = await act(c.id, 'escalate', 'u-br-handler', { severity: 'major', leaderId: 'u-br-leader', reason: '涉众' });
      expect(ok).toMatchObject({ status: 'escalated', leaderId: 'u-br-leader' });
    });
  });
});
