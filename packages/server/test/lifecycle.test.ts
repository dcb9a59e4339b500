import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)('lifecycle over HTTP (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const register = async (who = 'u-sb-frontline', over: Record<string, unknown> = {}) => {
    const res = await t.api('POST', '/v1/complaints', { token: await t.token(who), body: registration(over) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const act = async (id: string, action: string, who: string, body: unknown = {}, expected = 200) => {
    const res = await t.api('POST', `/v1/complaints/${id}/${action}`, { token: await t.token(who), body });
    expect(res.status, `${action} by ${who}: ${JSON.stringify(res.body)}`).toBe(expected);
    return res.body;
  };
  const notified = () => new Date().toISOString();

  it('runs a complaint through its whole life, review included', async () => {
    const c = await register();
    expect(c.status).toBe('registered');
    expect(c.firstResponder).toMatchObject({ kind: 'staff', id: 'u-sb-frontline', orgId: 'SB-4403' });
    expect(c.handlingOrgId).toBe('SB-4403');
    const id = c.id;

    expect((await act(id, 'accept', 'u-sb-frontline', { note: '身份已核实' })).status).toBe('accepted');
    const started = await act(id, 'start', 'u-sb-handler', { assigneeId: 'u-sb-handler' });
    expect(started).toMatchObject({ status: 'in_progress', assigneeId: 'u-sb-handler' });
    const held = await act(id, 'hold', 'u-sb-handler', { reason: '司法鉴定' });
    expect(held.status).toBe('on_hold');
    expect(held.deadlines.paused).toBe(true);
    expect((await act(id, 'resume', 'u-sb-handler')).status).toBe('in_progress');
    const once = await act(id, 'extend', 'u-sb-manager', { reason: '案情复杂', complainantNotifiedAt: notified() });
    expect(once.deadlines.extensionLevel).toBe(1);
    const twice = await act(id, 'extend', 'u-sb-leadership', { reason: '特别复杂', complainantNotifiedAt: notified(), approvedBy: 'u-br-leader' });
    expect(twice.deadlines.extensionLevel).toBe(2);
    // A third extension is refused by the Measures (and the manager may not grant the second anyway).
    const third = await t.api('POST', `/v1/complaints/${id}/extend`, {
      token: await t.token('u-sb-leadership'),
      body: { reason: '再延', complainantNotifiedAt: notified(), approvedBy: 'u-br-leader' },
    });
    expect(third.status).toBe(422);
    expect(third.body.code).toBe('rule_violation');

    const decision = {
      outcome: 'partly_upheld',
      basis: '《信用卡章程》第十条',
      remedy: '退还年费',
      amount: 200,
      remediesOffered: ['review', 'mediation'],
      notifiedVia: 'phone',
      notifiedAt: notified(),
    };
    const responded = await act(id, 'respond', 'u-sb-handler', decision);
    expect(responded.status).toBe('responded');
    expect(responded.decision).toMatchObject({ outcome: 'partly_upheld', amount: 200 });
    const followed = await act(id, 'follow-up', 'u-sb-frontline', { reached: true, satisfaction: 4, decisionAccepted: false });
    expect(followed.followUps).toEqual([expect.objectContaining({ attempt: 1, reached: true, score: 4, decisionAccepted: false })]);
    expect((await act(id, 'close', 'u-sb-handler')).status).toBe('closed');
    const review = await act(id, 'request-review', 'customer:C-1001', { reason: '对处理结果不满意' });
    expect(review.status).toBe('under_review');
    expect(review.deadlines.reviewDueAt).toEqual(expect.any(String));
    // 核查 goes to the parent of the deciding organisation; the sub-branch keeps sight, not the pen.
    expect(review.handlingOrgId).toBe('BR-44');
    const refused = await t.api('POST', `/v1/complaints/${id}/respond`, { token: await t.token('u-sb-leadership'), body: decision });
    expect(refused.status).toBe(403);
    expect((await act(id, 'respond', 'u-br-leader', { ...decision, outcome: 'upheld' })).status).toBe('responded');
    const closed = await act(id, 'close', 'u-br-manager');
    expect(closed.status).toBe('closed');

    const read = await t.api('GET', `/v1/complaints/${id}`, { token: await t.token('u-sb-handler') });
    expect(read.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'register', 'accept', 'start', 'hold', 'resume', 'extend', 'extend', 'respond', 'follow_up', 'close', 'request_review', 'respond', 'close',
    ]);
    const seqs = read.body.timeline.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(read.body.version).toBe(13);
  });

  it('declines, merges, withdraws and reopens', async () => {
    const declined = await register();
    expect((await act(declined.id, 'decline', 'u-sb-manager', { reason: '非消费投诉' })).status).toBe('declined');

    const first = await register();
    const again = await register();
    const merged = await act(again.id, 'merge', 'u-sb-handler', { intoComplaintId: first.id, reason: '重复投诉' });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: first.id });
    const self = await t.api('POST', `/v1/complaints/${first.id}/merge`, { token: await t.token('u-sb-handler'), body: { intoComplaintId: first.id, reason: 'x' } });
    expect(self.status).toBe(422);
    const missing = await t.api('POST', `/v1/complaints/${first.id}/merge`, { token: await t.token('u-sb-handler'), body: { intoComplaintId: 'CK20200101-999999', reason: 'x' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('intoComplaintId');

    const withdrawn = await act(first.id, 'withdraw', 'customer:C-1001', { reason: '已协商解决' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.deadlines.decisionDueAt).toBeNull();

    const r = await register();
    await act(r.id, 'accept', 'u-sb-handler');
    await act(r.id, 'start', 'u-sb-handler');
    await act(r.id, 'respond', 'u-sb-handler', { outcome: 'not_upheld', basis: '合同约定', remediesOffered: ['review'], notifiedVia: 'sms', notifiedAt: notified() });
    await act(r.id, 'close', 'u-sb-handler');
    const reopened = await act(r.id, 'reopen', 'u-sb-manager', { reason: '补充新证据' });
    expect(reopened).toMatchObject({ status: 'in_progress', decision: null });
  });

  it('escalates and transfers, keeping the first responder on record', async () => {
    const c = await register();
    await act(c.id, 'accept', 'u-sb-frontline');
    await act(c.id, 'start', 'u-sb-handler');
    const escalated = await act(c.id, 'escalate', 'u-sb-handler', { severity: 'major', leaderId: 'u-br-leader', reason: '涉众' });
    expect(escalated).toMatchObject({ status: 'escalated', severity: 'major', leaderId: 'u-br-leader' });

    const moved = await act(c.id, 'transfer', 'u-sb-handler', { toOrgId: 'SB-4401', toAssigneeId: 'u-gz-handler', reason: '属地管理' });
    expect(moved).toMatchObject({ handlingOrgId: 'SB-4401', assigneeId: 'u-gz-handler', status: 'escalated' });
    expect(moved.firstResponder).toMatchObject({ id: 'u-sb-frontline', orgId: 'SB-4403' });
    // The new handling organisation sees it, and so does the first responder's.
    expect((await t.api('GET', `/v1/complaints/${c.id}`, { token: await t.token('u-gz-handler') })).status).toBe(200);
    expect((await t.api('GET', `/v1/complaints/${c.id}`, { token: await t.token('u-sb-frontline') })).status).toBe(200);
    expect((await t.api('GET', `/v1/complaints/${c.id}`, { token: await t.token('u-bj-handler') })).status).toBe(404);

    const badOrg = await t.api('POST', `/v1/complaints/${c.id}/transfer`, { token: await t.token('u-gz-handler'), body: { toOrgId: 'NOPE', reason: 'x' } });
    expect(badOrg.status).toBe(422);
    expect(badOrg.body.errors[0].path).toBe('toOrgId');
    const badAssignee = await t.api('POST', `/v1/complaints/${c.id}/transfer`, { token: await t.token('u-gz-handler'), body: { toOrgId: 'BR-11', toAssigneeId: 'u-gz-handler', reason: 'x' } });
    expect(badAssignee.status).toBe(422);
    expect(badAssignee.body.errors[0].path).toBe('toAssigneeId');
    const after = await t.api('GET', `/v1/complaints/${c.id}`, { token: await t.token('u-gz-handler') });
    expect(after.body.handlingOrgId).toBe('SB-4401');
    expect(after.body.version).toBe(moved.version);
  });

  it('refuses wrong states and roles with the actions that are possible', async () => {
    const c = await register();
    const early = await t.api('POST', `/v1/complaints/${c.id}/close`, { token: await t.token('u-sb-handler'), body: {} });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(early.body).toMatchObject({ code: 'invalid_transition', status: 409 });
    expect(early.body.allowedActions).toContain('accept');
    const role = await t.api('POST', `/v1/complaints/${c.id}/decline`, { token: await t.token('u-sb-frontline'), body: { reason: '不是投诉' } });
    expect(role.status).toBe(403);
    expect(role.body.code).toBe('role_not_allowed');
    expect(role.body.allowedActions).toEqual(expect.arrayContaining(['accept', 'withdraw']));
  });

  it('routes a customer registration to the province branch, as their own', async () => {
    const token = await t.token('customer:C-2002');
    const res = await t.api('POST', '/v1/complaints', {
      token,
      body: registration({ intakeChannel: 'mobile_app', regionCode: '440305', handlingOrgId: 'BR-11', complainant: { name: '李四', customerId: 'C-9999' } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.handlingOrgId).toBe('BR-44');
    expect(res.body.complainant.customerId).toBe('C-2002');
    expect(res.body.registeredBy).toEqual({ kind: 'customer', id: 'C-2002' });
    // 首问负责: the first responder is staff, the one who accepts a self-service complaint; the customer's
    // own view leaves it out (docs/domain/personal-data.md), staff read it.
    expect(res.body).not.toHaveProperty('firstResponder');
    const staffRead = await t.api('GET', `/v1/complaints/${res.body.id}`, { token: await t.token('u-br-handler') });
    expect(staffRead.body.firstResponder).toBeNull();
    const accepted = await t.api('POST', `/v1/complaints/${res.body.id}/accept`, { token: await t.token('u-br-handler'), body: {} });
    expect(accepted.body.firstResponder).toEqual({ kind: 'staff', id: 'u-br-handler', role: 'handler', orgId: 'BR-44' });
    const nowhere = await t.api('POST', '/v1/complaints', { token, body: registration({ intakeChannel: 'mobile_app', regionCode: '650100', complainant: { name: '李四' } }) });
    expect(nowhere.body.handlingOrgId).toBe('HO');
  });
});
