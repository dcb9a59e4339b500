import type { Rng } from './prng.js';
import { VOLUME } from './shares.js';
import { DAY, localMidnight, localParts, poisson } from './time.js';

/** @internal how receipts spread over the local hours of a day: the hotline runs 7×24, people complain by day. */
const HOUR_WEIGHTS = [
  0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4.5, 5.5, 5.5, 4.5, 4.5, 5.5, 5.5, 5, 4.5, 3.5, 3, 2.8, 2.2, 1.5, 0.8,
] as const;
const HOURS = HOUR_WEIGHTS.map((w, h) => [h, w] as const);

/** Average length of a month in days. @internal */
const MONTH_DAYS = 30.436875;

/**
 * The first instant of the window of `months` months that ends at `now`.
 *
 * @example
 * ```ts
 * windowStart(now, 24); // about two years before now
 * ```
 */
export const windowStart = (now: number, months: number): number => now - months * MONTH_DAYS * DAY;

/**
 * The instants at which the demo bank received complaints over the `months` months ending at `now`,
 * sorted: a Poisson number a day around a mean that grows year on year, follows the seasons and dips
 * at weekends (see {@link VOLUME}).
 *
 * @example
 * ```ts
 * const times = receiptTimes(createRng(42).fork('volume'), Date.now(), 24);
 * times.length; // about 4,700
 * ```
 */
export function receiptTimes(rng: Rng, now: number, months: number): number[] {
  const start = windowStart(now, months);
  const weekdayMean = (5 + 2 * VOLUME.weekend) / 7;
  const out: number[] = [];
  for (let day = localMidnight(start); day <= now; day += DAY) {
    const { month, weekday } = localParts(day);
    const years = (day - start) / (365.25 * DAY);
    const perMonth = VOLUME.base * (1 + VOLUME.growthPerYear) ** years * (VOLUME.season[month - 1] ?? 1);
    const dayFactor = (weekday === 0 || weekday === 6 ? VOLUME.weekend : 1) / weekdayMean;
    const n = poisson(rng, (perMonth / MONTH_DAYS) * dayFactor);
    for (let i = 0; i < n; i++) {
      const at = day + rng.weighted(HOURS) * 3_600_000 + rng.int(0, 3_599) * 1_000;
      if (at >= start && at <= now) out.push(at);
    }
  }
  return out.sort((a, b) => a - b);
}
