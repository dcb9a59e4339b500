import {
  type Aggregates,
  AGGREGATE_IDS,
  compare,
  type DayRange,
  emptyAggregates,
  type Interval,
  type MetricId,
  metricValues,
  monthsIn,
  type Period,
  periodOf,
  periodsCovering,
  previousPeriod,
  type ReportFilter,
  type Trend,
  yearEarlierPeriod,
} from '@complaintkit/core/domain';
import { alertWindows } from '../alerts/window.js';
import { ruleViolation } from '../http/problem.js';
import type { OrganisationRecord, Store } from '../store/store.js';
import { factFilter, needsFor, reportSpec } from './spec.js';

/** The most periods a trend shows. @internal */
const MAX_PERIODS = 400;

/**
 * The metrics a trend cannot sum from daily counts: the handling-time quantiles and the open overdue
 * at each period's end (each period is then a report of its own).
 */
const NOT_FROM_COUNTS: ReadonlySet<MetricId> = new Set<MetricId>(['handlingDaysP50', 'handlingDaysP90', 'overdueOpen']);

/**
 * Sums of every aggregate over any range of days, from per-day sums (prefix sums over the sorted days).
 * @internal
 */
function rangeSums(byDay: ReadonlyMap<string, Aggregates>): (r: DayRange) => Aggregates {
  const days = [...byDay.keys()].sort();
  const prefix: Aggregates[] = [emptyAggregates()];
  for (const d of days) {
    const next = { ...(prefix[prefix.length - 1] as Aggregates) };
    const a = byDay.get(d) as Aggregates;
    for (const id of AGGREGATE_IDS) next[id] += a[id];
    prefix.push(next);
  }
  const lowerBound = (day: string) => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((days[mid] as string) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (r) => {
    const a = prefix[lowerBound(r.from)] as Aggregates;
    const b = prefix[lowerBound(`${r.to}~`)] as Aggregates;
    const out = emptyAggregates();
    for (const id of AGGREGATE_IDS) out[id] = b[id] - a[id];
    return out;
  };
}

/** @internal the day after a bank day. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The union of ranges of days as disjoint ranges in order (overlapping and adjacent ones joined). @internal */
export function unionOf(ranges: readonly DayRange[]): DayRange[] {
  const out: DayRange[] = [];
  for (const r of [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    const last = out[out.length - 1];
    if (last && r.from <= dayAfter(last.to)) {
      if (r.to > last.to) out[out.length - 1] = { from: last.from, to: r.to };
    } else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/**
 * A trend: the metric over each whole period covering the range, and for each its change against the
 * previous period (MoM) and the same period a year earlier (YoY), computed by core's `compare` (a base
 * of 0 is "new", a missing value "missing"). The period holding `today` (a bank day) is not over: it is
 * compared on the same days of the previous period and of a year earlier, as alert rules are (on 1
 * December, 1 December against 1 November, not against the whole of November). A metric of counts
 * (volume, rates) reads the daily sums of the whole span once and adds them up per period; a quantile
 * or the open overdue computes each distinct period once.
 *
 * @example
 * ```ts
 * const t = await buildTrend(store, scope, { from: '2025-04-01', to: '2026-03-31' }, 'month', 'volume', {}, '2026-03-10');
 * ```
 */
export async function buildTrend(
  store: Store,
  scope: OrganisationRecord,
  range: DayRange,
  interval: Interval,
  metric: MetricId,
  filter: ReportFilter,
  today?: string,
): Promise<Trend> {
  const periods = periodsCovering(range, interval);
  if (periods.length > MAX_PERIODS) throw ruleViolation('interval', `${periods.length} periods is more than ${MAX_PERIODS}; choose a longer interval or a shorter range`);
  const compared = periods.map((p): readonly [DayRange, DayRange, DayRange] => {
    if (today !== undefined && p.from <= today && today < p.to) {
      const w = alertWindows(today, interval);
      return [w.current, w.previous, w.yearEarlier];
    }
    return [p, previousPeriod(p, interval), yearEarlierPeriod(p, interval)];
  });
  let metricIn: (p: DayRange) => Promise<number | null>;
  if (NOT_FROM_COUNTS.has(metric)) {
    const cache = new Map<string, Promise<number | null>>();
    metricIn = (p) => {
      const k = `${p.from}/${p.to}`;
      let v = cache.get(k);
      if (!v) {
        v = reportSpec(store, scope, { from: p.from, to: p.to }, filter)
          .then((spec) => store.reporting.report(spec, needsFor(metric)))
          .then((r) => r.total.metrics[metric]);
        cache.set(k, v);
      }
      return v;
    };
  } else {
    // Only the days of the periods shown and compared with: a weekly trend over a quarter reads its
    // weeks and their year-earlier weeks, not the year between them.
    const whole = (r: DayRange) => periodOf(r.from, 'month').from === r.from && periodOf(r.to, 'month').to === r.to;
    // Months and quarters are whole months, summed from the monthly pre-aggregates; the days of a
    // period not yet over (and of its bases) are summed by day.
    const byMonth = interval === 'month' || interval === 'quarter';
    const all = compared.flat();
    const monthly = byMonth ? all.filter(whole) : [];
    const daily = byMonth ? all.filter((r) => !whole(r)) : all;
    const [monthSums, daySums] = await Promise.all(
      [[monthly, 'month'], [daily, 'day']].map(async ([rs, grain]) =>
        (rs as DayRange[]).length === 0 ? undefined : rangeSums(await store.reporting.series(unionOf(rs as DayRange[]), factFilter(scope, filter), grain as 'day' | 'month')),
      ),
    );
    metricIn = async (p) => {
      const sums = (byMonth && whole(p) ? monthSums : daySums) as (r: DayRange) => Aggregates;
      const aggregates = sums(p);
      return metricValues({
        aggregates,
        total: aggregates,
        handlingP50Ms: null,
        handlingP90Ms: null,
        overdueOpen: 0,
        outlets: scope.outletCount ?? null,
        customers: scope.customerCount ?? null,
        months: monthsIn(p),
      })[metric];
    };
  }
  const out: Trend['periods'] = [];
  for (const [i, [current, previous, yearEarlier]] of compared.entries()) {
    const p = periods[i] as Period;
    const [value, prev, lastYear] = await Promise.all([metricIn(current), metricIn(previous), metricIn(yearEarlier)]);
    out.push({ key: p.key, from: p.from, to: p.to, value, mom: compare(value, prev), yoy: compare(value, lastYear) });
  }
  return { metric, interval, orgId: scope.id, periods: out };
}
