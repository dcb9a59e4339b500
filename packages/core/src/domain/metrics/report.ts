import { type DayRange, endOfBankDay, monthsIn } from './bank-days.js';
import { AGGREGATE_IDS, AGGREGATES, type Aggregates, emptyAggregates } from './aggregates.js';
import { type MetricId, metricValues } from './definitions.js';
import { type Dimension, dimensionKey, type OrgGroups } from './dimensions.js';
import type { ComplaintFacts } from './facts.js';
import { type FactFilter, matchesFilter } from './filter.js';
import { POPULATIONS } from './populations.js';
import { nearestRank } from './quantile.js';

/**
 * What a report asks for: a range of bank days, a filter (scope and dimensions) and up to two
 * dimensions to group by (none: one total row).
 *
 * @example
 * ```ts
 * const q: ReportSpec = { range: { from: '2026-03-01', to: '2026-03-31' }, filter: { orgPath: '/HO/' }, groupBy: ['businessCategory'] };
 * ```
 */
export interface ReportSpec {
  readonly range: DayRange;
  readonly filter: FactFilter;
  readonly groupBy: readonly Dimension[];
  /** Needed when grouping by organisation. */
  readonly orgs?: OrgGroups | undefined;
  /** Outlets and personal customers of the scope, for normalised volumes. */
  readonly outlets?: number | null | undefined;
  readonly customers?: number | null | undefined;
}

/**
 * One row of a report: the group's key per dimension, its aggregates and every metric.
 *
 * @example
 * ```ts
 * const r: ReportRow = report.rows[0];
 * r.key.businessCategory; // 'B0302'
 * r.metrics.timeliness;   // 0.96
 * ```
 */
export interface ReportRow {
  readonly key: Readonly<Record<string, string>>;
  readonly aggregates: Aggregates;
  readonly handlingP50Ms: number | null;
  readonly handlingP90Ms: number | null;
  readonly overdueOpen: number;
  readonly metrics: Record<MetricId, number | null>;
}

/**
 * A report's rows (sorted by key) and its total.
 *
 * @example
 * ```ts
 * const r: ReportResult = computeReport(facts, spec);
 * r.total.metrics.volume;
 * ```
 */
export interface ReportResult {
  readonly rows: ReportRow[];
  readonly total: ReportRow;
}

/**
 * Whether a complaint counts as open and overdue at instant `end`: received by then, a deadline that
 * had passed, and neither decided nor stopped by then.
 *
 * @example
 * ```ts
 * isOverdueAt(f, endOfDay); // true
 * ```
 */
export const isOverdueAt = (f: ComplaintFacts, end: number): boolean =>
  f.receivedAt <= end && f.dueAt !== null && f.dueAt < end && (f.decidedAt === null || f.decidedAt > end) && (f.stoppedAt === null || f.stoppedAt > end);

/**
 * The plain in-memory report over complaint facts (with `isRepeat` marked): the reference the
 * service's SQL is tested against, and usable on its own for small datasets (a test, a spreadsheet
 * export, a widget's offline view).
 *
 * @example
 * ```ts
 * const report = computeReport(markRepeats(facts), { range: { from: '2026-03-01', to: '2026-03-31' }, filter: {}, groupBy: ['cause'] });
 * ```
 */
export function computeReport(facts: readonly ComplaintFacts[], spec: ReportSpec): ReportResult {
  const { from, to } = spec.range;
  const end = endOfBankDay(to);
  const keyOf = (f: ComplaintFacts): Record<string, string> =>
    Object.fromEntries(spec.groupBy.map((d) => [d, dimensionKey(f, d, spec.orgs)]));
  type Acc = { key: Record<string, string>; aggregates: Aggregates; handling: number[]; overdue: number };
  const groups = new Map<string, Acc>();
  const total: Acc = { key: {}, aggregates: emptyAggregates(), handling: [], overdue: 0 };
  const accOf = (f: ComplaintFacts): Acc => {
    const key = keyOf(f);
    const k = JSON.stringify(key);
    const found = groups.get(k);
    if (found) return found;
    const a: Acc = { key, aggregates: emptyAggregates(), handling: [], overdue: 0 };
    groups.set(k, a);
    return a;
  };
  for (const f of facts) {
    if (!matchesFilter(f, spec.filter)) continue;
    const touched: Acc[] = [];
    const acc = () => {
      if (touched.length === 0) touched.push(accOf(f), total);
      return touched;
    };
    for (const id of AGGREGATE_IDS) {
      const a = AGGREGATES[id];
      const day = POPULATIONS[a.population].day(f);
      if (day === null || day < from || day > to || !a.test(f)) continue;
      const v = 'value' in a ? a.value(f) : 1;
      for (const t of acc()) t.aggregates[id] += v;
    }
    const decided = POPULATIONS.decided.day(f);
    if (decided !== null && decided >= from && decided <= to && f.handlingMs !== null) for (const t of acc()) t.handling.push(f.handlingMs);
    if (isOverdueAt(f, end)) for (const t of acc()) t.overdue += 1;
  }
  const months = monthsIn(spec.range);
  const row = (a: Acc): ReportRow => {
    const handlingP50Ms = nearestRank(a.handling, 0.5);
    const handlingP90Ms = nearestRank(a.handling, 0.9);
    return {
      key: a.key,
      aggregates: a.aggregates,
      handlingP50Ms,
      handlingP90Ms,
      overdueOpen: a.overdue,
      metrics: metricValues({
        aggregates: a.aggregates,
        total: total.aggregates,
        handlingP50Ms,
        handlingP90Ms,
        overdueOpen: a.overdue,
        outlets: spec.outlets ?? null,
        customers: spec.customers ?? null,
        months,
      }),
    };
  };
  const rows = [...groups.values()].sort((a, b) => compareKeys(a.key, b.key)).map(row);
  return { rows: spec.groupBy.length === 0 ? [] : rows, total: row(total) };
}

/**
 * The order of report rows: by each dimension's value in turn.
 *
 * @example
 * ```ts
 * rows.sort((a, b) => compareKeys(a.key, b.key));
 * ```
 */
export function compareKeys(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): number {
  for (const k of Object.keys(a)) {
    const x = a[k] ?? '';
    const y = b[k] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
