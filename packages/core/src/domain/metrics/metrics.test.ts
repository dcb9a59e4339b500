/**
 * Known answers on hand-built complaints: every metric, worked out by hand in the comments, over
 * lives built with the real lifecycle (registerComplaint / applyAction) so the facts come from the
 * same timelines the service stores.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, registerComplaint } from '../lifecycle/machine.js';
import type { ComplaintAction } from '../lifecycle/states.js';
import type { Actor } from '../schemas/actor.js';
import { type Complaint, ComplaintCreate, type ComplaintCreateInput } from '../schemas/complaint.js';
import { periodOf, periodsCovering, previousPeriod, previousRange, yearEarlierPeriod, yearEarlierRange } from './bank-days.js';
import { compare } from './change.js';
import { type ComplaintFacts, factsOf } from './facts.js';
import { nearestRank } from './quantile.js';
import { markRepeats } from './repeats.js';
import { computeReport, type ReportSpec } from './report.js';

const DAY = 86_400_000;
const staff = (role: 'frontline' | 'handler' | 'manager' | 'leadership', orgId = 'SB-1'): Actor => ({ kind: 'staff', id: `u-${role}`, role, orgId });
const customer: Actor = { kind: 'customer', id: 'cust-1' };
const at = (s: string) => Date.parse(s.includes('T') ? s : `${s}T10:00:00+08:00`);

type Step = [when: string, action: ComplaintAction, body?: Record<string, unknown>, actor?: Actor];
const respond = (notifiedAt?: string): Record<string, unknown> => ({
  outcome: 'upheld',
  basis: '章程',
  remediesOffered: ['review'],
  notifiedVia: 'phone',
  ...(notifiedAt && { notifiedAt: new Date(at(notifiedAt)).toISOString() }),
});
const ROLE_OF: Partial<Record<ComplaintAction, Actor>> = {
  extend: staff('manager'),
  close: staff('manager'),
  reopen: staff('manager'),
  merge: staff('manager'),
  decline: staff('manager'),
  follow_up: staff('frontline'),
  request_review: customer,
  withdraw: customer,
};

let n = 0;
/** A complaint received at `received`, then the steps in order. */
function life(received: string, steps: Step[], over: Partial<ComplaintCreateInput> = {}): Complaint {
  n += 1;
  const input = ComplaintCreate.parse({
    intakeChannel: 'hotline',
    businessChannel: 'A010303',
    businessCategory: 'B0302',
    cause: 'C11',
    complainant: { name: '张三', phone: '13812345678', customerId: `C-${n}` },
    description: '信用卡年费',
    regionCode: '440305',
    receivedAt: new Date(at(received)).toISOString(),
    ...over,
  });
  let c = registerComplaint(input, { id: `CK20260301-${String(n).padStart(6, '0')}`, handlingOrgId: 'SB-1', actor: staff('frontline'), now: at(received) + 60_000, seq: n * 100 });
  let seq = n * 100;
  for (const [when, action, body, actor] of steps) {
    const b = action === 'respond' ? { ...respond(), notifiedAt: new Date(at(when)).toISOString(), ...body } : (body ?? {});
    c = applyAction(c, action, b, { actor: actor ?? ROLE_OF[action] ?? staff('handler'), now: at(when), seq: ++seq });
  }
  return c;
}
const handled = (received: string, decided: string, extra: Step[] = [], over: Partial<ComplaintCreateInput> = {}) =>
  life(received, [[received, 'accept'], [received, 'start'], ...extra, [decided, 'respond']], over);
const facts = (c: Complaint, orgPath = '/HO/BR-44/SB-1/'): ComplaintFacts => factsOf(c, { orgPath });
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const report = (fs: ComplaintFacts[], spec: Partial<ReportSpec> = {}) =>
  computeReport(markRepeats(fs), { range: MARCH, filter: {}, groupBy: [], ...spec });

describe('received: R(P)', () => {
  it('counts a complaint received at 17:30 UTC on 28 Feb in March: the day boundary is Shanghai midnight', () => {
    const c = life('2026-02-28T17:30:00Z', []);
    const f = facts(c);
    expect(f.receivedDay).toBe('2026-03-01');
    expect(report([f]).total.metrics.volume).toBe(1);
    expect(report([f], { range: { from: '2026-02-01', to: '2026-02-28' } }).total.metrics.volume).toBe(0);
  });
  it('leaves merged and declined complaints out of volume and shares', () => {
    const kept = life('2026-03-02', []);
    const merged = life('2026-03-03', [['2026-03-03', 'merge', { intoComplaintId: kept.id, reason: '同一事项' }]]);
    const declined = life('2026-03-04', [['2026-03-04', 'decline', { reason: '非消费投诉' }]]);
    const r = report([kept, merged, declined].map((c) => facts(c)), { groupBy: ['intakeChannel'] });
    expect(r.total.metrics.volume).toBe(1);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]?.metrics.share).toBe(1);
  });
  it('shares and cross-tabs by B × C, and regulator-transfer share', () => {
    const fs = [
      life('2026-03-02', [], { businessCategory: 'B0302', cause: 'C11' }),
      life('2026-03-02', [], { businessCategory: 'B0302', cause: 'C11', intakeChannel: 'regulator_transfer', regulatorReference: 'R-1' }),
      life('2026-03-02', [], { businessCategory: 'B0302', cause: 'C01' }),
      life('2026-03-02', [], { businessCategory: 'B0201', cause: 'C11' }),
    ].map((c) => facts(c));
    const r = report(fs, { groupBy: ['businessCategory', 'cause'] });
    expect(r.rows.map((x) => [x.key.businessCategory, x.key.cause, x.aggregates.received, x.metrics.share])).toEqual([
      ['B0201', 'C11', 1, 0.25],
      ['B0302', 'C01', 1, 0.25],
      ['B0302', 'C11', 2, 0.5],
    ]);
    expect(r.total.metrics.regulatorTransferShare).toBe(0.25);
    // A filter on a B major class keeps its minor classes.
    expect(report(fs, { filter: { businessCategory: ['B03'] } }).total.metrics.volume).toBe(3);
  });
  it('puts functional-centre complaints in the "not regional" bucket, never dropped', () => {
    const fs = [life('2026-03-02', [], { regionCode: null }), life('2026-03-02', [])].map((c) => facts(c));
    const r = report(fs, { groupBy: ['province'] });
    expect(r.rows.map((x) => [x.key.province, x.aggregates.received])).toEqual([
      ['440000', 1],
      ['not_regional', 1],
    ]);
    expect(report(fs, { groupBy: ['prefecture'] }).rows.map((x) => x.key.prefecture)).toEqual(['440300', 'not_regional']);
    expect(report(fs, { filter: { region: 'not_regional' } }).total.metrics.volume).toBe(1);
  });
});

describe('decided: C(P), timeliness and handling time', () => {
  it('a 15-day decision is on time; a 16-day one is late; a decision in April is not March’s', () => {
    // Received Mon 2 March: due end of Tue 17 March.
    const onTime = facts(handled('2026-03-02', '2026-03-17T20:00:00+08:00'));
    const late = facts(handled('2026-03-02', '2026-03-18'));
    const april = facts(handled('2026-03-31', '2026-04-10'));
    const r = report([onTime, late, april]);
    expect(r.total.aggregates.decided).toBe(2);
    expect(r.total.metrics.timeliness).toBe(0.5);
    expect(r.total.metrics.volume).toBe(3);
    expect(report([april], { range: { from: '2026-04-01', to: '2026-04-30' } }).total.metrics.timeliness).toBe(1);
  });
  it('judges on time when the complainant was told, not when the decision was recorded', () => {
    const c = facts(handled('2026-03-02', '2026-03-16', [], {}));
    expect(c.met).toBe(true);
    // Recorded on day 17, but the complainant was told on day 14: met, and booked to the day told.
    const recordedLate = life('2026-03-02', [['2026-03-02', 'accept'], ['2026-03-02', 'start'], ['2026-03-19', 'respond', { notifiedAt: new Date(at('2026-03-16')).toISOString() }]]);
    expect(facts(recordedLate).met).toBe(true);
    expect(facts(recordedLate).decidedDay).toBe('2026-03-16');
    // Told on day 17: missed, however early the decision was made.
    const toldLate = life('2026-03-02', [['2026-03-02', 'accept'], ['2026-03-02', 'start'], ['2026-03-19', 'respond', { notifiedAt: new Date(at('2026-03-19')).toISOString() }]]);
    expect(facts(toldLate).met).toBe(false);
    expect(facts(toldLate).decidedDay).toBe('2026-03-19');
  });
  it('an approved extension makes day 25 on time, but not within the strict 15 days', () => {
    const f = facts(handled('2026-03-02', '2026-03-27', [['2026-03-10', 'extend', { reason: '案情复杂', complainantNotifiedAt: new Date(at('2026-03-10')).toISOString() }]]));
    expect([f.met, f.metStrict]).toEqual([true, false]);
    const r = report([f]);
    expect([r.total.metrics.timeliness, r.total.metrics.timelinessStrict]).toEqual([1, 0]);
  });
  it('time on hold is added to the deadline and taken out of handling time', () => {
    // 10 days on hold (5 → 15 March): due 17 + 10 = 27 March; decided 25 March: 23 days elapsed − 10 held = 13.
    const f = facts(handled('2026-03-02', '2026-03-25', [['2026-03-05', 'hold', { reason: '外部鉴定' }], ['2026-03-15', 'resume']]));
    expect(f.met).toBe(true);
    expect(f.handlingMs).toBe(13 * DAY);
    expect(report([f]).total.metrics.handlingDaysMean).toBe(13);
  });
  it('mean, p50 and p90 handling time by nearest rank', () => {
    const fs = [2, 4, 6, 8, 10].map((d) => facts(handled('2026-03-02', `2026-03-${String(2 + d).padStart(2, '0')}`)));
    const r = report(fs).total.metrics;
    expect([r.handlingDaysMean, r.handlingDaysP50, r.handlingDaysP90]).toEqual([6, 6, 10]);
    expect(nearestRank([], 0.9)).toBeNull();
  });
  it('a review decision does not replace the decision; the request counts in the review rate', () => {
    const c = life('2026-03-02', [
      ['2026-03-02', 'accept'],
      ['2026-03-02', 'start'],
      ['2026-03-10', 'respond'],
      ['2026-03-12', 'request_review', { reason: '不服' }],
      ['2026-03-20', 'respond'],
    ]);
    const f = facts(c);
    expect(f.decidedDay).toBe('2026-03-10');
    expect(f.reviewRequested).toBe(true);
    expect(report([f, facts(handled('2026-03-02', '2026-03-05'))]).total.metrics.reviewRate).toBe(0.5);
  });
  it('a reopened complaint is decided again when its new decision is told, against the restarted clock', () => {
    const c = life('2026-02-02', [
      ['2026-02-02', 'accept'],
      ['2026-02-02', 'start'],
      ['2026-02-10', 'respond'],
      ['2026-02-11', 'close'],
      ['2026-03-02', 'reopen', { reason: '新事实' }],
      ['2026-03-20', 'respond'],
    ]);
    const f = facts(c);
    expect(f.decidedDay).toBe('2026-03-20');
    expect(f.met).toBe(false); // new facts 2 March: due 17 March
    expect(report([f], { range: { from: '2026-02-01', to: '2026-02-28' } }).total.aggregates.decided).toBe(0);
    expect(report([f]).total.aggregates.decided).toBe(1);
  });
  it('a transfer moves the complaint to the organisation it is measured against, rolled up the tree', () => {
    const c = handled('2026-03-02', '2026-03-05', [['2026-03-03', 'transfer', { toOrgId: 'SB-2', reason: '属地' }, staff('manager')]]);
    const orgs = { scope: { id: 'HO', path: '/HO/' }, children: [{ id: 'BR-44', path: '/HO/BR-44/' }, { id: 'BR-11', path: '/HO/BR-11/' }] };
    const fs = [facts(c, '/HO/BR-11/SB-2/'), facts(handled('2026-03-02', '2026-03-30'), '/HO/BR-44/SB-1/'), facts(life('2026-03-02', []), '/HO/')];
    const r = report(fs, { groupBy: ['organisation'], orgs });
    expect(r.rows.map((x) => [x.key.organisation, x.aggregates.received, x.metrics.timeliness])).toEqual([
      ['BR-11', 1, 1],
      ['BR-44', 1, 0],
      ['HO', 1, null],
    ]);
    expect(report(fs, { filter: { orgPath: '/HO/BR-11/' } }).total.metrics.volume).toBe(1);
  });
  it('has no timeliness (null, not 0 %) when nothing was decided', () => {
    expect(report([facts(life('2026-03-02', []))]).total.metrics.timeliness).toBeNull();
  });
});

describe('open overdue at the end of the period', () => {
  it('counts what was open and past due on 31 March, whatever happened later', () => {
    const openLate = facts(life('2026-03-02', [['2026-03-02', 'accept']]));
    const decidedInApril = facts(handled('2026-03-02', '2026-04-03'));
    const notYetDue = facts(life('2026-03-25', []));
    const withdrawn = facts(life('2026-03-02', [['2026-03-20', 'withdraw']]));
    const r = report([openLate, decidedInApril, notYetDue, withdrawn]);
    expect(r.total.metrics.overdueOpen).toBe(2);
  });
});

describe('follow-up (回访), satisfaction and acceptance', () => {
  it('no follow-up: completion 0, satisfaction has no base', () => {
    const r = report([facts(handled('2026-03-02', '2026-03-05'))]).total.metrics;
    expect([r.followUpCompletion, r.satisfactionRate, r.acceptanceRate]).toEqual([0, null, 0]);
  });
  it('an unreached follow-up counts against completion, not against satisfaction', () => {
    const unreached = facts(handled('2026-03-02', '2026-03-05', []));
    const u2 = life('2026-03-02', [['2026-03-02', 'accept'], ['2026-03-02', 'start'], ['2026-03-05', 'respond'], ['2026-03-06', 'follow_up', { reached: false }]]);
    const happy = life('2026-03-02', [['2026-03-02', 'accept'], ['2026-03-02', 'start'], ['2026-03-05', 'respond'], ['2026-03-06', 'follow_up', { reached: true, satisfaction: 5, decisionAccepted: true }]]);
    const unhappy = life('2026-03-02', [['2026-03-02', 'accept'], ['2026-03-02', 'start'], ['2026-03-05', 'respond'], ['2026-03-06', 'follow_up', { reached: true, satisfaction: 2, decisionAccepted: false }]]);
    const r = report([unreached, facts(u2), facts(happy), facts(unhappy)]).total.metrics;
    expect(r.followUpCompletion).toBe(0.5);
    expect(r.satisfactionRate).toBe(0.5);
    expect(r.acceptanceRate).toBe(0.25);
  });
  it('dates satisfaction by the follow-up, so a March decision rated in April is April’s', () => {
    const c = life('2026-03-02', [['2026-03-02', 'accept'], ['2026-03-02', 'start'], ['2026-03-30', 'respond'], ['2026-04-02', 'follow_up', { reached: true, satisfaction: 4 }]]);
    expect(report([facts(c)]).total.aggregates.rated).toBe(0);
    expect(report([facts(c)], { range: { from: '2026-04-01', to: '2026-04-30' } }).total.metrics.satisfactionRate).toBe(1);
  });
});

describe('repeat complaints', () => {
  it('same customer and B major class within 30 days is a repeat; 31 days, another class or no customer is not', () => {
    const who = { complainant: { name: '王五', customerId: 'C-R' } };
    const first = facts(life('2026-02-10', [], { ...who, businessCategory: 'B0301' }));
    const again = facts(life('2026-03-05', [], { ...who, businessCategory: 'B0302' })); // 23 days, same B03
    const otherClass = facts(life('2026-03-06', [], { ...who, businessCategory: 'B0201' }));
    const late = facts(life('2026-04-20', [], { ...who, businessCategory: 'B0302' })); // 46 days after 5 March
    const anon = [0, 1].map(() => facts(life('2026-03-07', [], { complainant: { name: '匿名' } })));
    const marked = markRepeats([first, again, otherClass, late, ...anon]);
    expect(marked.filter((f) => f.isRepeat).map((f) => f.id)).toEqual([again.id]);
    // March's R(P): again, otherClass and the two anonymous ones; `first` is February's.
    expect(report([first, again, otherClass, ...anon]).total.metrics.repeatRate).toBe(1 / 4);
  });
});

describe('normalised volumes', () => {
  it('per 1,000 outlets, per 10 million customers and per outlet per month', () => {
    const fs = [0, 1, 2, 3].map(() => facts(life('2026-03-02', [])));
    const m = report(fs, { outlets: 8, customers: 2_000_000 }).total.metrics;
    expect(m.per1000Outlets).toBe(500);
    expect(m.per10MCustomers).toBe(20);
    expect(m.perOutletPerMonth).toBeCloseTo(4 / 8 / (31 / 30.436875), 10);
    expect(report(fs).total.metrics.per1000Outlets).toBeNull();
  });
});

describe('periods and comparisons', () => {
  it('cuts ranges into whole weeks, months and quarters and finds their bases', () => {
    expect(periodOf('2026-03-04', 'week')).toEqual({ key: '2026-W10', from: '2026-03-02', to: '2026-03-08' });
    expect(periodOf('2027-01-01', 'week').key).toBe('2026-W53');
    expect(yearEarlierPeriod(periodOf('2027-01-01', 'week'), 'week').key).toBe('2025-W52');
    expect(periodsCovering({ from: '2026-01-15', to: '2026-03-02' }, 'month').map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(previousPeriod(periodOf('2026-01-10', 'quarter'), 'quarter').key).toBe('2025Q4');
    expect(yearEarlierPeriod(periodOf('2028-02-29', 'day'), 'day').key).toBe('2027-02-28');
    expect(previousRange(MARCH)).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(yearEarlierRange(MARCH)).toEqual({ from: '2025-03-01', to: '2025-03-31' });
  });
  it('names every MoM / YoY edge case', () => {
    expect(compare(150, 100)).toEqual({ current: 150, base: 100, absolute: 50, percent: 50, status: 'ok' });
    expect(compare(3, 0)).toMatchObject({ absolute: 3, percent: null, status: 'new' });
    expect(compare(0, 0)).toMatchObject({ absolute: 0, percent: null, status: 'zero' });
    expect(compare(null, 4)).toMatchObject({ absolute: null, percent: null, status: 'missing' });
    expect(compare(2, 1, 10)).toMatchObject({ absolute: 1, percent: null, status: 'below_minimum' });
    expect(compare(0.9, 0.95).percent).toBeCloseTo(-5.263, 2);
  });
});
