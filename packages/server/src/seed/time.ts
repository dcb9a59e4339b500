import type { Rng } from './prng.js';

/**
 * Time helpers for the demo data, in Asia/Shanghai (UTC+8 all year, no daylight saving), where a
 * bank's days, working hours and complaint numbers are counted.
 */

/** One minute, hour and day in milliseconds. @example `now - 3 * DAY` */
export const MINUTE = 60_000;
/** One hour in milliseconds. @example `at + 2 * HOUR` */
export const HOUR = 60 * MINUTE;
/** One day in milliseconds. @example `at + DAY` */
export const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/**
 * The Asia/Shanghai calendar parts of an instant.
 *
 * @example
 * ```ts
 * localParts(Date.parse('2026-03-01T20:00:00Z')); // { year: 2026, month: 3, day: 2, hour: 4, minute: 0, weekday: 1 }
 * ```
 */
export function localParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const d = new Date(ms + OFFSET);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/**
 * The instant at which the local (Asia/Shanghai) day of `ms` began.
 *
 * @example
 * ```ts
 * localMidnight(Date.parse('2026-03-01T20:00:00Z')) === Date.parse('2026-03-01T16:00:00Z'); // true
 * ```
 */
export const localMidnight = (ms: number): number => Math.floor((ms + OFFSET) / DAY) * DAY - OFFSET;

/**
 * The local date of an instant as `YYYYMMDD`, as complaint numbers carry it.
 *
 * @example
 * ```ts
 * compactLocalDate(Date.parse('2026-03-01T20:00:00Z')); // '20260302'
 * ```
 */
export const compactLocalDate = (ms: number): string => new Date(ms + OFFSET).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * Moves an instant into office hours (08:30–19:30 local), for steps staff take at their desks: a step
 * that would fall in the evening or night happens the next morning. Hotline agents and customers
 * work around the clock and do not need this.
 *
 * @example
 * ```ts
 * const at = officeHours(Date.parse('2026-03-01T15:00:00Z'), rng); // 23:00 local → next morning
 * ```
 */
export function officeHours(ms: number, rng: Rng): number {
  const { hour, minute } = localParts(ms);
  const minutes = hour * 60 + minute;
  if (minutes >= 8 * 60 + 30 && minutes < 19 * 60 + 30) return ms;
  const midnight = localMidnight(ms);
  const morning = (minutes < 8 * 60 + 30 ? midnight : midnight + DAY) + 8.5 * HOUR;
  return morning + rng.int(0, 120) * MINUTE;
}

/**
 * A Poisson draw (Knuth's method; fine for the small daily means of the demo).
 *
 * @example
 * ```ts
 * poisson(rng, 6.5); // complaints received on one day
 * ```
 */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
