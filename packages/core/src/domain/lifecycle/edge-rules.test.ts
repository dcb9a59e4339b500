/**
 * The rules at the edges of the lifecycle (docs/domain/lifecycle.md), each refused and allowed at its
 * edge: one review per decision, no review of a head-office decision, recusal for every step, the
 * staff first responder, merge only into an earlier open complaint of the same complainant, decline
 * during handling on its one ground.
 */
import { describe, expect, it } from 'vitest';
import { ReviewUnavailableError } from '../../core/errors/review-unavailable-error.js';
import { RuleViolationError } from '../../core/errors/rule-violation-error.js';
import type { Actor } from '../schemas/actor.js';
import { type Complaint, ComplaintCreate, type ComplaintCreateInput } from '../schemas/complaint.js';
import { allowedActions, applyAction, registerComplaint } from './machine.js';
import { RECUSAL_MESSAGE } from './rules.js';
import { COMPLAINT_ACTIONS, type ComplaintAction } from './states.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const HOUR = 3_600_000;
const staff = (role: 'frontline' | 'handler' | 'manager' | 'leadership', id = `u-${role}`): Actor => ({ kind: 'staff', id, role, orgId: 'SB-4403' });
const H = staff('handler');
const M = staff('manager');
const L = staff('leadership');
const customer: Actor = { kind: 'customer', id: 'C-1' };
const subject = (role: 'handler' | 'manager' | 'leadership' | 'frontline') => staff(role, 'u-subject');

const input = (over: Partial<ComplaintCreateInput> = {}): ComplaintCreateInput => ({
  intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01',
  complainant: { name: '张三', customerId: 'C-1' }, description: '柜面服务态度差', subjectStaffId: 'u-subject', ...over,
});

let n = 0;
function world(over: Partial<ComplaintCreateInput> = {}, by: Actor = staff('frontline'), receivedAt = T0) {
  let now = receivedAt;
  let seq = 1;
  n += 1;
  let c = registerComplaint(ComplaintCreate.parse({ ...input(over), receivedAt: new Date(receivedAt).toISOString() }), {
    actor: by, now, seq, id: `CK20260302-${String(n).padStart(6, '0')}`, handlingOrgId: 'SB-4403',
  });
  const ctx = (actor: Actor, extra: object = {}) => {
    now += HOUR;
    seq += 1;
    return { actor, now, seq, ...extra };
  };
  return {
    get c() {
      return c;
    },
    step(action: ComplaintAction, actor: Actor, body: unknown = {}, extra: object = {}) {
      c = applyAction(c, action, body, ctx(actor, extra));
      return c;
    },
    ctx,
  };
}
const decision = { outcome: 'not_upheld', basis: '操作符合规定', remediesOffered: ['review'], notifiedVia: 'phone' };
const decide = (w: ReturnType<typeof world>, actor: Actor = H) => w.step('respond', actor, { ...decision, notifiedAt: new Date(Date.parse(w.c.updatedAt) + 60_000).toISOString() });
const refusalOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as Error & { code: string; detail?: string; allowedActions: string[] };
  }
  throw new Error('expected a refusal');
};

describe('review (核查): one per decision, none of a head-office decision', () => {
  const reviewed = () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    decide(w);
    w.step('request_review', customer, { reason: '不服' }, { reviewerOrgId: 'BR-44' });
    return w;
  };

  it('allows the first request, refuses a second one after the review decision', () => {
    const w = reviewed();
    expect(w.c.status).toBe('under_review');
    decide(w, L);
    expect(w.c.review?.decision).not.toBeNull();
    expect(allowedActions(w.c, customer)).not.toContain('request_review');
    const e = refusalOf(() => w.step('request_review', customer, { reason: '还是不服' }, { reviewerOrgId: 'HO' }));
    expect(e).toBeInstanceOf(ReviewUnavailableError);
    expect(e.code).toBe('review_unavailable');
    expect(e.detail).toMatch(/one review per decision/);
    expect(e.message).toMatch(/mediation, arbitration, litigation/);
    // After closing too: the decision was reviewed once.
    w.step('close', H);
    expect(refusalOf(() => w.step('request_review', customer, { reason: '再次' }, { reviewerOrgId: 'HO' }))).toBeInstanceOf(ReviewUnavailableError);
  });

  it('allows a review again once new facts reopened the complaint and a new decision was made', () => {
    const w = reviewed();
    decide(w, L);
    w.step('close', H);
    w.step('reopen', M, { reason: '补充新证据' });
    decide(w);
    expect(w.step('request_review', customer, { reason: '对新决定不服' }, { reviewerOrgId: 'BR-44' }).status).toBe('under_review');
  });

  it('refuses a request when the deciding organisation has no parent (head office), saying what to do next', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    decide(w);
    expect(allowedActions(w.c, customer, { now: T0 + 6 * HOUR, reviewerOrgId: null })).not.toContain('request_review');
    expect(allowedActions(w.c, customer, { now: T0 + 6 * HOUR, reviewerOrgId: 'BR-44' })).toContain('request_review');
    const e = refusalOf(() => w.step('request_review', customer, { reason: '不服' }, { reviewerOrgId: null }));
    expect(e).toBeInstanceOf(ReviewUnavailableError);
    expect(e.detail).toMatch(/head office/);
    expect(e.message).toMatch(/Do not retry: point the complainant to the other remedies/);
    expect(e.allowedActions).not.toContain('request_review');
  });
});

describe('recusal (回避) for every step', () => {
  it('the staff member complained about can respond, hold, extend or take any other step: never; a colleague can', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    for (const [action, actor, body] of [
      ['hold', subject('handler'), { reason: '鉴定' }],
      ['extend', subject('manager'), { reason: '复杂', complainantNotifiedAt: new Date(T0).toISOString() }],
      ['respond', subject('handler'), { ...decision, notifiedAt: new Date(T0 + HOUR).toISOString() }],
      ['transfer', subject('handler'), { toOrgId: 'BR-44', reason: 'x' }],
      ['merge', subject('handler'), { intoComplaintId: 'CK20260301-000001', reason: 'x' }],
      ['decline', subject('manager'), { reason: 'x', ground: 'not_by_complainant' }],
      ['withdraw', subject('frontline'), {}],
    ] as const) {
      const e = refusalOf(() => w.step(action, actor, body));
      expect(e, action).toBeInstanceOf(RuleViolationError);
      expect(e.detail, action).toBe(RECUSAL_MESSAGE);
    }
    expect(w.c.status).toBe('in_progress');
    expect(w.step('hold', H, { reason: '鉴定' }).status).toBe('on_hold');
    expect(w.step('extend', M, { reason: '复杂', complainantNotifiedAt: new Date(T0).toISOString() }).deadlines.extensionLevel).toBe(1);
  });

  it('allowedActions offers the person complained about nothing at all', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    for (const role of ['handler', 'manager', 'leadership', 'frontline'] as const) expect(allowedActions(w.c, subject(role))).toEqual([]);
    expect(allowedActions(w.c, H).length).toBeGreaterThan(0);
  });

  it('one message, whether the person acts or is named as assignee or leader', () => {
    const w = world();
    w.step('accept', H);
    const named = refusalOf(() => w.step('start', M, { assigneeId: 'u-subject' }));
    const acting = refusalOf(() => w.step('start', subject('manager')));
    expect(named.detail).toBe(RECUSAL_MESSAGE);
    expect(acting.detail).toBe(RECUSAL_MESSAGE);
  });
});

describe('first responder (首问负责制): always a member of staff', () => {
  it.each([
    ['accept', {}],
    ['decline', { reason: '非消费投诉' }],
  ] as const)('a self-service complaint gets the staff member who %ss it', (action, body) => {
    const w = world({}, customer);
    expect(w.c.firstResponder).toBeNull();
    const c = w.step(action, action === 'accept' ? H : M, body);
    expect(c.firstResponder).toEqual(action === 'accept' ? H : M);
  });

  it('a transfer before anyone accepted only routes it: the staff member who accepts it is its first responder', () => {
    const w = world({}, customer);
    expect(w.step('transfer', M, { toOrgId: 'BR-44', reason: '属地' }).firstResponder).toBeNull();
    expect(w.step('accept', H).firstResponder).toEqual(H);
  });

  it('a regulator referral gets the staff member who accepts it, and keeps them after later steps', () => {
    const w = world({ intakeChannel: 'regulator_transfer', regulatorReference: '12378-2026-0001' }, { kind: 'system', id: 'sys-12378' });
    expect(w.c.firstResponder).toBeNull();
    w.step('accept', staff('frontline', 'u-first'));
    w.step('start', H);
    expect(w.c.firstResponder).toEqual(staff('frontline', 'u-first'));
  });

  it('a customer withdrawing before any staff member saw it leaves none (nobody received it)', () => {
    const w = world({}, customer);
    expect(w.step('withdraw', customer).firstResponder).toBeNull();
  });
});

describe('merge only into an earlier open complaint of the same complainant', () => {
  const pair = (targetOver: Partial<ComplaintCreateInput> = {}, targetReceived = T0 - 24 * HOUR) => {
    const target = world(targetOver, staff('frontline'), targetReceived);
    const source = world();
    return { target, source };
  };
  const merge = (source: ReturnType<typeof world>, target: Complaint) =>
    source.step('merge', H, { intoComplaintId: target.id, reason: '重复投诉' }, { mergeTarget: target });

  it('allows an earlier open complaint of the same customer', () => {
    const { target, source } = pair();
    expect(merge(source, target.c)).toMatchObject({ status: 'merged', mergedInto: target.c.id });
  });

  it('allows the same keyed phone hash without a customer id', () => {
    const target = world({ complainant: { name: '张三' } }, staff('frontline'), T0 - HOUR);
    const source = world({ complainant: { name: '张三' } });
    const t = { ...target.c, complainant: { ...target.c.complainant, phoneHash: 'a'.repeat(64) } };
    const refused = refusalOf(() => merge(source, t));
    expect(refused.detail).toMatch(/another complainant/);
    const s = world({ complainant: { name: '张三' } });
    const withHash = { ...s.c, complainant: { ...s.c.complainant, phoneHash: 'a'.repeat(64) } };
    const merged = applyAction(withHash, 'merge', { intoComplaintId: t.id, reason: '重复' }, { actor: H, now: T0 + HOUR, seq: 9, mergeTarget: t });
    expect(merged.status).toBe('merged');
  });

  it('refuses a later complaint, another complainant, a closed or merged target, and itself', () => {
    const later = pair({}, T0 + HOUR);
    expect(refusalOf(() => merge(later.source, later.target.c)).detail).toMatch(/received after this one/);
    const other = pair({ complainant: { name: '李四', customerId: 'C-2' } });
    expect(refusalOf(() => merge(other.source, other.target.c)).detail).toMatch(/another complainant/);
    const closed = pair();
    closed.target.step('accept', H);
    closed.target.step('start', H);
    decide(closed.target);
    closed.target.step('close', H);
    expect(refusalOf(() => merge(closed.source, closed.target.c)).detail).toMatch(/is closed: merge only into an open complaint/);
    // A cycle would need a merged target: merged is not open.
    const cycle = pair();
    const first = world({}, staff('frontline'), T0 - 48 * HOUR);
    merge(cycle.target, first.c);
    expect(refusalOf(() => merge(cycle.source, cycle.target.c)).detail).toMatch(/is merged/);
    const self = world();
    expect(refusalOf(() => merge(self, self.c)).detail).toMatch(/into itself/);
  });
});

describe('decline during handling', () => {
  const inProgress = () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    return w;
  };
  it('is allowed only on the ground that the complainant did not make it', () => {
    const w = inProgress();
    const e = refusalOf(() => w.step('decline', M, { reason: '非消费投诉', ground: 'not_consumer_complaint' }));
    expect(e).toBeInstanceOf(RuleViolationError);
    expect(e.detail).toMatch(/not_by_complainant/);
    expect(refusalOf(() => w.step('decline', M, { reason: '不予办理' })).code).toBe('rule_violation');
    const declined = w.step('decline', M, { reason: '非本人或其代理人提出', ground: 'not_by_complainant' });
    expect(declined.status).toBe('declined');
    expect(declined.deadlines.decisionDueAt).toBeNull();
  });
  it('at registration on either ground, or none', () => {
    expect(world().step('decline', M, { reason: '非消费投诉' }).status).toBe('declined');
  });
  it('never after the decision', () => {
    const w = inProgress();
    decide(w);
    expect(refusalOf(() => w.step('decline', M, { reason: 'x', ground: 'not_by_complainant' })).code).toBe('invalid_transition');
  });
});

it('every action is covered by the recusal rule', () => {
  const w = world();
  for (const a of COMPLAINT_ACTIONS) expect(allowedActions(w.c, subject('manager'))).not.toContain(a);
});
