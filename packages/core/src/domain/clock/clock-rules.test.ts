/**
 * The clock rules of docs/domain/clocks.md beyond counting days: met or missed judged on when the
 * complainant was told, new facts during handling, the priority target pausing and restarting, and the
 * review (核查) warning ahead. Dates are on the 2026 calendar (see known-answers.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../schemas/actor.js';
import type { TimelineEvent } from '../schemas/complaint.js';
import { activeDeadline, computeClock, deadlinesOf } from './compute.js';
import { timelinessOf } from './timeliness.js';

const at = (s: string) => Date.parse(s);
const endOf = (date: string) => `${date}T23:59:59.999+08:00`;
const handler: Actor = { kind: 'staff', id: 'u-h', role: 'handler', orgId: 'SB-1' };
const customer: Actor = { kind: 'customer', id: 'C-1' };

type Step = [TimelineEvent['type'], string, Partial<TimelineEvent>?];
const complaint = (receivedAt: string, steps: Step[] = [], priorityGroups: unknown[] = []) => ({
  receivedAt,
  complainant: { priorityGroups },
  timeline: [['register', receivedAt, { actor: customer }] as Step, ...steps].map(
    ([type, when, extra], i): TimelineEvent => ({
      seq: i + 1,
      type,
      at: when,
      actor: handler,
      fromStatus: 'in_progress',
      toStatus: 'in_progress',
      reason: null,
      data: {},
      ...extra,
    }),
  ),
});
const respond = (recorded: string, notifiedAt?: string): Step => [
  'respond',
  recorded,
  { fromStatus: 'in_progress', toStatus: 'responded', data: notifiedAt ? { notifiedAt } : {} },
];

// Received Mon 2026-03-02 → due Tue 03-17.
const RECEIVED = '2026-03-02T10:00:00+08:00';

describe('met or missed is judged on when the complainant was told (notifiedAt)', () => {
  it('told by phone on the last day, recorded the next morning: met', () => {
    const c = complaint(RECEIVED, [respond('2026-03-18T09:00:00+08:00', '2026-03-17T18:00:00+08:00')]);
    const clock = computeClock(c, { now: at('2026-03-20T09:00:00+08:00') });
    expect(clock.state).toBe('met');
    expect(clock.notifiedAt).toBe('2026-03-17T18:00:00.000+08:00');
    expect(clock.respondedAt).toBe('2026-03-18T09:00:00.000+08:00');
  });

  it('recorded on the last day, but the letter reached the complainant the day after: missed', () => {
    const c = complaint(RECEIVED, [respond('2026-03-17T10:00:00+08:00', '2026-03-18T10:00:00+08:00')]);
    expect(computeClock(c, { now: at('2026-03-20T09:00:00+08:00') }).state).toBe('missed');
  });

  it('an old event without notifiedAt is judged on its recording', () => {
    expect(computeClock(complaint(RECEIVED, [respond(endOf('2026-03-17'))]), { now: 0 }).state).toBe('met');
    expect(computeClock(complaint(RECEIVED, [respond('2026-03-18T00:00:00+08:00')]), { now: 0 }).state).toBe('missed');
  });

  it('one rule: told by the last millisecond of the deadline is met, a millisecond later missed', () => {
    expect(timelinessOf(endOf('2026-03-17'), endOf('2026-03-17'))).toBe('met');
    expect(timelinessOf(at(endOf('2026-03-17')) + 1, endOf('2026-03-17'))).toBe('missed');
  });
});

describe('new facts during handling restart the period from the day the material arrived', () => {
  const facts = (recorded: string, arrived?: string): Step => [
    'new_facts',
    recorded,
    { data: arrived ? { reason: '补充流水', newFactsReceivedAt: arrived } : { reason: '补充流水' } },
  ];

  it('material arrived Mon 03-09, recorded 03-10: due 15 days after 03-09 (Tue 03-24), the previous deadline in the timeline', () => {
    const c = complaint(RECEIVED, [facts('2026-03-10T09:00:00+08:00', '2026-03-09T15:00:00+08:00')]);
    const clock = computeClock(c, { now: at('2026-03-10T09:00:00+08:00') });
    expect(clock.startedAt).toBe('2026-03-09T15:00:00.000+08:00');
    expect(clock.dueAt).toBe(endOf('2026-03-24'));
  });

  it('without a date, from the recording; an extension before the new facts no longer applies', () => {
    const c = complaint(RECEIVED, [['extend', '2026-03-05T09:00:00+08:00'], facts('2026-03-20T09:00:00+08:00')]);
    const clock = computeClock(c, { now: at('2026-03-20T09:00:00+08:00') });
    expect(clock.extensionLevel).toBe(0);
    // 03-20 + 15 = Sun 04-04 (Qingming, 04-04..06 off) → Tue 04-07.
    expect(clock.dueAt).toBe(endOf('2026-04-07'));
  });

  it('hold time before the new material no longer counts; a hold still running counts from its arrival', () => {
    const held = complaint(RECEIVED, [
      ['hold', '2026-03-03T10:00:00+08:00'],
      ['resume', '2026-03-06T10:00:00+08:00'],
      facts('2026-03-09T10:00:00+08:00'),
    ]);
    // 03-09 + 15 = Tue 03-24: the 3 days on hold before were spent on the old period.
    expect(computeClock(held, { now: at('2026-03-09T11:00:00+08:00') }).dueAt).toBe(endOf('2026-03-24'));
    const during = complaint(RECEIVED, [
      ['hold', '2026-03-03T10:00:00+08:00'],
      facts('2026-03-09T10:00:00+08:00'),
      ['resume', '2026-03-11T10:00:00+08:00'],
    ]);
    // 2 days on hold after the new material: 03-09 + 17 = Thu 03-26.
    expect(computeClock(during, { now: at('2026-03-12T10:00:00+08:00') }).dueAt).toBe(endOf('2026-03-26'));
  });
});

describe('a priority group\'s internal target pauses with holds and restarts with new facts', () => {
  const groups = ['elderly'];

  it('5 days from receipt (Sat 03-07), plus the whole days on hold (2 → Mon 03-09), paused meanwhile', () => {
    expect(computeClock(complaint(RECEIVED, [], groups), { now: at(RECEIVED) }).priority?.decisionDueAt).toBe(endOf('2026-03-07'));
    const holding = complaint(RECEIVED, [['hold', '2026-03-03T10:00:00+08:00']], groups);
    // On hold past the internal target: paused, not missed or overdue.
    expect(computeClock(holding, { now: at('2026-03-08T10:00:00+08:00') }).priority?.state).toBe('paused');
    const resumed = complaint(RECEIVED, [['hold', '2026-03-03T10:00:00+08:00'], ['resume', '2026-03-05T10:00:00+08:00']], groups);
    const clock = computeClock(resumed, { now: at('2026-03-06T10:00:00+08:00') });
    expect(clock.priority?.decisionDueAt).toBe(endOf('2026-03-09'));
    expect(computeClock(resumed, { now: at(endOf('2026-03-09')) + 1 }).priority?.state).toBe('overdue');
  });

  it('restarts on new facts (03-10 → 03-15) and on reopen, like the regulatory deadline', () => {
    const c = complaint(RECEIVED, [['new_facts', '2026-03-10T10:00:00+08:00', { data: { reason: '新材料' } }]], groups);
    expect(computeClock(c, { now: at('2026-03-10T11:00:00+08:00') }).priority).toMatchObject({ decisionDueAt: endOf('2026-03-15'), state: 'on_track' });
    const reopened = complaint(
      RECEIVED,
      [respond('2026-03-05T10:00:00+08:00', '2026-03-05T10:00:00+08:00'), ['reopen', '2026-04-01T10:00:00+08:00', { data: { newFactsReceivedAt: '2026-03-31T10:00:00+08:00' } }]],
      groups,
    );
    // Reopened from 03-31: 5 days → Sun 04-05 (the internal target counts calendar days only).
    expect(computeClock(reopened, { now: at('2026-04-01T11:00:00+08:00') }).priority).toMatchObject({ decisionDueAt: endOf('2026-04-05'), state: 'on_track' });
  });

  it('met or missed on when the complainant was told, as the regulatory clock', () => {
    const late = complaint(RECEIVED, [respond('2026-03-07T10:00:00+08:00', '2026-03-08T10:00:00+08:00')], groups);
    const clock = computeClock(late, { now: at('2026-03-09T10:00:00+08:00') });
    expect(clock.priority?.state).toBe('missed');
    expect(clock.state).toBe('met');
  });
});

describe('review (核查) due soon warns ahead, as the decision clock does', () => {
  // Decided 03-10, review asked 03-20 09:00 → due 30 days later, Sun 04-19 → Mon 04-20.
  const asked = complaint(RECEIVED, [
    respond('2026-03-10T10:00:00+08:00', '2026-03-10T10:00:00+08:00'),
    ['request_review', '2026-03-20T09:00:00+08:00', { fromStatus: 'responded', toStatus: 'under_review' }],
  ]);

  it('warns at 80% of the review period (04-14), well before its deadline', () => {
    const clock = computeClock(asked, { now: at('2026-03-25T09:00:00+08:00') });
    expect(clock.review?.decisionDueAt).toBe(endOf('2026-04-20'));
    const warn = at(clock.review?.warnAt ?? '');
    const start = at('2026-03-20T09:00:00+08:00');
    expect(Math.abs(warn - (start + 0.8 * (at(endOf('2026-04-20')) - start)))).toBeLessThan(1);
    expect(clock.review?.warnAt?.slice(0, 10)).toBe('2026-04-14');
    expect(computeClock(asked, { now: at('2026-04-13T09:00:00+08:00') }).review?.state).toBe('on_track');
    expect(computeClock(asked, { now: at('2026-04-15T09:00:00+08:00') }).review?.state).toBe('due_soon');
  });

  it('so the stored deadlines and due-soon lists show the review before it is due', () => {
    const d = deadlinesOf({ ...asked, status: 'under_review' }, { now: at('2026-03-25T09:00:00+08:00') });
    expect(d.reviewDueAt).toBe(endOf('2026-04-20'));
    expect(d.reviewWarnAt?.slice(0, 10)).toBe('2026-04-14');
    const active = activeDeadline({ status: 'under_review', deadlines: d });
    expect(active && at(active.warnAt) < at(active.dueAt)).toBe(true);
    expect(active?.warnAt).toBe(d.reviewWarnAt);
  });
});
