import { addBankDays, type DayRange, type Interval, periodOf, previousPeriod, yearEarlierPeriod } from '@complaintkit/core/domain';

/**
 * The windows an alert rule compares: the current day, week, month or quarter to date (today
 * included), and the same number of days from the start of the previous period (MoM base) and of the
 * same period a year earlier (YoY base), each clipped to its period. So on 10 March a monthly rule
 * compares 1–10 March with 1–10 February and 1–10 March last year.
 *
 * @example
 * ```ts
 * alertWindows('2026-03-10', 'month'); // { current: { from: '2026-03-01', to: '2026-03-10' }, previous: { from: '2026-02-01', to: '2026-02-10' }, … }
 * ```
 */
export function alertWindows(today: string, interval: Interval): { current: DayRange; previous: DayRange; yearEarlier: DayRange } {
  const p = periodOf(today, interval);
  const elapsed = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000);
  const same = (base: DayRange): DayRange => {
    const to = addBankDays(base.from, elapsed);
    // biome-ignore lint/complexity/useMathMinMax: ISO days are strings, compared as text (Math.min would give NaN).
    return { from: base.from, to: to > base.to ? base.to : to };
  };
  return { current: { from: p.from, to: today }, previous: same(previousPeriod(p, interval)), yearEarlier: same(yearEarlierPeriod(p, interval)) };
}
