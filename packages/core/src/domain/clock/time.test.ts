/**
 * The clock's fast formatting and its memoised deadlines give exactly what the plain Date arithmetic
 * gives (docs/domain/clocks.md): the service stores these strings and compares them, so a single
 * character of difference would change a stored deadline.
 */
import { describe, expect, it } from 'vitest';
import { createHolidayCalendar } from './calendar.js';
import { deadlineAfter } from './compute.js';
import { localDate, toShanghaiIso } from './time.js';

const OFFSET = 8 * 3_600_000;
const plainIso = (ms: number) => new Date(ms + OFFSET).toISOString().replace('Z', '+08:00');
const plainDate = (ms: number) => new Date(ms + OFFSET).toISOString().slice(0, 10);

/** A deterministic spread of instants: every year 1000–9999, every time of day, and the edges. */
function instants(): number[] {
  let a = 12345;
  const rnd = () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return a / 2_147_483_648;
  };
  const lo = Date.UTC(1000, 0, 1) - OFFSET;
  const hi = Date.UTC(9999, 11, 31, 23, 59, 59, 999) - OFFSET;
  const out = [lo, hi, lo - 1, hi + 1, 0, -1, Date.parse('2026-02-28T16:00:00Z'), Date.parse('2026-02-28T15:59:59.999Z')];
  for (let i = 0; i < 20_000; i++) out.push(Math.floor(lo + rnd() * (hi - lo)));
  for (let i = 0; i < 2_000; i++) out.push(Date.parse('2024-01-01T00:00:00Z') + Math.floor(rnd() * 4 * 365 * 86_400_000));
  return out;
}

describe('clock time formatting', () => {
  it('writes every instant as Date#toISOString does, in +08:00', () => {
    for (const ms of instants()) {
      expect(toShanghaiIso(ms)).toBe(plainIso(ms));
      expect(localDate(ms)).toBe(plainDate(ms));
    }
    // Outside the cached years and for fractions: still Date's own answer.
    expect(toShanghaiIso(Date.UTC(-5, 0, 1))).toBe(plainIso(Date.UTC(-5, 0, 1)));
    expect(toShanghaiIso(1.7)).toBe(plainIso(1.7));
    expect(() => toShanghaiIso(Number.NaN)).toThrow(RangeError);
    expect(() => localDate(Number.NaN)).toThrow(RangeError);
  });

  it('memoises deadlines per calendar: two calendars on the same day keep their own answers', () => {
    const from = Date.parse('2026-03-02T09:00:00+08:00');
    const plain = createHolidayCalendar({});
    const holiday = createHolidayCalendar({ holidays: ['2026-03-17'] });
    // 15 days after 2 March is Tuesday 17 March: a working day for one, a holiday for the other.
    expect(deadlineAfter(from, 15, plain)).toBe(Date.parse('2026-03-17T23:59:59.999+08:00'));
    expect(deadlineAfter(from, 15, holiday)).toBe(Date.parse('2026-03-18T23:59:59.999+08:00'));
    expect(deadlineAfter(from + 3_600_000, 15, plain)).toBe(Date.parse('2026-03-17T23:59:59.999+08:00'));
    expect(deadlineAfter(from, 15, holiday)).toBe(Date.parse('2026-03-18T23:59:59.999+08:00'));
  });
});
