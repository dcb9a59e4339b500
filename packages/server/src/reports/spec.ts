import type { DayRange, Dimension, FactFilter, MetricId, ReportFilter, ReportResult, ReportRowData, ReportSpec } from '@complaintkit/core/domain';
import type { ReportNeeds } from '../store/reports/report-sql.js';
import { ruleViolation } from '../http/problem.js';
import type { OrganisationRecord, Store } from '../store/store.js';

/** The longest range a report covers, in days (three years and a leap day). @internal */
const MAX_DAYS = 3 * 366;

/**
 * Checks a range of bank days: `from` ≤ `to`, real dates, at most three years; throws a 422 naming
 * the field otherwise.
 *
 * @example
 * ```ts
 * checkRange({ from: '2026-03-01', to: '2026-03-31' });
 * ```
 */
export function checkRange(r: DayRange): DayRange {
  const f = Date.parse(`${r.from}T00:00:00Z`);
  const t = Date.parse(`${r.to}T00:00:00Z`);
  if (Number.isNaN(f) || new Date(f).toISOString().slice(0, 10) !== r.from) throw ruleViolation('from', `${r.from} is not a calendar date`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== r.to) throw ruleViolation('to', `${r.to} is not a calendar date`);
  if (t < f) throw ruleViolation('to', 'to must not be before from');
  if ((t - f) / 86_400_000 + 1 > MAX_DAYS) throw ruleViolation('to', `a report covers at most ${MAX_DAYS} days; split the range`);
  return { from: r.from, to: r.to };
}

/**
 * The core filter of a wire filter within a scope organisation.
 *
 * @example
 * ```ts
 * factFilter(scope, { businessCategory: ['B03'] }); // { orgPath: scope.path, businessCategory: ['B03'], … }
 * ```
 */
export const factFilter = (scope: OrganisationRecord, f: ReportFilter): FactFilter => ({
  orgPath: scope.path,
  intakeChannel: f.intakeChannel,
  businessChannel: f.businessChannel,
  businessCategory: f.businessCategory,
  cause: f.cause,
  severity: f.severity,
  region: f.region,
});

/**
 * A full report spec: the scope's children as organisation groups (when grouping by organisation)
 * and the scope's own outlet and customer counts (a unit's counts cover its whole subtree).
 *
 * @example
 * ```ts
 * const spec = await reportSpec(store, scope, range, filter, ['organisation']);
 * ```
 */
export async function reportSpec(
  store: Store,
  scope: OrganisationRecord,
  range: DayRange,
  filter: ReportFilter,
  groupBy: readonly Dimension[] = [],
): Promise<ReportSpec> {
  const orgs = groupBy.includes('organisation')
    ? {
        scope: { id: scope.id, path: scope.path },
        children: (await store.listOrganisations(scope.path))
          .filter((o) => o.parentId === scope.id)
          .map((o) => ({ id: o.id, path: o.path })),
      }
    : undefined;
  return {
    range,
    filter: factFilter(scope, filter),
    groupBy,
    orgs,
    outlets: scope.outletCount ?? null,
    customers: scope.customerCount ?? null,
  };
}

/**
 * A report row as the wire shows it (counts and metrics; the quantiles are among the metrics).
 *
 * @example
 * ```ts
 * const row = wireRow(result.total);
 * ```
 */
export const wireRow = (r: ReportResult['total']): ReportRowData => ({ key: { ...r.key }, aggregates: { ...r.aggregates }, metrics: { ...r.metrics } });

/**
 * What a report must compute for these metrics beyond the counts: the handling-time quantiles only
 * for the quantile metrics, the open overdue only for `overdueOpen`.
 *
 * @example
 * ```ts
 * needsFor('volume'); // { quantiles: false, overdue: false }
 * ```
 */
export const needsFor = (...metrics: MetricId[]): ReportNeeds => ({
  quantiles: metrics.some((m) => m === 'handlingDaysP50' || m === 'handlingDaysP90'),
  overdue: metrics.includes('overdueOpen'),
});
