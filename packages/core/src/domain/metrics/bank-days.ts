import { addDays, endOfLocalDay, localDate } from '../clock/time.js';

/**
 * An inclusive range of bank days in Asia/Shanghai (`YYYY-MM-DD`). A complaint received at
 * 2026-02-28T17:30Z falls on 2026-03-01: the day boundary is Shanghai midnight, not UTC's.
 *
 * @example
 * ```ts
 * const march: DayRange = { from: '2026-03-01', to: '2026-03-31' };
 * ```
 */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/**
 * The period lengths a trend is cut into: bank day, ISO week (Monday to Sunday), month, quarter.
 *
 * @example
 * ```ts
 * const i: Interval = 'month';
 * ```
 */
export type Interval = 'day' | 'week' | 'month' | 'quarter';

/**
 * One period of a trend: its key (`2026-03-01`, `2026-W10`, `2026-03`, `2026Q1`) and its days.
 *
 * @example
 * ```ts
 * const p: Period = { key: '2026-03', from: '2026-03-01', to: '2026-03-31' };
 * ```
 */
export interface Period extends DayRange {
  readonly key: string;
}

/** @internal */
const utc = (day: string): Date => new Date(`${day}T00:00:00Z`);
/** @internal */
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * How many days a range spans, both ends included.
 *
 * @example
 * ```ts
 * daysIn({ from: '2026-03-01', to: '2026-03-31' }); // 31
 * ```
 */
export const daysIn = (r: DayRange): number => Math.round((utc(r.to).getTime() - utc(r.from).getTime()) / 86_400_000) + 1;

/**
 * The period of `interval` that contains `day`.
 *
 * @example
 * ```ts
 * periodOf('2026-03-04', 'week'); // { key: '2026-W10', from: '2026-03-02', to: '2026-03-08' }
 * ```
 */
export function periodOf(day: string, interval: Interval): Period {
  const d = utc(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (interval) {
    case 'day':
      return { key: day, from: day, to: day };
    case 'week': {
      const monday = addDays(day, -((d.getUTCDay() + 6) % 7));
      const thursday = utc(addDays(monday, 3));
      const wy = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(wy, 0, 1)) / (7 * 86_400_000)) + 1;
      return { key: `${wy}-W${String(week).padStart(2, '0')}`, from: monday, to: addDays(monday, 6) };
    }
    case 'month':
      return { key: day.slice(0, 7), from: iso(new Date(Date.UTC(y, m, 1))), to: iso(new Date(Date.UTC(y, m + 1, 0))) };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { key: `${y}Q${q + 1}`, from: iso(new Date(Date.UTC(y, q * 3, 1))), to: iso(new Date(Date.UTC(y, q * 3 + 3, 0))) };
    }
  }
}

/**
 * The whole periods that cover a range, in order (the first and last may start before or end after
 * it: trends compare whole periods only).
 *
 * @example
 * ```ts
 * periodsCovering({ from: '2026-01-15', to: '2026-03-02' }, 'month').map((p) => p.key); // ['2026-01', '2026-02', '2026-03']
 * ```
 */
export function periodsCovering(range: DayRange, interval: Interval): Period[] {
  const out: Period[] = [];
  let p = periodOf(range.from, interval);
  while (p.from <= range.to) {
    out.push(p);
    p = periodOf(addDays(p.to, 1), interval);
  }
  return out;
}

/**
 * The period just before (环比 base): the previous day, week, month or quarter.
 *
 * @example
 * ```ts
 * previousPeriod(periodOf('2026-03-10', 'month'), 'month').key; // '2026-02'
 * ```
 */
export const previousPeriod = (p: Period, interval: Interval): Period => periodOf(addDays(p.from, -1), interval);

/**
 * The same period a year earlier (同比 base): same day (29 Feb → 28 Feb), same ISO week number (week
 * 53 → the last week of that year), same month, same quarter.
 *
 * @example
 * ```ts
 * yearEarlierPeriod(periodOf('2026-03-10', 'quarter'), 'quarter').key; // '2025Q1'
 * ```
 */
export function yearEarlierPeriod(p: Period, interval: Interval): Period {
  if (interval === 'week') {
    const year = Number(p.key.slice(0, 4)) - 1;
    const week = Number(p.key.slice(6));
    // ISO week 1 holds 4 January; a year has 53 weeks when 28 December is in week 53.
    const weeks = Number(periodOf(`${year}-12-28`, 'week').key.slice(6));
    const week1 = periodOf(`${year}-01-04`, 'week').from;
    return periodOf(addDays(week1, (Math.min(week, weeks) - 1) * 7), 'week');
  }
  return periodOf(sameDayYearEarlier(p.from), interval);
}

/**
 * The same calendar day a year earlier; 29 February becomes 28 February.
 *
 * @example
 * ```ts
 * sameDayYearEarlier('2028-02-29'); // '2027-02-28'
 * ```
 */
export function sameDayYearEarlier(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5);
  return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
}

/**
 * The range of the same length just before `r` (the MoM base of an arbitrary range).
 *
 * @example
 * ```ts
 * previousRange({ from: '2026-03-01', to: '2026-03-31' }); // { from: '2026-01-29', to: '2026-02-28' }
 * ```
 */
export const previousRange = (r: DayRange): DayRange => ({ from: addDays(r.from, -daysIn(r)), to: addDays(r.from, -1) });

/**
 * The same dates a year earlier (the YoY base of an arbitrary range).
 *
 * @example
 * ```ts
 * yearEarlierRange({ from: '2026-03-01', to: '2026-03-31' }); // { from: '2025-03-01', to: '2025-03-31' }
 * ```
 */
export const yearEarlierRange = (r: DayRange): DayRange => ({ from: sameDayYearEarlier(r.from), to: sameDayYearEarlier(r.to) });

/**
 * The number of calendar months a range spans, as a fraction (days / average month length 30.436875),
 * for "per outlet per month".
 *
 * @example
 * ```ts
 * monthsIn({ from: '2026-01-01', to: '2026-12-31' }); // ≈ 12
 * ```
 */
export const monthsIn = (r: DayRange): number => daysIn(r) / 30.436875;

/**
 * The last millisecond of a bank day in Asia/Shanghai, as epoch ms ("the end of the period").
 *
 * @example
 * ```ts
 * endOfBankDay('2026-03-31') === Date.parse('2026-03-31T23:59:59.999+08:00'); // true
 * ```
 */
export const endOfBankDay = (day: string): number => endOfLocalDay(day);

/**
 * A bank day plus (or minus) calendar days.
 *
 * @example
 * ```ts
 * addBankDays('2026-02-28', 1); // '2026-03-01'
 * ```
 */
export const addBankDays = (day: string, days: number): string => addDays(day, days);

/**
 * The bank day (Asia/Shanghai) of an instant.
 *
 * @example
 * ```ts
 * bankDayOf(Date.parse('2026-02-28T17:30:00Z')); // '2026-03-01'
 * ```
 */
export const bankDayOf = (ms: number): string => localDate(ms);
