import {
  compare,
  type DayRange,
  type Interval,
  type MetricId,
  type Period,
  periodsCovering,
  previousPeriod,
  type ReportFilter,
  type Trend,
  yearEarlierPeriod,
} from '@complaintkit/core/domain';
import { ruleViolation } from '../http/problem.js';
import type { OrganisationRecord, Store } from '../store/store.js';
import { reportSpec } from './spec.js';

/** The most periods a trend shows. @internal */
const MAX_PERIODS = 400;

/**
 * A trend: the metric over each whole period covering the range, and for each its change against the
 * previous period (MoM) and the same period a year earlier (YoY), computed by core's `compare` (a base
 * of 0 is "new", a missing value "missing"). Each distinct period is computed once.
 *
 * @example
 * ```ts
 * const t = await buildTrend(store, scope, { from: '2025-04-01', to: '2026-03-31' }, 'month', 'volume', {});
 * ```
 */
export async function buildTrend(
  store: Store,
  scope: OrganisationRecord,
  range: DayRange,
  interval: Interval,
  metric: MetricId,
  filter: ReportFilter,
): Promise<Trend> {
  const periods = periodsCovering(range, interval);
  if (periods.length > MAX_PERIODS) throw ruleViolation('interval', `${periods.length} periods is more than ${MAX_PERIODS}; choose a longer interval or a shorter range`);
  const cache = new Map<string, Promise<number | null>>();
  const metricIn = (p: Period): Promise<number | null> => {
    const k = `${p.from}/${p.to}`;
    let v = cache.get(k);
    if (!v) {
      v = reportSpec(store, scope, { from: p.from, to: p.to }, filter)
        .then((spec) => store.reporting.report(spec))
        .then((r) => r.total.metrics[metric]);
      cache.set(k, v);
    }
    return v;
  };
  // A few at a time: each is a handful of indexed queries, and a pool of 1 connection serialises them anyway.
  const out: Trend['periods'] = [];
  for (const p of periods) {
    const [value, prev, lastYear] = await Promise.all([metricIn(p), metricIn(previousPeriod(p, interval)), metricIn(yearEarlierPeriod(p, interval))]);
    out.push({ key: p.key, from: p.from, to: p.to, value, mom: compare(value, prev), yoy: compare(value, lastYear) });
  }
  return { metric, interval, orgId: scope.id, periods: out };
}
