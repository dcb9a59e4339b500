/**
 * The lifecycle against docs/domain's table, written out by hand (never read from TRANSITIONS): every
 * action × state × role, the refusals, and the rules that sit on top (extensions, recusal, first
 * responder, review window, merge into itself, the timeline, immutability).
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { computeClock } from '../clock/compute.js';
import type { Actor, ActorRole } from '../schemas/actor.js';
import { Complaint, ComplaintCreate, type ComplaintCreateInput } from '../schemas/complaint.js';
import { RefusedError } from '../../core/errors/refused-error.js';
import { allowedActions, applyAction, applySteps, registerComplaint } from './machine.js';
import type { ComplaintAction, ComplaintStatus } from './states.js';

// ---------------------------------------------------------------------------------------------
// The expectation, copied by hand from docs/domain/lifecycle.md (one row per transition).
// ---------------------------------------------------------------------------------------------

const STATES: ComplaintStatus[] = [
  'registered',
  'accepted',
  'declined',
  'in_progress',
  'on_hold',
  'escalated',
  'responded',
  'followed_up',
  'closed',
  'under_review',
  'merged',
  'withdrawn',
];
const ROLES: ActorRole[] = ['frontline', 'handler', 'manager', 'leadership', 'auditor', 'customer', 'system'];
const SAME = 'same state';

/**
 * docs/domain's table. `to` is the resulting state; SAME for transfer and extend; resume goes back
 * to the state before the hold (the on_hold fixture below was held from in_progress).
 * Deliberate reading: extend names "manager (first), leadership (second)"; leadership, being above
 * the manager, may also grant the first one (see the extension tests).
 */
const TABLE: Record<ComplaintAction, { from: ComplaintStatus[]; to: ComplaintStatus | typeof SAME; who: ActorRole[] }> = {
  accept: { from: ['registered'], to: 'accepted', who: ['frontline', 'handler', 'manager'] },
  // During handling too, on the one ground the Measures allow then (the body below sends it).
  decline: { from: ['registered', 'accepted', 'in_progress', 'on_hold', 'escalated'], to: 'declined', who: ['manager'] },
  merge: { from: ['registered', 'accepted', 'in_progress'], to: 'merged', who: ['handler', 'manager'] },
  transfer: {
    from: ['registered', 'accepted', 'in_progress', 'escalated', 'under_review'],
    to: SAME,
    who: ['handler', 'manager', 'leadership'],
  },
  start: { from: ['accepted'], to: 'in_progress', who: ['handler', 'manager'] },
  escalate: { from: ['accepted', 'in_progress'], to: 'escalated', who: ['handler', 'manager'] },
  hold: { from: ['in_progress', 'escalated'], to: 'on_hold', who: ['handler'] },
  resume: { from: ['on_hold'], to: 'in_progress', who: ['handler'] },
  extend: { from: ['accepted', 'in_progress', 'escalated', 'on_hold'], to: SAME, who: ['manager', 'leadership'] },
  respond: { from: ['in_progress', 'escalated', 'under_review'], to: 'responded', who: ['handler', 'leadership'] },
  follow_up: { from: ['responded'], to: 'followed_up', who: ['frontline', 'handler', 'customer'] },
  close: { from: ['responded', 'followed_up'], to: 'closed', who: ['handler', 'manager'] },
  request_review: { from: ['responded', 'followed_up', 'closed'], to: 'under_review', who: ['customer', 'frontline'] },
  reopen: { from: ['closed'], to: 'in_progress', who: ['handler', 'manager'] },
  new_facts: { from: ['accepted', 'in_progress', 'escalated', 'on_hold'], to: SAME, who: ['handler', 'manager'] },
  // "any open state": everything but closed and the final declined / merged / withdrawn.
  withdraw: {
    from: ['registered', 'accepted', 'in_progress', 'on_hold', 'escalated', 'responded', 'followed_up', 'under_review'],
    to: 'withdrawn',
    who: ['customer', 'frontline'],
  },
};
const ACTIONS = Object.keys(TABLE) as ComplaintAction[];

type Expected = { ok: true; to: ComplaintStatus } | { ok: false; code: 'invalid_transition' | 'role_not_allowed' };
const expected = (action: ComplaintAction, state: ComplaintStatus, role: ActorRole): Expected => {
  const row = TABLE[action];
  if (!row.from.includes(state)) return { ok: false, code: 'invalid_transition' };
  if (!row.who.includes(role)) return { ok: false, code: 'role_not_allowed' };
  return { ok: true, to: row.to === SAME ? state : row.to };
};
const expectedAllowed = (state: ComplaintStatus, role: ActorRole) =>
  ACTIONS.filter((a) => expected(a, state, role).ok).sort();

// ---------------------------------------------------------------------------------------------
// Fixtures: real complaints walked to each state through the machine itself.
// ---------------------------------------------------------------------------------------------

const ORG = 'SB-440301';
const staff = (role: 'frontline' | 'handler' | 'manager' | 'leadership' | 'auditor', id = `u-${role}`): Actor => ({
  kind: 'staff',
  id,
  role,
  orgId: ORG,
});
const customer: Actor = { kind: 'customer', id: 'C-1001' };
const system: Actor = { kind: 'system', id: 'sys-12378-import' };
const actorOf = (role: ActorRole): Actor => (role === 'customer' ? customer : role === 'system' ? system : staff(role));

const T0 = Date.parse('2025-03-03T09:00:00+08:00'); // a Monday
const HOUR = 3_600_000;
const DAY = 86_400_000;

const input: ComplaintCreateInput = {
  intakeChannel: 'hotline',
  businessChannel: 'A010303',
  businessCategory: 'B0302',
  cause: 'C11',
  complainant: { name: '张三', phone: '13812345678', customerId: 'C-1001' },
  description: '信用卡年费未经告知被扣收 200 元，要求退还。',
  requestedResolution: '退还年费',
  subjectStaffId: 'u-subject',
};

const BODIES: Record<ComplaintAction, unknown> = {
  accept: { note: '身份已核实' },
  decline: { reason: '非本人或其代理人提出', ground: 'not_by_complainant' },
  merge: { intoComplaintId: 'CK20250301-000001', reason: '同一事项重复投诉，无新事实' },
  transfer: { toOrgId: 'SB-440302', reason: '属地管理' },
  start: {},
  escalate: { severity: 'complex', leaderId: 'u-leadership', reason: '涉及多笔交易' },
  hold: { reason: '司法鉴定' },
  resume: {},
  extend: { reason: '案情复杂', complainantNotifiedAt: '2025-03-05T10:00:00+08:00', approvedBy: 'u-senior' },
  respond: {
    outcome: 'partly_upheld',
    remedy: '退还年费',
    amount: 200,
    basis: '《信用卡章程》第十条',
    remediesOffered: ['review', 'mediation', 'arbitration', 'litigation'],
    notifiedVia: 'phone',
    notifiedAt: '2025-03-03T12:00:00+08:00',
  },
  follow_up: { reached: true, satisfaction: 4, decisionAccepted: true },
  close: {},
  request_review: { reason: '对处理结果不满意' },
  reopen: { reason: '补充新证据' },
  withdraw: { reason: '已协商解决' },
  new_facts: { reason: '客户补充了交易流水' },
};

/** A little world: registers a complaint and steps it, one hour and one seq per step. */
function world(overrides: Partial<ComplaintCreateInput> = {}) {
  let now = T0;
  let seq = 1;
  let c = registerComplaint(ComplaintCreate.parse({ ...input, ...overrides }), {
    actor: staff('frontline'),
    now,
    seq,
    id: 'CK20250303-000042',
    handlingOrgId: ORG,
  });
  const step = (action: ComplaintAction, actor: Actor, body: unknown = BODIES[action], advance = HOUR) => {
    now += advance;
    seq += 1;
    c = applyAction(c, action, body, { actor, now, seq });
    return c;
  };
  return {
    step,
    get c() {
      return c;
    },
    get now() {
      return now;
    },
    get seq() {
      return seq;
    },
    ctx: (actor: Actor, advance = HOUR) => ({ actor, now: now + advance, seq: seq + 1 }),
  };
}

const H = staff('handler');
const M = staff('manager');
const PATHS: Record<ComplaintStatus, [ComplaintAction, Actor][]> = {
  registered: [],
  accepted: [['accept', staff('frontline')]],
  declined: [['decline', M]],
  in_progress: [
    ['accept', H],
    ['start', H],
  ],
  on_hold: [
    ['accept', H],
    ['start', H],
    ['hold', H],
  ],
  escalated: [
    ['accept', H],
    ['start', H],
    ['escalate', H],
  ],
  responded: [
    ['accept', H],
    ['start', H],
    ['respond', H],
  ],
  followed_up: [
    ['accept', H],
    ['start', H],
    ['respond', H],
    ['follow_up', customer],
  ],
  closed: [
    ['accept', H],
    ['start', H],
    ['respond', H],
    ['follow_up', customer],
    ['close', H],
  ],
  under_review: [
    ['accept', H],
    ['start', H],
    ['respond', H],
    ['close', H],
    ['request_review', customer],
  ],
  merged: [['merge', H]],
  withdrawn: [['withdraw', customer]],
};

const fixtures = Object.fromEntries(
  STATES.map((s) => {
    const w = world();
    for (const [a, actor] of PATHS[s]) w.step(a, actor);
    return [s, { c: w.c, ctx: w.ctx }];
  }),
) as Record<ComplaintStatus, { c: Complaint; ctx: ReturnType<typeof world>['ctx'] }>;

const catchError = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal, got none');
};

// ---------------------------------------------------------------------------------------------

describe('the fixtures are in the states they claim', () => {
  it.each(STATES)('%s', (s) => {
    expect(fixtures[s].c.status).toBe(s);
    expect(Complaint.safeParse(fixtures[s].c).error?.issues ?? []).toEqual([]);
  });
});

describe('the expected matrix (hand count from docs/domain)', () => {
  it('has 16 actions × 12 states × 7 roles = 1344 cases, 91 of them allowed', () => {
    const cases = ACTIONS.flatMap((a) => STATES.flatMap((s) => ROLES.map((r) => expected(a, s, r))));
    expect(ACTIONS).toHaveLength(16);
    expect(cases).toHaveLength(1344);
    expect(cases.filter((e) => e.ok)).toHaveLength(91);
    expect(cases.filter((e) => !e.ok && e.code === 'role_not_allowed')).toHaveLength(
      // (states allowing the action) × (roles not allowed), summed over actions
      1 * 4 + 5 * 6 + 3 * 5 + 5 * 4 + 1 * 5 + 2 * 5 + 2 * 6 + 1 * 6 + 4 * 5 + 3 * 5 + 1 * 4 + 2 * 5 + 3 * 5 + 1 * 5 + 8 * 5 + 4 * 5,
    );
  });
});

describe.each(ACTIONS)('applyAction %s', (action) => {
  const cases = STATES.flatMap((s) => ROLES.map((r) => [s, r] as const));
  it.each(cases)('from %s as %s', (state, role) => {
    const { c, ctx } = fixtures[state];
    const exp = expected(action, state, role);
    const before = structuredClone(c);
    if (exp.ok) {
      const next = applyAction(c, action, BODIES[action], ctx(actorOf(role)));
      expect(next.status).toBe(exp.to);
      expect(next.version).toBe(c.version + 1);
      expect(next.timeline).toHaveLength(c.timeline.length + 1);
      const ev = next.timeline.at(-1)!;
      expect(ev).toMatchObject({ type: action, fromStatus: state, toStatus: exp.to, actor: actorOf(role) });
      // What the service stores and returns is a valid wire complaint.
      expect(Complaint.safeParse(next).error?.issues ?? []).toEqual([]);
    } else {
      const err = catchError(() => applyAction(c, action, BODIES[action], ctx(actorOf(role))));
      expect(err).toBeInstanceOf(RefusedError);
      const le = err as RefusedError;
      expect(le.code).toBe(exp.code);
      expect(le.action).toBe(action);
      expect(le.complaintStatus).toBe(state);
      expect([...le.allowedActions].sort()).toEqual(expectedAllowed(state, role));
    }
    expect(c).toEqual(before);
  });
});

describe('allowedActions agrees with the table', () => {
  const cases = STATES.flatMap((s) => ROLES.map((r) => [s, r] as const));
  it.each(cases)('in %s for %s', (state, role) => {
    expect(allowedActions(fixtures[state].c, actorOf(role)).sort()).toEqual(expectedAllowed(state, role));
  });

  it('auditors can do nothing, anywhere', () => {
    for (const s of STATES) expect(allowedActions(fixtures[s].c, staff('auditor'))).toEqual([]);
  });

  it('spot checks written out in full', () => {
    expect(allowedActions(fixtures.registered.c, M).sort()).toEqual(['accept', 'decline', 'merge', 'transfer']);
    expect(allowedActions(fixtures.in_progress.c, H).sort()).toEqual(['escalate', 'hold', 'merge', 'new_facts', 'respond', 'transfer']);
    expect(allowedActions(fixtures.on_hold.c, H)).toEqual(['resume', 'new_facts']);
    expect(allowedActions(fixtures.responded.c, customer).sort()).toEqual(['follow_up', 'request_review', 'withdraw']);
    expect(allowedActions(fixtures.closed.c, customer)).toEqual(['request_review']);
    expect(allowedActions(fixtures.closed.c, M).sort()).toEqual(['reopen']);
    expect(allowedActions(fixtures.withdrawn.c, customer)).toEqual([]);
    expect(allowedActions(fixtures.registered.c, system)).toEqual([]);
  });
});

describe('register', () => {
  it('records the registering staff member as first responder and starts the timeline', () => {
    const c = fixtures.registered.c;
    expect(c.status).toBe('registered');
    expect(c.version).toBe(1);
    expect(c.firstResponder).toEqual(staff('frontline'));
    expect(c.timeline).toEqual([
      expect.objectContaining({ seq: 1, type: 'register', fromStatus: null, toStatus: 'registered', actor: staff('frontline') }),
    ]);
  });

  it.each([
    ['frontline', true],
    ['handler', true],
    ['customer', true],
    ['system', true],
    ['manager', false],
    ['leadership', false],
    ['auditor', false],
  ] as const)('as %s: allowed %s', (role, ok) => {
    const run = () =>
      registerComplaint(ComplaintCreate.parse(input), { actor: actorOf(role), now: T0, seq: 1, id: 'CK20250303-000001', handlingOrgId: ORG });
    // 首问负责: the first responder is always staff; a self-service or system registration has none
    // until a member of staff accepts it (see accept below).
    if (ok) {
      expect(run().registeredBy).toEqual(actorOf(role));
      expect(run().firstResponder).toEqual(role === 'customer' || role === 'system' ? null : actorOf(role));
    } else expect(catchError(run)).toMatchObject({ code: 'role_not_allowed' });
  });

  it('refuses a receipt time in the future', () => {
    const run = () =>
      registerComplaint(ComplaintCreate.parse({ ...input, receivedAt: '2025-03-04T09:00:00+08:00' }), {
        actor: staff('frontline'),
        now: T0,
        seq: 1,
        id: 'CK20250303-000001',
        handlingOrgId: ORG,
      });
    expect(catchError(run)).toMatchObject({ code: 'rule_violation' });
  });

  it('does not assign the complaint to the registering staff member when they are the one complained about (回避)', () => {
    const c = registerComplaint(ComplaintCreate.parse({ ...input, subjectStaffId: 'u-frontline' }), {
      actor: staff('frontline'),
      now: T0,
      seq: 1,
      id: 'CK20250303-000001',
      handlingOrgId: ORG,
    });
    expect(c.firstResponder).toEqual(staff('frontline'));
    expect(c.assigneeId).not.toBe('u-frontline');
  });
});

describe('resume returns to the state before the hold', () => {
  it('in_progress → on_hold → in_progress', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    w.step('hold', H);
    expect(w.step('resume', H).status).toBe('in_progress');
  });
  it('escalated → on_hold → escalated', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    w.step('escalate', H);
    expect(w.step('hold', H).status).toBe('on_hold');
    const c = w.step('resume', H);
    expect(c.status).toBe('escalated');
    expect(c.timeline.at(-1)).toMatchObject({ type: 'resume', fromStatus: 'on_hold', toStatus: 'escalated' });
  });
  it('uses the latest hold when there were several', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    w.step('hold', H);
    w.step('resume', H);
    w.step('escalate', H);
    w.step('hold', H);
    expect(w.step('resume', H).status).toBe('escalated');
  });
});

describe('first responder (首问负责制) and recusal (回避)', () => {
  it('the first responder survives transfers to other organisations and people, up to closing', () => {
    const w = world();
    w.step('transfer', M, { toOrgId: 'BR-44', reason: '属地管理' });
    w.step('accept', H);
    w.step('transfer', staff('leadership'), { toOrgId: 'SB-440305', toAssigneeId: 'u-2002', reason: '转办' });
    w.step('start', H);
    w.step('transfer', H, { toAssigneeId: 'u-2003', reason: '调整经办人' });
    w.step('respond', H);
    const c = w.step('close', H);
    expect(c.firstResponder).toEqual(staff('frontline'));
    expect(c.handlingOrgId).toBe('SB-440305');
    expect(c.assigneeId).toBe('u-2003');
  });

  it('a transfer records where it came from and its reason, and keeps the state', () => {
    const w = world();
    w.step('accept', H);
    const c = w.step('transfer', M, { toOrgId: 'BR-44', toAssigneeId: 'u-3001', reason: '属地管理' });
    expect(c.status).toBe('accepted');
    expect(c.timeline.at(-1)).toMatchObject({
      type: 'transfer',
      fromStatus: 'accepted',
      toStatus: 'accepted',
      reason: '属地管理',
      data: { fromOrgId: ORG, fromAssigneeId: 'u-frontline', toOrgId: 'BR-44', toAssigneeId: 'u-3001' },
    });
  });

  it('a transfer to the staff member complained about is refused and changes nothing', () => {
    const { c, ctx } = fixtures.in_progress;
    const before = structuredClone(c);
    const err = catchError(() => applyAction(c, 'transfer', { toAssigneeId: 'u-subject', reason: '转办' }, ctx(M)));
    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toMatchObject({ code: 'rule_violation', action: 'transfer' });
    expect(c).toEqual(before);
  });

  it('starting handling with the staff member complained about as assignee is refused', () => {
    const { c, ctx } = fixtures.accepted;
    expect(catchError(() => applyAction(c, 'start', { assigneeId: 'u-subject' }, ctx(M)))).toMatchObject({ code: 'rule_violation' });
  });

  it('escalating to the staff member complained about as the leader (包案) is refused', () => {
    const w = world({ subjectStaffId: 'u-9001' });
    w.step('accept', H);
    const err = catchError(() =>
      applyAction(w.c, 'escalate', { severity: 'major', leaderId: 'u-9001', reason: '涉众' }, w.ctx(M)),
    );
    expect(err).toMatchObject({ code: 'rule_violation', action: 'escalate' });
  });
});

describe('extensions (Measures art. 17)', () => {
  const ext = (approvedBy?: string) => ({
    reason: '案情复杂',
    complainantNotifiedAt: '2025-03-05T10:00:00+08:00',
    ...(approvedBy && { approvedBy }),
  });
  const inProgress = () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    return w;
  };

  it('a manager grants the first (to 30 days), leadership the second with approvedBy (60 days)', () => {
    const w = inProgress();
    const first = w.step('extend', M, ext());
    expect(first.status).toBe('in_progress');
    expect(first.deadlines.extensionLevel).toBe(1);
    expect(first.timeline.at(-1)).toMatchObject({ type: 'extend', reason: '案情复杂', data: { level: 1 } });
    const second = w.step('extend', staff('leadership'), ext('u-senior'));
    expect(second.deadlines.extensionLevel).toBe(2);
    expect(second.timeline.at(-1)).toMatchObject({ data: { level: 2, approvedBy: 'u-senior' } });
  });

  it('leadership may grant the first extension too', () => {
    const w = inProgress();
    expect(w.step('extend', staff('leadership'), ext()).deadlines.extensionLevel).toBe(1);
  });

  it('a manager may not grant the second extension (only leadership may)', () => {
    const w = inProgress();
    w.step('extend', M, ext());
    const before = structuredClone(w.c);
    const err = catchError(() => applyAction(w.c, 'extend', ext('u-senior'), w.ctx(M)));
    expect(err).toMatchObject({ code: 'role_not_allowed', action: 'extend' });
    expect((err as RefusedError).allowedActions).not.toContain('extend');
    expect(allowedActions(w.c, M)).not.toContain('extend');
    expect(allowedActions(w.c, staff('leadership'))).toContain('extend');
    expect(w.c).toEqual(before);
  });

  it('the second extension needs approvedBy', () => {
    const w = inProgress();
    w.step('extend', M, ext());
    expect(catchError(() => applyAction(w.c, 'extend', ext(), w.ctx(staff('leadership'))))).toMatchObject({
      code: 'rule_violation',
    });
  });

  it('there is no third extension', () => {
    const w = inProgress();
    w.step('extend', M, ext());
    w.step('extend', staff('leadership'), ext('u-senior'));
    for (const r of ['manager', 'leadership'] as const) {
      expect(allowedActions(w.c, staff(r))).not.toContain('extend');
      const err = catchError(() => applyAction(w.c, 'extend', ext('u-senior'), w.ctx(staff(r))));
      expect(err).toMatchObject({ code: 'rule_violation', action: 'extend' });
    }
    expect(w.c.deadlines.extensionLevel).toBe(2);
  });

  it('an extension while on hold keeps the complaint on hold', () => {
    const w = inProgress();
    w.step('hold', H);
    const c = w.step('extend', M, ext());
    expect(c.status).toBe('on_hold');
    expect(c.deadlines.extensionLevel).toBe(1);
  });
});

describe('request_review (核查) within 30 days of the decision', () => {
  const responded = () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    w.step('respond', H);
    return w;
  };

  it('is allowed at the last millisecond of day 30 after the decision, refused one millisecond later', () => {
    const w = responded();
    const requestBy = computeClock(w.c, { now: w.now }).review!.requestBy;
    // Responded 2025-03-03 12:00 Beijing time; 30 days later is Wednesday 2025-04-02.
    expect(requestBy).toBe('2025-04-02T23:59:59.999+08:00');
    const last = Date.parse(requestBy);
    const ok = applyAction(w.c, 'request_review', BODIES.request_review, { actor: customer, now: last, seq: 99 });
    expect(ok.status).toBe('under_review');
    const err = catchError(() =>
      applyAction(w.c, 'request_review', BODIES.request_review, { actor: customer, now: last + 1, seq: 99 }),
    );
    expect(err).toMatchObject({ code: 'rule_violation', action: 'request_review' });
  });

  it('is refused 31 days after the decision even after follow-up and closing', () => {
    const w = responded();
    w.step('follow_up', customer);
    w.step('close', H);
    const err = catchError(() => w.step('request_review', staff('frontline'), BODIES.request_review, 31 * DAY));
    expect(err).toMatchObject({ code: 'rule_violation' });
    expect(w.c.status).toBe('closed');
  });

  it('counts the 30 days from when the complainant received the decision (letter on 03-07 → Mon 04-07)', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    // Recorded once the letter arrived: a notifiedAt in the future is refused.
    w.step('respond', H, { ...(BODIES.respond as object), notifiedVia: 'letter', notifiedAt: '2025-03-07T15:00:00+08:00' }, 5 * DAY);
    // 03-07 + 30 = Sunday 04-06 → Monday 04-07.
    const inTime = Date.parse('2025-04-07T23:59:59.999+08:00');
    expect(applyAction(w.c, 'request_review', BODIES.request_review, { actor: customer, now: inTime, seq: 99 }).status).toBe('under_review');
    expect(catchError(() => applyAction(w.c, 'request_review', BODIES.request_review, { actor: customer, now: inTime + 1, seq: 99 }))).toMatchObject({
      code: 'rule_violation',
    });
  });
});

describe('merge', () => {
  it('into itself is refused', () => {
    const { c, ctx } = fixtures.registered;
    const err = catchError(() => applyAction(c, 'merge', { intoComplaintId: c.id, reason: '重复' }, ctx(H)));
    expect(err).toMatchObject({ code: 'rule_violation', action: 'merge' });
  });
  it('into an earlier complaint records the target and stops the clock', () => {
    const { c, ctx } = fixtures.accepted;
    const next = applyAction(c, 'merge', BODIES.merge, ctx(M));
    expect(next.status).toBe('merged');
    expect(next.mergedInto).toBe('CK20250301-000001');
    expect(next.deadlines.decisionDueAt).toBeNull();
  });
});

describe('every step appends exactly one timeline event', () => {
  it('with actor, time, from/to, reason, seq, and a version bump', () => {
    const w = world();
    const path: [ComplaintAction, Actor][] = [
      ['accept', H],
      ['transfer', M],
      ['start', H],
      ['escalate', H],
      ['hold', H],
      ['extend', M],
      ['resume', H],
      ['respond', staff('leadership')],
      ['follow_up', customer],
      ['close', H],
      ['request_review', customer],
      ['respond', H],
      ['close', M],
      ['reopen', M],
      ['withdraw', customer],
    ];
    for (const [action, actor] of path) {
      const before = w.c;
      const next = w.step(action, actor);
      expect(next.version).toBe(before.version + 1);
      expect(next.timeline.slice(0, -1)).toEqual(before.timeline);
      const ev = next.timeline.at(-1)!;
      expect(ev.seq).toBe(w.seq);
      expect(ev.type).toBe(action);
      expect(ev.actor).toEqual(actor);
      expect(ev.at).toBe(new Date(w.now).toISOString());
      expect(next.updatedAt).toBe(ev.at);
      expect(ev.fromStatus).toBe(before.status);
      expect(ev.toStatus).toBe(next.status);
      const body = BODIES[action] as { reason?: string };
      if (body.reason !== undefined) expect(ev.reason).toBe(body.reason);
    }
    expect(w.c.status).toBe('withdrawn');
    expect(w.c.version).toBe(16);
    expect(w.c.timeline).toHaveLength(16);
    expect(w.c.timeline.map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('respond stores the decision with its facts; follow_up appends an attempt; reopen clears the decision, keeps the history', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    const r = w.step('respond', H);
    expect(r.decision).toMatchObject({
      outcome: 'partly_upheld',
      amount: 200,
      respondedAt: new Date(w.now).toISOString(),
      notifiedAt: '2025-03-03T12:00:00+08:00',
      decidingOrgId: ORG,
      dueAt: '2025-03-18T23:59:59.999+08:00',
      timeliness: 'met',
    });
    const f = w.step('follow_up', customer);
    expect(f.followUps).toEqual([{ attempt: 1, at: new Date(w.now).toISOString(), reached: true, score: 4, decisionAccepted: true, comment: null }]);
    w.step('close', H);
    const o = w.step('reopen', M, { reason: '新证据', newFactsReceivedAt: '2025-03-03T14:30:00+08:00' });
    expect(o.status).toBe('in_progress');
    expect(o.decision).toBeNull();
    expect(o.followUps).toHaveLength(1);
  });

  it('an unreached follow-up has no score, leaves the complaint responded, and can be retried', () => {
    const w = world();
    w.step('accept', H);
    w.step('start', H);
    w.step('respond', H);
    const missed = w.step('follow_up', staff('frontline'), { reached: false });
    expect(missed.status).toBe('responded');
    expect(missed.followUps).toEqual([expect.objectContaining({ attempt: 1, reached: false, score: null })]);
    const reached = w.step('follow_up', staff('frontline'), { reached: true, satisfaction: 5, comment: '满意' }, DAY);
    expect(reached.status).toBe('followed_up');
    expect(reached.followUps.map((a) => [a.attempt, a.reached, a.score, a.comment])).toEqual([
      [1, false, null, null],
      [2, true, 5, '满意'],
    ]);
    expect(Date.parse(reached.followUps[1]?.at ?? '') - Date.parse(reached.followUps[0]?.at ?? '')).toBe(DAY);
  });
});

describe('each step stores fresh deadlines', () => {
  it('15 days at registration, 30 after an extension, empty while on hold, stopped on withdrawal', () => {
    const w = world();
    expect(w.c.deadlines).toMatchObject({ decisionDueAt: '2025-03-18T23:59:59.999+08:00', extensionLevel: 0, paused: false });
    w.step('accept', H);
    w.step('start', H);
    w.step('extend', M, { reason: '案情复杂', complainantNotifiedAt: '2025-03-03T12:00:00+08:00' });
    expect(w.c.deadlines).toMatchObject({ decisionDueAt: '2025-04-02T23:59:59.999+08:00', extensionLevel: 1 });
    w.step('hold', H);
    expect(w.c.deadlines).toMatchObject({ decisionDueAt: null, warnAt: null, paused: true, extensionLevel: 1 });
    // Two whole days on hold are added back: 04-02 → 04-04, the Qingming holiday (04-04..06) → Mon 04-07.
    w.step('resume', H, {}, 2 * DAY);
    expect(w.c.deadlines).toMatchObject({ decisionDueAt: '2025-04-07T23:59:59.999+08:00', paused: false });
    w.step('withdraw', customer);
    expect(w.c.deadlines).toMatchObject({ decisionDueAt: null, paused: false });
  });

  it('a review sets its own deadline, 30 days after the request', () => {
    const c = fixtures.under_review.c;
    // Requested 2025-03-03 14:00 → + 30 = Wednesday 04-02.
    expect(c.deadlines.reviewDueAt).toBe('2025-04-02T23:59:59.999+08:00');
  });

  it('reopen restarts the clock from the new facts, which may not lie in the future', () => {
    const { c } = fixtures.closed;
    const now = Date.parse('2025-03-12T09:00:00+08:00');
    const body = (newFactsReceivedAt: string) => ({ reason: '补充新证据', newFactsReceivedAt });
    expect(catchError(() => applyAction(c, 'reopen', body('2025-03-13T09:00:00+08:00'), { actor: M, now, seq: 99 }))).toMatchObject({
      code: 'rule_violation',
      action: 'reopen',
    });
    const next = applyAction(c, 'reopen', body('2025-03-10T09:00:00+08:00'), { actor: M, now, seq: 99 });
    expect(next.deadlines).toMatchObject({ clockStartedAt: '2025-03-10T09:00:00.000+08:00', decisionDueAt: '2025-03-25T23:59:59.999+08:00', extensionLevel: 0 });
  });
});

describe('bad bodies are refused with zod errors and nothing changes', () => {
  const BAD: [ComplaintAction, ComplaintStatus, ActorRole, unknown, string][] = [
    ['decline', 'registered', 'manager', {}, 'reason'],
    ['decline', 'registered', 'manager', { reason: '   ' }, 'reason'],
    ['merge', 'registered', 'handler', { intoComplaintId: 'not-an-id', reason: '重复' }, 'intoComplaintId'],
    ['transfer', 'accepted', 'manager', { reason: '转办' }, 'toOrgId'],
    ['escalate', 'in_progress', 'handler', { severity: 'urgent', reason: '涉众' }, 'severity'],
    ['hold', 'in_progress', 'handler', { complainantNotified: true }, 'reason'],
    ['extend', 'in_progress', 'manager', { reason: '复杂' }, 'complainantNotifiedAt'],
    ['extend', 'in_progress', 'manager', { reason: '复杂', complainantNotifiedAt: '2025-03-05 10:00' }, 'complainantNotifiedAt'],
    ['respond', 'in_progress', 'handler', { ...(BODIES.respond as object), remediesOffered: [] }, 'remediesOffered'],
    ['respond', 'in_progress', 'handler', { ...(BODIES.respond as object), amount: -1 }, 'amount'],
    ['respond', 'in_progress', 'handler', { ...(BODIES.respond as object), outcome: 'maybe' }, 'outcome'],
    ['follow_up', 'responded', 'customer', { reached: true }, 'satisfaction'],
    ['follow_up', 'responded', 'customer', { reached: true, satisfaction: 6 }, 'satisfaction'],
    ['follow_up', 'responded', 'customer', { reached: true, satisfaction: 3.5 }, 'satisfaction'],
    ['request_review', 'closed', 'customer', {}, 'reason'],
    ['reopen', 'closed', 'manager', { reason: '新证据', newFactsReceivedAt: 'yesterday' }, 'newFactsReceivedAt'],
    ['accept', 'registered', 'frontline', null, ''],
  ];
  it.each(BAD)('%s from %s as %s with %j names %s', (action, state, role, body, path) => {
    const { c, ctx } = fixtures[state];
    const before = structuredClone(c);
    const err = catchError(() => applyAction(c, action, body, ctx(actorOf(role))));
    expect(err).toBeInstanceOf(z.core.$ZodError);
    const paths = (err as z.core.$ZodError).issues.map((i) => i.path.join('.'));
    expect(paths).toContain(path);
    expect(c).toEqual(before);
  });
});

describe('an own __proto__ key (JSON.parse makes one) never sets the prototype of what is built', () => {
  // `Object.assign` would call the copy's prototype setter with it; the lifecycle copies without it.
  const parsed = (json: string) => JSON.parse(json) as Record<string, unknown>;

  it('in a trusted step body: the event keeps no reason from it, and its data is a plain object', () => {
    const w = world();
    const body = parsed('{"note":"身份已核实","__proto__":{"reason":"from the prototype"}}');
    const r = applySteps(w.c, [{ action: 'accept', input: body, ctx: w.ctx(staff('frontline')) }], { trusted: ['accept'] });
    if (!('complaint' in r)) throw r.error;
    const event = r.complaint.timeline.at(-1);
    expect(event?.reason).toBeNull();
    expect(Object.getPrototypeOf(event?.data)).toBe(Object.prototype);
    expect(event?.data).toEqual({ note: '身份已核实' });
  });

  it('in a trusted respond body: the decision is a plain object with the body’s fields only', () => {
    const f = fixtures.in_progress;
    const body = parsed(`{"__proto__":{"remedy":"from the prototype"},${JSON.stringify(BODIES.respond).slice(1)}`);
    const r = applySteps(f.c, [{ action: 'respond', input: body, ctx: { actor: H, now: T0 + 10 * HOUR, seq: 10 } }], { trusted: ['respond'] });
    if (!('complaint' in r)) throw r.error;
    expect(Object.getPrototypeOf(r.complaint.decision)).toBe(Object.prototype);
    expect(r.complaint.decision?.remedy).toBe('退还年费');
  });

  it('a trusted step without a body still applies, with empty data (as before the copy dropped the key)', () => {
    const w = world();
    const r = applySteps(w.c, [{ action: 'accept', input: undefined, ctx: w.ctx(staff('frontline')) }], { trusted: ['accept'] });
    if (!('complaint' in r)) throw r.error;
    expect(r.complaint.status).toBe('accepted');
    expect(r.complaint.timeline.at(-1)?.data).toEqual({});
  });

  it('in the complaint stepped (a stored document parsed) and in a registration’s input and complainant', () => {
    const stored = parsed(JSON.stringify(fixtures.registered.c).replace('{', '{"__proto__":{"polluted":true},'));
    const accepted = applyAction(stored as Complaint, 'accept', BODIES.accept, fixtures.registered.ctx(staff('frontline')));
    expect(Object.getPrototypeOf(accepted)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(accepted.complainant)).toBe(Object.prototype);
    const raw = parsed(JSON.stringify(ComplaintCreate.parse(input)).replace('{', '{"__proto__":{"polluted":true},').replace('"complainant":{', '"complainant":{"__proto__":{"polluted":true},'));
    const c = registerComplaint(raw as ComplaintCreate, { actor: staff('frontline'), now: T0, seq: 1, id: 'CK20250303-000043', handlingOrgId: ORG });
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(c.complainant)).toBe(Object.prototype);
    expect('polluted' in c || 'polluted' in c.complainant).toBe(false);
  });
});
