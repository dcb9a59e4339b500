import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream } from './helpers/sse.js';

/**
 * What a customer reads of their own complaint (docs/domain/personal-data.md, "What a customer
 * sees"): the steps, the bank's answer and the follow-up, never a staff id or an internal note, on
 * every read (get, list, the stream, the answers to their own steps and their replays); staff still
 * read everything.
 */
const NOTE = '身份已核实，客户情绪激动';
const TRANSFER_REASON = '属地管理，转深圳支行';
const START_NOTE = '调取交易流水';
/** Every staff id of the fixture bank looks like this. */
const STAFF_ID = /u-(sb|br|ot|gz|bj|ho)-|u-cc/;

describe.each(BACKENDS)('what a customer reads of their own complaint (%s)', (backend) => {
  let t: TestServer;
  let id = '';
  let start = 0;
  let customer = '';
  const KEY = { 'idempotency-key': 'cust-view-create-0001' };
  const body = registration({ intakeChannel: 'mobile_app', complainant: { name: '陈七', phone: '13912345678', customerId: 'C-8008' } });

  const act = async (action: string, who: string, b: object) => {
    const res = await t.api('POST', `/v1/complaints/${id}/${action}`, { token: await t.token(who), body: b });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as AnyJson;
  };
  /** Nothing of the bank's own: no staff id, no note, no staff-only field. */
  const expectCustomerView = (seen: unknown) => {
    const wire = JSON.stringify(seen);
    expect(wire).not.toMatch(STAFF_ID);
    for (const note of [NOTE, TRANSFER_REASON, START_NOTE]) expect(wire).not.toContain(note);
    expect(wire).not.toMatch(/"(role|assigneeId|leaderId|firstResponder|severity|warnAt|reviewWarnAt)":/);
  };

  beforeAll(async () => {
    t = await startTestServer(backend);
    customer = await t.token('customer:C-8008');
    start = await t.server.store.lastEventSeq();
    const created = await t.api('POST', '/v1/complaints', { token: customer, body, headers: KEY });
    expect(created.status).toBe(201);
    id = created.body.id;
    await act('accept', 'u-br-handler', { note: NOTE });
    await act('transfer', 'u-br-manager', { toOrgId: 'SB-4403', toAssigneeId: 'u-sb-handler', reason: TRANSFER_REASON });
    await act('start', 'u-sb-handler', { note: START_NOTE });
    await act('respond', 'u-sb-handler', {
      outcome: 'upheld', basis: '《信用卡章程》第十条：未告知不得扣收年费', remedy: '退还年费', amount: 200,
      remediesOffered: ['review', 'mediation'], notifiedVia: 'app', notifiedAt: new Date().toISOString(),
    });
  });
  afterAll(() => t?.close());

  it('GET: the steps with their organisations and the bank’s answer, no staff id or note', async () => {
    const res = await t.api('GET', `/v1/complaints/${id}`, { token: customer });
    expect(res.status).toBe(200);
    expectCustomerView(res.body);
    const c = res.body;
    expect(c.timeline.map((e: AnyJson) => e.type)).toEqual(['register', 'accept', 'transfer', 'start', 'respond']);
    expect(c.timeline.map((e: AnyJson) => e.actor)).toEqual([
      { kind: 'customer', id: 'C-8008' },
      { kind: 'staff', orgId: 'BR-44' },
      { kind: 'staff', orgId: 'BR-44' },
      { kind: 'staff', orgId: 'SB-4403' },
      { kind: 'staff', orgId: 'SB-4403' },
    ]);
    expect(c.timeline[2].data).toEqual({ toOrgId: 'SB-4403', fromOrgId: 'BR-44' });
    expect(c.handlingOrgId).toBe('SB-4403');
    expect(c.decision).toMatchObject({ outcome: 'upheld', basis: '《信用卡章程》第十条：未告知不得扣收年费', remedy: '退还年费', amount: 200, remediesOffered: ['review', 'mediation'] });
    expect(c.deadlines.decisionDueAt).toEqual(expect.any(String));
    // Their own personal data, unmasked, as before.
    expect(c.complainant).toMatchObject({ name: '陈七', phone: '13912345678' });
  });

  it('the list and the stream carry no staff id or note either', async () => {
    const list = await t.api('GET', '/v1/complaints?limit=100', { token: customer });
    expect(list.body.data.map((c: AnyJson) => c.id)).toEqual([id]);
    expectCustomerView(list.body);
    expect(list.body.data[0].decision.basis).toContain('《信用卡章程》');

    const stream = await openEventStream(`${t.url}/v1/events?complaintId=${id}`, customer, { 'Last-Event-ID': String(start) });
    const messages = [];
    for (let i = 0; i < 5; i++) messages.push(await stream.next());
    stream.close();
    expect(messages.map((m) => m.data.event.type)).toEqual(['register', 'accept', 'transfer', 'start', 'respond']);
    expectCustomerView(messages.map((m) => m.data));
    expect(messages[2]?.data.event).toMatchObject({ actor: { kind: 'staff', orgId: 'BR-44' }, reason: null, data: { toOrgId: 'SB-4403' } });
    expect(messages[4]?.data.complaint.decision.outcome).toBe('upheld');

    // Nor may they filter by what their view leaves out: the answer would tell them (a sensitive case, who handles it, the staff warning time).
    for (const filter of ['severity=sensitive', 'assigneeId=u-sb-handler', 'dueSoon=true']) {
      const probe = await t.api('GET', `/v1/complaints?${filter}`, { token: customer });
      expect(probe.status).toBe(400);
      expect(probe.body.errors[0].path).toBe(filter.split('=')[0]);
    }

    // The changed-since read stays refused to customers.
    expect((await t.api('GET', '/v1/complaint-changes', { token: customer })).status).toBe(403);
  });

  it('the answer to their own step and the replay of their registration carry none either', async () => {
    const followed = await act('follow-up', 'customer:C-8008', { reached: true, satisfaction: 5, decisionAccepted: true, comment: '处理及时，满意' });
    expectCustomerView(followed);
    expect(followed.followUps).toEqual([expect.objectContaining({ reached: true, score: 5, decisionAccepted: true, comment: '处理及时，满意' })]);
    const replay = await t.api('POST', '/v1/complaints', { token: customer, body, headers: KEY });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(id);
    expectCustomerView(replay.body);
  });

  it('staff still read the notes, the reasons and who did what', async () => {
    const staff = await t.api('GET', `/v1/complaints/${id}`, { token: await t.token('u-sb-handler') });
    expect(staff.body.timeline[1]).toMatchObject({ actor: { kind: 'staff', id: 'u-br-handler', role: 'handler' }, data: { note: NOTE } });
    expect(staff.body.timeline[2]).toMatchObject({ reason: TRANSFER_REASON, data: { toAssigneeId: 'u-sb-handler', reason: TRANSFER_REASON } });
    expect(staff.body).toMatchObject({ assigneeId: 'u-sb-handler', firstResponder: { id: 'u-br-handler' }, severity: 'normal' });
    expect(staff.body.deadlines).toHaveProperty('warnAt');
    const changes = await t.api('GET', `/v1/complaint-changes?since=${start}`, { token: await t.token('u-br-manager') });
    expect(JSON.stringify(changes.body)).toContain(NOTE);
    const auditor = await t.api('GET', `/v1/complaints/${id}`, { token: await t.token('u-ho-auditor') });
    expect(auditor.body.timeline[2].reason).toBe(TRANSFER_REASON);
    expect(auditor.body.complainant.phone).toBe('139****5678');
  });
});
