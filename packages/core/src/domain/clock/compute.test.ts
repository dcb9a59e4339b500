/**
 * The clocks at their boundaries, against docs/domain/clocks.md and the Measures art. 17. Every expected
 * date below was worked out by hand from a calendar (2025: 03-03 is a Monday; National Day holidays
 * 10-01..10-08 with 09-28 and 10-11 worked; Spring Festival 01-28..02-04 with 01-26 and 02-08 worked).
 * "now" is always injected.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../schemas/actor.js';
import type { TimelineEvent } from '../schemas/complaint.js';
import { CN_HOLIDAYS_2025, calendarOfYears, WEEKEND_CALENDAR } from './calendar.js';
import { activeDeadline, computeClock, deadlineAfter, deadlinesOf } from './compute.js';
import { DEFAULT_CLOCK_POLICY } from './policy.js';

const CN = calendarOfYears([CN_HOLIDAYS_2025]);
const WEEKENDS = { calendar: WEEKEND_CALENDAR };
const HOUR = 3_600_000;
const DAY = 86_400_000;
const at = (s: string) => Date.parse(s);
/** The last millisecond of a Beijing date. */
const endOf = (date: string) => `${date}T23:59:59.999+08:00`;

const handler: Actor = { kind: 'staff', id: 'u-h', role: 'handler', orgId: 'SB-1' };
const customer: Actor = { kind: 'customer', id: 'C-1' };

type Step = [TimelineEvent['type'], string, Partial<TimelineEvent>?];
let seq = 0;
/** A complaint as the clock reads it: receipt, timeline and (optionally) priority groups. */
const complaint = (receivedAt: string, steps: Step[] = [], priorityGroups: unknown[] = []) => ({
  receivedAt,
  complainant: { priorityGroups },
  timeline: [['register', receivedAt] as Step, ...steps].map(
    ([type, when, extra]): TimelineEvent => ({
      seq: ++seq,
      type,
      at: when,
      actor: type === 'register' ? customer : handler,
      fromStatus: null,
      toStatus: 'registered',
      reason: null,
      data: {},
      ...extra,
    }),
  ),
});
const dueOf = (receivedAt: string, opts: Parameters<typeof computeClock>[1] = {}) =>
  computeClock(complaint(receivedAt), { now: at(receivedAt), ...opts }).dueAt;

describe('decision due 15 days after receipt, at the end of the day (Asia/Shanghai)', () => {
  it('received Monday 2025-03-03 → due at the last millisecond of Tuesday 2025-03-18', () => {
    const c = complaint('2025-03-03T09:00:00+08:00');
    const clock = computeClock(c, { now: at('2025-03-03T09:00:00+08:00'), calendar: CN });
    expect(clock.dueAt).toBe(endOf('2025-03-18'));
    expect(clock.periodDays).toBe(15);
    expect(clock.extensionLevel).toBe(0);
    expect(at(clock.dueAt)).toBe(at('2025-03-19T00:00:00+08:00') - 1);
  });

  it('is not overdue at the due instant, and overdue one millisecond later', () => {
    const c = complaint('2025-03-03T09:00:00+08:00');
    const due = at(endOf('2025-03-18'));
    expect(computeClock(c, { now: due, calendar: CN }).state).toBe('due_soon');
    expect(computeClock(c, { now: due + 1, calendar: CN }).state).toBe('overdue');
  });

  it('does not count the day of receipt: first and last millisecond of the day give the same due date', () => {
    expect(dueOf('2025-03-03T00:00:00+08:00')).toBe(endOf('2025-03-18'));
    expect(dueOf('2025-03-03T23:59:59.999+08:00')).toBe(endOf('2025-03-18'));
    expect(dueOf('2025-03-04T00:00:00+08:00')).toBe(endOf('2025-03-19'));
  });

  it('counts a receipt at 23:30 Beijing time (15:30 UTC) as that Beijing day, and 00:30 Beijing (16:30 UTC the day before) as the next', () => {
    // Sunday 2025-03-02 23:30 in Beijing → + 15 = Monday 03-17.
    expect(dueOf('2025-03-02T15:30:00Z')).toBe(endOf('2025-03-17'));
    expect(dueOf('2025-03-02T23:30:00+08:00')).toBe(endOf('2025-03-17'));
    // 16:30 UTC on 03-02 is already Monday 03-03 00:30 in Beijing → + 15 = Tuesday 03-18.
    expect(dueOf('2025-03-02T16:30:00Z')).toBe(endOf('2025-03-18'));
  });
});

describe('a deadline on a rest day moves to the next working day', () => {
  it.each([
    // received, last day (+15), due (weekends only), due (CN 2025 holidays)
    ['2025-03-07T10:00:00+08:00', 'Sat 03-22', '2025-03-24', '2025-03-24'],
    ['2025-03-08T10:00:00+08:00', 'Sun 03-23', '2025-03-24', '2025-03-24'],
    ['2025-09-16T10:00:00+08:00', 'Wed 10-01, National Day', '2025-10-01', '2025-10-09'],
    ['2025-09-20T10:00:00+08:00', 'Sun 10-05, National Day', '2025-10-06', '2025-10-09'],
    ['2025-09-22T10:00:00+08:00', 'Tue 10-07, National Day', '2025-10-07', '2025-10-09'],
    ['2025-09-24T10:00:00+08:00', 'Thu 10-09, working', '2025-10-09', '2025-10-09'],
    ['2025-09-13T10:00:00+08:00', 'Sun 09-28, worked in exchange (调休)', '2025-09-29', '2025-09-28'],
    ['2025-09-26T10:00:00+08:00', 'Sat 10-11, worked in exchange (调休)', '2025-10-13', '2025-10-11'],
    ['2024-12-17T10:00:00+08:00', 'Wed 2025-01-01, New Year', '2025-01-01', '2025-01-02'],
    ['2025-01-13T10:00:00+08:00', 'Tue 01-28, Spring Festival eve', '2025-01-28', '2025-02-05'],
    ['2025-01-20T10:00:00+08:00', 'Tue 02-04, last day of the holiday', '2025-02-04', '2025-02-05'],
    ['2025-01-11T10:00:00+08:00', 'Sun 01-26, worked in exchange (调休)', '2025-01-27', '2025-01-26'],
    ['2025-01-24T10:00:00+08:00', 'Sat 02-08, worked in exchange (调休)', '2025-02-10', '2025-02-08'],
    ['2025-01-25T10:00:00+08:00', 'Sun 02-09', '2025-02-10', '2025-02-10'],
    ['2025-04-16T10:00:00+08:00', 'Thu 05-01, Labour Day', '2025-05-01', '2025-05-06'],
  ])('received %s, day 15 is %s → %s (weekends) / %s (CN 2025)', (received, _day, weekendDue, cnDue) => {
    expect(dueOf(received, WEEKENDS)).toBe(endOf(weekendDue));
    expect(dueOf(received, { calendar: CN })).toBe(endOf(cnDue));
    // The default calendar is mainland China's (2023 to 2026 shipped).
    expect(dueOf(received)).toBe(endOf(cnDue));
  });

  it('the CN 2025 calendar knows its make-up working days and holidays', () => {
    expect(CN.isWorkingDay('2025-09-28')).toBe(true); // Sunday, worked
    expect(CN.isWorkingDay('2025-10-11')).toBe(true); // Saturday, worked
    expect(CN.isWorkingDay('2025-01-26')).toBe(true);
    expect(CN.isWorkingDay('2025-02-08')).toBe(true);
    expect(CN.isWorkingDay('2025-10-01')).toBe(false); // Wednesday, holiday
    expect(CN.isWorkingDay('2025-10-08')).toBe(false);
    expect(CN.isWorkingDay('2025-01-29')).toBe(false);
    expect(CN.isWorkingDay('2025-10-09')).toBe(true);
    expect(CN.isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
    expect(CN.isWorkingDay('2025-03-03')).toBe(true);
  });

  it('deadlineAfter applies the same rule to any period', () => {
    expect(deadlineAfter(at('2025-09-16T10:00:00+08:00'), 15, CN)).toBe(at(endOf('2025-10-09')));
    expect(deadlineAfter(at('2025-09-01T10:00:00+08:00'), 30, CN)).toBe(at(endOf('2025-10-09')));
    expect(deadlineAfter(at('2025-03-03T10:00:00+08:00'), 0, CN)).toBe(at(endOf('2025-03-03')));
  });
});

describe('extensions: 30 days, then 60 in all, counted from receipt', () => {
  const received = '2025-03-03T09:00:00+08:00';
  const now = at('2025-03-10T09:00:00+08:00');
  it('one extension → day 30 (Wed 04-02)', () => {
    const c = complaint(received, [['extend', '2025-03-05T09:00:00+08:00']]);
    const clock = computeClock(c, { now, calendar: CN });
    expect(clock.extensionLevel).toBe(1);
    expect(clock.periodDays).toBe(30);
    expect(clock.dueAt).toBe(endOf('2025-04-02'));
  });
  it('two extensions → day 60 (Fri 05-02, a Labour Day holiday → Tue 05-06)', () => {
    const c = complaint(received, [
      ['extend', '2025-03-05T09:00:00+08:00'],
      ['extend', '2025-03-20T09:00:00+08:00'],
    ]);
    const clock = computeClock(c, { now, calendar: CN });
    expect(clock.extensionLevel).toBe(2);
    expect(clock.periodDays).toBe(60);
    expect(clock.dueAt).toBe(endOf('2025-05-06'));
    expect(computeClock(c, { now, ...WEEKENDS }).dueAt).toBe(endOf('2025-05-02'));
  });
  it('an extended complaint is not overdue on day 16', () => {
    const c = complaint(received, [['extend', '2025-03-05T09:00:00+08:00']]);
    expect(computeClock(c, { now: at('2025-03-19T09:00:00+08:00') }).state).toBe('on_track');
    expect(computeClock(complaint(received), { now: at('2025-03-19T09:00:00+08:00') }).state).toBe('overdue');
  });
});

describe('time on hold (external appraisal) is added back, and the clock is paused meanwhile', () => {
  const received = '2025-03-03T09:00:00+08:00';
  const held: Step[] = [
    ['accept', '2025-03-03T10:00:00+08:00'],
    ['start', '2025-03-03T11:00:00+08:00'],
    ['hold', '2025-03-05T09:00:00+08:00', { fromStatus: 'in_progress', toStatus: 'on_hold' }],
  ];

  it('a 3-day hold moves the deadline 3 days (03-18 → Fri 03-21)', () => {
    const c = complaint(received, [...held, ['resume', '2025-03-08T09:00:00+08:00']]);
    const clock = computeClock(c, { now: at('2025-03-10T09:00:00+08:00'), calendar: CN });
    expect(clock.pausedMs).toBe(3 * DAY);
    expect(clock.paused).toBe(false);
    expect(clock.dueAt).toBe(endOf('2025-03-21'));
    expect(clock.state).toBe('on_track');
    // Active handling time: 7 days since receipt, minus the 3 on hold.
    expect(clock.elapsedMs).toBe(4 * DAY);
  });

  it('a partial-day hold never costs the complainant time: the deadline moves by at least the hold', () => {
    const c = complaint(received, [...held, ['resume', '2025-03-05T15:00:00+08:00']]);
    const clock = computeClock(c, { now: at('2025-03-10T09:00:00+08:00') });
    expect(clock.pausedMs).toBe(6 * HOUR);
    expect(at(clock.dueAt)).toBeGreaterThanOrEqual(at(endOf('2025-03-18')) + 6 * HOUR);
  });

  it('while on hold the clock is paused, never overdue, and the stored deadline is empty', () => {
    const c = { ...complaint(received, held), status: 'on_hold' as const };
    const now = at('2025-03-25T09:00:00+08:00'); // after the unextended deadline
    const clock = computeClock(c, { now });
    expect(clock.state).toBe('paused');
    expect(clock.paused).toBe(true);
    expect(clock.pausedMs).toBe(20 * DAY);
    const d = deadlinesOf(c, { now });
    expect(d).toMatchObject({ paused: true, decisionDueAt: null, warnAt: null });
    expect(activeDeadline({ status: 'on_hold', deadlines: d })).toBeNull();
  });

  it('a withdrawal while on hold stops the clock and the pause', () => {
    const c = complaint(received, [...held, ['withdraw', '2025-03-06T09:00:00+08:00', { toStatus: 'withdrawn' }]]);
    const clock = computeClock(c, { now: at('2025-04-30T09:00:00+08:00') });
    expect(clock.state).toBe('stopped');
    expect(clock.paused).toBe(false);
    expect(clock.pausedMs).toBe(DAY);
  });
});

describe('reopen with new facts restarts the clock from their receipt', () => {
  const handled: Step[] = [
    ['accept', '2025-03-03T10:00:00+08:00'],
    ['start', '2025-03-03T11:00:00+08:00'],
    ['extend', '2025-03-04T11:00:00+08:00'],
    ['respond', '2025-03-10T11:00:00+08:00', { fromStatus: 'in_progress', toStatus: 'responded' }],
    ['close', '2025-03-11T11:00:00+08:00'],
  ];
  it('from newFactsReceivedAt, with the extension level back to 0', () => {
    const c = complaint('2025-03-03T09:00:00+08:00', [
      ...handled,
      ['reopen', '2025-04-10T09:00:00+08:00', { data: { newFactsReceivedAt: '2025-04-08T10:00:00+08:00' } }],
    ]);
    const clock = computeClock(c, { now: at('2025-04-10T09:00:00+08:00') });
    expect(clock.startedAt).toBe('2025-04-08T10:00:00.000+08:00');
    expect(clock.extensionLevel).toBe(0);
    expect(clock.dueAt).toBe(endOf('2025-04-23'));
    expect(clock.respondedAt).toBeNull();
    expect(clock.state).toBe('on_track');
  });
  it('from the reopening itself when no date is given', () => {
    const c = complaint('2025-03-03T09:00:00+08:00', [...handled, ['reopen', '2025-04-10T09:00:00+08:00']]);
    expect(computeClock(c, { now: at('2025-04-10T09:00:00+08:00') }).dueAt).toBe(endOf('2025-04-25'));
  });
});

describe('due soon, overdue, met and missed', () => {
  const received = '2025-03-03T00:00:00+08:00';
  const due = at(endOf('2025-03-18'));
  const start = at(received);

  it('due soon once 80% of the period has elapsed (default)', () => {
    const c = complaint(received);
    const period = due - start;
    expect(computeClock(c, { now: start + 0.79 * period }).state).toBe('on_track');
    expect(computeClock(c, { now: start + 0.81 * period }).state).toBe('due_soon');
    const warnAt = at(computeClock(c, { now: start }).warnAt);
    expect(Math.abs(warnAt - (start + 0.8 * period))).toBeLessThan(2);
  });

  it('or within 2 days of the deadline, whichever comes first', () => {
    const c = complaint(received);
    const policy = { ...DEFAULT_CLOCK_POLICY, warnFraction: 0.95 };
    const twoDaysBefore = due - 2 * DAY;
    expect(computeClock(c, { now: start, policy }).warnAt).toBe(endOf('2025-03-16'));
    expect(computeClock(c, { now: twoDaysBefore - 1, policy }).state).toBe('on_track');
    expect(computeClock(c, { now: twoDaysBefore, policy }).state).toBe('due_soon');
  });

  it('met when responded by the last millisecond, missed one millisecond later', () => {
    const respond = (when: number): Step => [
      'respond',
      new Date(when).toISOString(),
      { fromStatus: 'in_progress', toStatus: 'responded' },
    ];
    const later = due + 40 * DAY;
    const met = computeClock(complaint(received, [respond(due)]), { now: later });
    expect(met.state).toBe('met');
    expect(met.respondedAt).toBe(endOf('2025-03-18'));
    expect(computeClock(complaint(received, [respond(due + 1)]), { now: later }).state).toBe('missed');
  });

  it.each([
    ['withdraw', 'withdrawn'],
    ['decline', 'declined'],
    ['merge', 'merged'],
  ] as const)('stopped after %s, however late it gets', (type, status) => {
    const c = { ...complaint(received, [[type, '2025-03-05T09:00:00+08:00', { toStatus: status }]]), status };
    const now = due + 100 * DAY;
    const clock = computeClock(c, { now });
    expect(clock.state).toBe('stopped');
    expect(clock.elapsedMs).toBe(at('2025-03-05T09:00:00+08:00') - start);
    expect(deadlinesOf(c, { now })).toMatchObject({ decisionDueAt: null, warnAt: null, paused: false });
  });

  it('a withdrawal ends handling on the day the request arrived, even when recorded later', () => {
    const c = complaint(received, [
      ['withdraw', '2025-03-20T09:00:00+08:00', { toStatus: 'withdrawn', data: { receivedAt: '2025-03-14T16:00:00+08:00' } }],
    ]);
    const clock = computeClock(c, { now: due + 100 * DAY });
    expect(clock.state).toBe('stopped');
    expect(clock.elapsedMs).toBe(at('2025-03-14T16:00:00+08:00') - start);
  });

  it('activeDeadline lists an open complaint with its deadline', () => {
    const c = { ...complaint(received), status: 'in_progress' as const };
    const d = deadlinesOf(c, { now: start });
    expect(d.decisionDueAt).toBe(endOf('2025-03-18'));
    expect(activeDeadline({ status: 'in_progress', deadlines: d })).toEqual({ dueAt: d.decisionDueAt, warnAt: d.warnAt });
  });
});

describe('priority groups (fast track): internal targets only', () => {
  const received = '2025-03-03T09:00:00+08:00';
  const elderly = [{ group: 'elderly', basis: 'verified' }];

  it('first contact within 2 hours and a decision within 5 days; the regulatory deadline is unchanged', () => {
    const plain = computeClock(complaint(received), { now: at(received) });
    const fast = computeClock(complaint(received, [], elderly), { now: at(received) });
    expect(plain.priority).toBeNull();
    expect(fast.dueAt).toBe(plain.dueAt);
    expect(fast.dueAt).toBe(endOf('2025-03-18'));
    expect(fast.priority).toMatchObject({
      firstContactDueAt: '2025-03-03T11:00:00.000+08:00',
      firstContactAt: null,
      decisionDueAt: endOf('2025-03-08'),
    });
  });

  it('misses the internal target on day 6 while the regulatory clock is still on track', () => {
    const fast = computeClock(complaint(received, [], elderly), { now: at('2025-03-09T09:00:00+08:00') });
    expect(fast.priority?.state).toBe('overdue');
    expect(fast.state).toBe('on_track');
  });

  it('records first contact, and meets the target when decided by day 5', () => {
    const c = complaint(
      received,
      [
        ['accept', '2025-03-03T10:30:00+08:00'],
        ['respond', '2025-03-07T10:00:00+08:00', { fromStatus: 'in_progress', toStatus: 'responded' }],
      ],
      elderly,
    );
    const clock = computeClock(c, { now: at('2025-03-20T10:00:00+08:00') });
    expect(clock.priority).toMatchObject({ firstContactAt: '2025-03-03T10:30:00.000+08:00', state: 'met' });
    expect(clock.state).toBe('met');
  });
});

describe('review (核查): requested within 30 days of the decision, decided within 30 days of the request', () => {
  const received = '2025-03-03T09:00:00+08:00';
  const decided: Step[] = [
    ['accept', '2025-03-03T10:00:00+08:00'],
    ['start', '2025-03-03T11:00:00+08:00'],
    ['respond', '2025-03-10T11:00:00+08:00', { fromStatus: 'in_progress', toStatus: 'responded' }],
  ];

  it('no review clock before a decision', () => {
    expect(computeClock(complaint(received), { now: at(received) }).review).toBeNull();
  });

  it('the request window ends at the end of day 30 after the decision (Wed 04-09)', () => {
    const clock = computeClock(complaint(received, decided), { now: at('2025-03-11T09:00:00+08:00') });
    expect(clock.review).toEqual({ requestBy: endOf('2025-04-09'), requestedAt: null, decisionDueAt: null, warnAt: null, state: null });
  });

  it('the window counts from when the complainant was told, when that was after the decision (letter on 03-15 → Mon 04-14)', () => {
    const c = complaint(received, [
      ...decided.slice(0, 2),
      [
        'respond',
        '2025-03-10T11:00:00+08:00',
        { fromStatus: 'in_progress', toStatus: 'responded', data: { notifiedVia: 'letter', notifiedAt: '2025-03-15T10:00:00+08:00' } },
      ],
    ]);
    const clock = computeClock(c, { now: at('2025-03-16T09:00:00+08:00') });
    expect(clock.review?.requestBy).toBe(endOf('2025-04-14'));
    // The decision itself still counts from its recording.
    expect(clock.respondedAt).toBe('2025-03-10T11:00:00.000+08:00');
  });

  it('a notification recorded as earlier than the decision does not shorten the window', () => {
    const c = complaint(received, [
      ...decided.slice(0, 2),
      ['respond', '2025-03-10T11:00:00+08:00', { fromStatus: 'in_progress', toStatus: 'responded', data: { notifiedAt: '2025-03-01T10:00:00+08:00' } }],
    ]);
    expect(computeClock(c, { now: at('2025-03-11T09:00:00+08:00') }).review?.requestBy).toBe(endOf('2025-04-09'));
  });

  it('the window moves past a holiday (decision 09-01 → day 30 is 10-01 → 10-09)', () => {
    const c = complaint('2025-08-20T09:00:00+08:00', [
      ['respond', '2025-09-01T11:00:00+08:00', { fromStatus: 'in_progress', toStatus: 'responded' }],
    ]);
    expect(computeClock(c, { now: at('2025-09-02T09:00:00+08:00'), calendar: CN }).review?.requestBy).toBe(endOf('2025-10-09'));
  });

  it('a review requested on 03-20 is due at the end of 04-19 (Sat) → Mon 04-21, overdue after, met when decided in time', () => {
    const asked: Step[] = [
      ...decided,
      ['request_review', '2025-03-20T09:00:00+08:00', { fromStatus: 'responded', toStatus: 'under_review' }],
    ];
    const c = { ...complaint(received, asked), status: 'under_review' as const };
    const pending = computeClock(c, { now: at('2025-03-25T09:00:00+08:00') });
    expect(pending.review).toMatchObject({
      requestedAt: '2025-03-20T09:00:00.000+08:00',
      decisionDueAt: endOf('2025-04-21'),
      state: 'on_track',
    });
    expect(computeClock(c, { now: at(endOf('2025-04-21')) + 1 }).review?.state).toBe('overdue');
    const d = deadlinesOf(c, { now: at('2025-03-25T09:00:00+08:00') });
    expect(d.reviewDueAt).toBe(endOf('2025-04-21'));
    expect(activeDeadline({ status: 'under_review', deadlines: d })?.dueAt).toBe(endOf('2025-04-21'));

    const answered = complaint(received, [
      ...asked,
      ['respond', '2025-04-15T09:00:00+08:00', { fromStatus: 'under_review', toStatus: 'responded' }],
    ]);
    const done = computeClock(answered, { now: at('2025-05-30T09:00:00+08:00') });
    expect(done.review?.state).toBe('met');
    // The review's answer is not the original decision: the decision clock still reads 03-10.
    expect(done.respondedAt).toBe('2025-03-10T11:00:00.000+08:00');
    expect(done.state).toBe('met');
  });
});

describe('computeClock is pure', () => {
  it('gives the same answer for the same inputs and does not touch the complaint', () => {
    const c = complaint('2025-03-03T09:00:00+08:00', [['extend', '2025-03-05T09:00:00+08:00']]);
    const copy = structuredClone(c);
    const now = at('2025-03-10T09:00:00+08:00');
    expect(computeClock(c, { now, calendar: CN })).toEqual(computeClock(c, { now: new Date(now), calendar: CN }));
    expect(c).toEqual(copy);
  });
});
