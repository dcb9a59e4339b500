/**
 * A rate (0–1) as a percentage for people, or `–` when there is none (no base: not 0 %).
 *
 * @example
 * ```ts
 * formatRate(0.9567, 'zh-CN'); // '95.7%'
 * formatRate(null, 'en');      // '–'
 * ```
 */
export const formatRate = (v: number | null | undefined, locale: string): string =>
  v === null || v === undefined ? '–' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);

/**
 * A count or measure for people, or `–` when there is none.
 *
 * @example
 * ```ts
 * formatNumber(12345, 'zh-CN'); // '12,345'
 * ```
 */
export const formatNumber = (v: number | null | undefined, locale: string): string =>
  v === null || v === undefined ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);

/**
 * A signed percentage change (`percent` as the service gives it, e.g. 12.5 for +12.5 %).
 *
 * @example
 * ```ts
 * formatChange(-3.25, 'en'); // '−3.3%'
 * ```
 */
export const formatChange = (percent: number, locale: string): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(percent) + '%';

/**
 * A bank day (`YYYY-MM-DD`) in Asia/Shanghai, `days` days from `now` (negative: before).
 *
 * @example
 * ```ts
 * bankDay(new Date('2026-03-31T20:00:00Z')); // '2026-04-01' (already the 1st in Shanghai)
 * ```
 */
export function bankDay(now: Date = new Date(), timeZone = 'Asia/Shanghai'): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The first day of the month `back` months before a bank day's month.
 *
 * @example
 * ```ts
 * monthStart('2026-03-17', 2); // '2026-01-01'
 * monthStart('2026-03-17', 23); // '2024-04-01'
 * ```
 */
export function monthStart(day: string, back: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
