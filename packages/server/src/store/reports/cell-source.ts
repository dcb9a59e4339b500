import { type DayRange, type FactFilter, POPULATIONS } from '@complaintkit/core/domain';
import { type RawBuilder, sql } from 'kysely';
import { CELL_AGGREGATE_COLUMNS, CELL_DIMENSION_COLUMNS } from '../migrations/0010_report_cells.js';

/**
 * A range of days cut into its whole calendar months (read from `report_months`) and the days before
 * and after them (read from `report_cells`): a year reads 12 rows per key, a quarter 3.
 *
 * @example
 * ```ts
 * splitRange({ from: '2026-06-15', to: '2026-09-30' });
 * // { days: [{ from: '2026-06-15', to: '2026-06-30' }], months: { from: '2026-07', to: '2026-09' } }
 * ```
 */
export function splitRange(range: DayRange): { days: DayRange[]; months: { from: string; to: string } | null } {
  const { from, to } = range;
  const lastOf = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  };
  const shift = (month: string, by: number) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 + by, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const first = from.endsWith('-01') ? from.slice(0, 7) : shift(from.slice(0, 7), 1);
  const last = lastOf(to.slice(0, 7)) === to ? to.slice(0, 7) : shift(to.slice(0, 7), -1);
  if (from > to || first > last) return { days: from > to ? [] : [range], months: null };
  const days: DayRange[] = [];
  if (from < `${first}-01`) days.push({ from, to: lastOf(shift(first, -1)) });
  if (to > lastOf(last)) days.push({ from: `${shift(last, 1)}-01`, to });
  return { days, months: { from: first, to: last } };
}

/** @internal every column the readers of the pre-aggregates use, the day last. */
const COLUMNS = ['pop', 'org_path', ...CELL_DIMENSION_COLUMNS, ...Object.values(CELL_AGGREGATE_COLUMNS), 'handling'];

/**
 * What {@link cellSource} reads: the populations (all by default), and whether whole months come from
 * `report_months` (by default) or every day from `report_cells` (what sums over weeks need).
 *
 * @example
 * ```ts
 * const o: CellSourceOptions = { pops: ['decided'] };
 * ```
 */
export interface CellSourceOptions {
  readonly pops?: readonly string[];
  readonly months?: boolean;
  /**
   * Whole months from `report_roots` (their sums per root of the organisation tree, no handling
   * times) instead of `report_months`: right only when {@link rootsAnswer} says so.
   */
  readonly roots?: boolean;
}

/**
 * Whether the roots' monthly sums (`report_roots`) answer a report's counts: the filter takes whole
 * roots of the organisation tree (no organisation, or a root's path such as `/HO/`, matched by the
 * same `org_path like` condition) and the report is not grouped by organisation.
 *
 * @example
 * ```ts
 * rootsAnswer({ orgPath: '/HO/' }, ['cause']); // true
 * rootsAnswer({ orgPath: '/HO/BR-44/' }, []); // false
 * ```
 */
export function rootsAnswer(filter: FactFilter, groupBy: readonly string[]): boolean {
  return (filter.orgPath === undefined || /^\/[^/]+\/$/.test(filter.orgPath)) && !groupBy.includes('organisation');
}

/**
 * The pre-aggregated rows of one dimension set over a range (or several, disjoint), as a subquery
 * aliased `c`: the whole months from `report_months` and the other days from `report_cells`, each
 * filtered (`where`, over their common columns), with the columns of `report_cells` (a month's `day`
 * is its first day).
 *
 * @example
 * ```ts
 * sql`select sum(received) from ${cellSource('', range, sql`1 = 1`)}`;
 * ```
 */
export function cellSource(set: string, ranges: DayRange | readonly DayRange[], where: RawBuilder<boolean>, options: CellSourceOptions = {}): RawBuilder<unknown> {
  const cols = sql.join(COLUMNS.map((c) => sql.ref(c)));
  const rootCols = sql.join(COLUMNS.map((c) => (c === 'handling' ? sql`null as handling` : sql.ref(c))));
  const popIn = sql`pop in (${sql.join(options.pops ?? Object.keys(POPULATIONS))})`;
  const branches: RawBuilder<unknown>[] = [];
  for (const range of Array.isArray(ranges) ? (ranges as readonly DayRange[]) : [ranges as DayRange]) {
    const { days, months } = options.months === false ? { days: range.from <= range.to ? [range] : [], months: null } : splitRange(range);
    for (const d of days) branches.push(sql`select ${cols}, day from report_cells where dims = ${set} and ${popIn} and day >= ${d.from} and day <= ${d.to} and ${where}`);
    if (months)
      branches.push(
        options.roots
          ? sql`select ${rootCols}, month || '-01' as day from report_roots where dims = ${set} and ${popIn} and month >= ${months.from} and month <= ${months.to} and ${where}`
          : sql`select ${cols}, month || '-01' as day from report_months where dims = ${set} and ${popIn} and month >= ${months.from} and month <= ${months.to} and ${where}`,
      );
  }
  // An empty range still yields a well-formed (empty) subquery.
  if (branches.length === 0) branches.push(sql`select ${cols}, day from report_cells where 1 = 0`);
  return sql`(${sql.join(branches, sql` union all `)}) c`;
}
