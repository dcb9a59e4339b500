/**
 * Known-answer clock tables over the 2023 to 2026 calendars (docs/domain/clocks.md), on core's
 * default calendar (no calendar passed). Every expected date was worked out by hand from the State
 * Council notices:
 * - 2025 (国办发明电〔2024〕12号): New Year 01-01; Spring Festival 01-28..02-04 (Sun 01-26, Sat 02-08 worked);
 *   Qingming 04-04..06; Labour Day 05-01..05 (Sun 04-27 worked); Dragon Boat 05-31..06-02;
 *   National Day + Mid-Autumn 10-01..08 (Sun 09-28, Sat 10-11 worked).
 * - 2026 (notice of 2025-11-04): New Year 01-01..03 (Sun 01-04 worked); Spring Festival 02-15..23
 *   (Sat 02-14, Sat 02-28 worked); Qingming 04-04..06; Labour Day 05-01..05 (Sat 05-09 worked);
 *   Dragon Boat 06-19..21; Mid-Autumn 09-25..27; National Day 10-01..07 (Sun 09-20, Sat 10-10 worked).
 * - 2024 (国办发明电〔2023〕7号): New Year 01-01; Spring Festival 02-10..17 (Sun 02-04, Sun 02-18 worked);
 *   Qingming 04-04..06 (Sun 04-07 worked); Labour Day 05-01..05 (Sun 04-28, Sat 05-11 worked); Dragon
 *   Boat 06-10; Mid-Autumn 09-15..17 (Sat 09-14 worked); National Day 10-01..07 (Sun 09-29, Sat 10-12 worked).
 * - 2023 (国办发明电〔2022〕16号): New Year 01-01..02; Spring Festival 01-21..27 (Sat 01-28, Sun 01-29
 *   worked); Qingming 04-05; Labour Day 04-29..05-03 (Sun 04-23, Sat 05-06 worked); Dragon Boat
 *   06-22..24 (Sun 06-25 worked); Mid-Autumn + National Day 09-29..10-06 (Sat 10-07, Sun 10-08 worked).
 * Weekdays: 2025-01-01 and 2026-01-01 are Wednesday and Thursday.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../schemas/actor.js';
import type { TimelineEvent } from '../schemas/complaint.js';
import { CN_CALENDAR, WEEKEND_CALENDAR } from './calendar.js';
import { computeClock } from './compute.js';

const at = (s: string) => Date.parse(s);
const endOf = (date: string) => `${date}T23:59:59.999+08:00`;
const handler: Actor = { kind: 'staff', id: 'u-h', role: 'handler', orgId: 'SB-1' };

type Step = [TimelineEvent['type'], string, Record<string, unknown>?];
const complaint = (receivedAt: string, steps: Step[] = []) => ({
  receivedAt,
  complainant: {},
  timeline: [['register', receivedAt] as Step, ...steps].map(
    ([type, when, data], i): TimelineEvent => ({
      seq: i + 1,
      type,
      at: when,
      actor: handler,
      fromStatus: null,
      toStatus: 'in_progress',
      reason: null,
      data: data ?? {},
    }),
  ),
});

describe('decision due (15 days) on the default calendar, 2023 to 2026', () => {
  it.each([
    // received (Beijing 10:00), what day 15 is, due
    ['2025-09-19', 'Sat 10-04, National Day: the worked example of the docs', '2025-10-09'],
    ['2025-12-17', 'Thu 2026-01-01, New Year; 01-02, 01-03 off; Sun 01-04 worked', '2026-01-04'],
    // received on a holiday: the period runs from receipt all the same
    ['2025-10-01', 'Thu 10-16, working', '2025-10-16'],
    ['2026-02-17', 'Wed 03-04, working (received on the third day of the Spring Festival)', '2026-03-04'],
    ['2026-05-01', 'Sat 05-16, an ordinary Saturday', '2026-05-18'],
    // a last day on a holiday
    ['2026-01-31', 'Sun 02-15, first day of the Spring Festival → 02-23 off', '2026-02-24'],
    ['2026-04-19', 'Mon 05-04, Labour Day', '2026-05-06'],
    ['2026-06-04', 'Fri 06-19, Dragon Boat', '2026-06-22'],
    ['2026-09-10', 'Fri 09-25, Mid-Autumn', '2026-09-28'],
    ['2026-09-16', 'Thu 10-01, National Day', '2026-10-08'],
    ['2026-03-20', 'Sat 04-04, Qingming', '2026-04-07'],
    ['2025-05-16', 'Sat 05-31, Dragon Boat', '2025-06-03'],
    // a last day on a 调休 working weekend day: the period ends on it
    ['2026-02-13', 'Sat 02-28, worked', '2026-02-28'],
    ['2026-01-30', 'Sat 02-14, worked', '2026-02-14'],
    ['2026-04-24', 'Sat 05-09, worked', '2026-05-09'],
    ['2026-09-25', 'Sat 10-10, worked', '2026-10-10'],
    ['2026-09-05', 'Sun 09-20, worked', '2026-09-20'],
    ['2025-09-26', 'Sat 10-11, worked', '2025-10-11'],
    ['2025-04-12', 'Sun 04-27, worked', '2025-04-27'],
    // 2024 (国办发明电〔2023〕7号) and 2023 (国办发明电〔2022〕16号): imported history is counted on them
    ['2024-09-20', 'Sat 10-05, National Day → 10-07 off', '2024-10-08'],
    ['2024-09-27', 'Sat 10-12, worked', '2024-10-12'],
    ['2024-01-26', 'Sat 02-10, Spring Festival → 02-17 off; Sun 02-18 worked', '2024-02-18'],
    ['2024-05-26', 'Mon 06-10, Dragon Boat', '2024-06-11'],
    ['2024-12-17', 'Wed 2025-01-01, New Year', '2025-01-02'],
    ['2023-09-23', 'Sun 10-08, worked', '2023-10-08'],
    ['2023-09-14', 'Fri 09-29, Mid-Autumn → 10-06 off; Sat 10-07 worked', '2023-10-07'],
    ['2023-01-06', 'Sat 01-21, Spring Festival → 01-27 off; Sat 01-28 worked', '2023-01-28'],
    ['2023-12-17', 'Mon 2024-01-01, New Year', '2024-01-02'],
  ])('received %s: day 15 is %s → due %s', (received, _why, due) => {
    const clock = computeClock(complaint(`${received}T10:00:00+08:00`), { now: at(`${received}T10:00:00+08:00`) });
    expect(clock.dueAt).toBe(endOf(due));
    expect(clock.calendarCovered).toBe(true);
  });

  it('the service\'s old weekends-only count gave 2025-10-06 for the 2025-09-19 complaint; the default no longer does', () => {
    const c = complaint('2025-09-19T10:00:00+08:00');
    expect(computeClock(c, { now: at('2025-09-19T10:00:00+08:00'), calendar: WEEKEND_CALENDAR }).dueAt).toBe(endOf('2025-10-06'));
    expect(computeClock(c, { now: at('2025-09-19T10:00:00+08:00') }).dueAt).toBe(endOf('2025-10-09'));
  });

  it('is overdue only after the last millisecond of the moved last day', () => {
    const c = complaint('2025-09-19T10:00:00+08:00');
    expect(computeClock(c, { now: at('2025-10-06T12:00:00+08:00') }).state).toBe('due_soon');
    expect(computeClock(c, { now: at(endOf('2025-10-09')) }).state).toBe('due_soon');
    expect(computeClock(c, { now: at(endOf('2025-10-09')) + 1 }).state).toBe('overdue');
  });
});

describe('holds across the Spring Festival: whole days on hold are added, holidays inside count as days', () => {
  it('2025: received 01-10, on hold 01-15 → 01-20 (5 days): day 20 is Thu 01-30 (holiday) → Wed 02-05', () => {
    const c = complaint('2025-01-10T10:00:00+08:00', [
      ['hold', '2025-01-15T09:00:00+08:00'],
      ['resume', '2025-01-20T09:00:00+08:00'],
    ]);
    const clock = computeClock(c, { now: at('2025-01-21T09:00:00+08:00') });
    expect(clock.pausedMs).toBe(5 * 86_400_000);
    expect(clock.dueAt).toBe(endOf('2025-02-05'));
  });

  it('2026: received 02-10, on hold 02-12 → 02-26 across the whole holiday (14 days): day 29 is Wed 03-11', () => {
    const steps: Step[] = [['hold', '2026-02-12T10:00:00+08:00']];
    const held = complaint('2026-02-10T10:00:00+08:00', steps);
    // While on hold the clock is paused, never overdue, even on the old deadline (day 15 is Wed 02-25).
    expect(computeClock(held, { now: at('2026-02-26T09:00:00+08:00') }).state).toBe('paused');
    const resumed = complaint('2026-02-10T10:00:00+08:00', [...steps, ['resume', '2026-02-26T10:00:00+08:00']]);
    expect(computeClock(resumed, { now: at('2026-02-27T09:00:00+08:00') }).dueAt).toBe(endOf('2026-03-11'));
    expect(computeClock(complaint('2026-02-10T10:00:00+08:00'), { now: at('2026-02-11T09:00:00+08:00') }).dueAt).toBe(endOf('2026-02-25'));
  });

  it('2026: received 01-20 (due Wed 02-04), on hold 01-25 → 02-06 (12 days): day 27 is Mon 02-16 (holiday) → Tue 02-24', () => {
    const c = complaint('2026-01-20T10:00:00+08:00', [
      ['hold', '2026-01-25T09:00:00+08:00'],
      ['resume', '2026-02-06T09:00:00+08:00'],
    ]);
    expect(computeClock(complaint('2026-01-20T10:00:00+08:00'), { now: at('2026-01-21T09:00:00+08:00') }).dueAt).toBe(endOf('2026-02-04'));
    expect(computeClock(c, { now: at('2026-02-07T09:00:00+08:00') }).dueAt).toBe(endOf('2026-02-24'));
  });
});

describe('extensions over the 2026 calendar', () => {
  it('received Mon 03-02: 15 → Tue 03-17; 30 → Wed 04-01; 60 → Fri 05-01 (Labour Day) → Wed 05-06', () => {
    const base = '2026-03-02T10:00:00+08:00';
    const now = { now: at('2026-03-10T10:00:00+08:00') };
    expect(computeClock(complaint(base), now).dueAt).toBe(endOf('2026-03-17'));
    expect(computeClock(complaint(base, [['extend', '2026-03-17T20:00:00+08:00']]), now).dueAt).toBe(endOf('2026-04-01'));
    const twice = complaint(base, [
      ['extend', '2026-03-17T20:00:00+08:00'],
      ['extend', '2026-03-30T10:00:00+08:00'],
    ]);
    expect(computeClock(twice, now).dueAt).toBe(endOf('2026-05-06'));
  });
});

describe('the calendar says when it does not cover a deadline', () => {
  it('received 2026-12-20: day 15 is 2027-01-04, a year not shipped → counted with weekends only and not covered', () => {
    const clock = computeClock(complaint('2026-12-20T10:00:00+08:00'), { now: at('2026-12-20T10:00:00+08:00') });
    expect(clock.dueAt).toBe(endOf('2027-01-04'));
    expect(clock.calendarCovered).toBe(false);
  });

  it('received 2026-12-10: day 15 is Fri 12-25, covered', () => {
    expect(computeClock(complaint('2026-12-10T10:00:00+08:00'), { now: at('2026-12-10T10:00:00+08:00') }).calendarCovered).toBe(true);
  });

  it('a decision in December 2026 opens a review window ending in 2027: not covered', () => {
    const c = complaint('2026-12-01T10:00:00+08:00', [['respond', '2026-12-10T10:00:00+08:00']]);
    const clock = computeClock(c, { now: at('2026-12-11T10:00:00+08:00') });
    expect(clock.review?.requestBy).toBe(endOf('2027-01-11'));
    expect(clock.calendarCovered).toBe(false);
  });

  it('the weekend calendar covers no year, the default covers exactly 2023 to 2026', () => {
    expect(computeClock(complaint('2025-03-03T10:00:00+08:00'), { calendar: WEEKEND_CALENDAR, now: 0 }).calendarCovered).toBe(false);
    expect(CN_CALENDAR.years).toEqual([2023, 2024, 2025, 2026]);
    expect(CN_CALENDAR.covers?.('2022-12-31')).toBe(false);
    expect(CN_CALENDAR.covers?.('2023-01-01')).toBe(true);
    expect(CN_CALENDAR.covers?.('2024-12-31')).toBe(true);
    expect(CN_CALENDAR.covers?.('2026-12-31')).toBe(true);
    expect(CN_CALENDAR.covers?.('2027-01-01')).toBe(false);
  });
});
