import {
  AGGREGATE_IDS,
  type AggregateId,
  AGGREGATES,
  type Aggregates,
  type DayRange,
  compareKeys,
  DIMENSION_COLUMNS,
  type Dimension,
  emptyAggregates,
  endOfBankDay,
  type FactFilter,
  metricValues,
  monthsIn,
  POPULATIONS,
  type Population,
  type ReportResult,
  type ReportRow,
  type ReportSpec,
} from '@complaintkit/core/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { likePrefix } from '../like-prefix.js';
import { CELL_AGGREGATE_COLUMNS } from '../migrations/0010_report_cells.js';
import type { Database } from '../schema.js';
import { cellSource, rootsAnswer } from './cell-source.js';
import { cellSetFor } from './cells.js';
import { decodeHandling, handlingQuantiles } from './handling-quantiles.js';

/** @internal a SQL condition that is always true. */
const TRUE = sql<boolean>`1 = 1`;

/**
 * The SQL `where` of a report filter over `complaint_facts` (or, with `'cells'`, over `report_cells`
 * for a filter `cellSetFor` accepted): the in-database twin of core's `matchesFilter` (a property
 * test holds the two equal).
 *
 * @example
 * ```ts
 * db.selectFrom('complaint_facts').where(filterSql({ businessCategory: ['B03'] }));
 * ```
 */
export function filterSql(f: FactFilter, over: 'facts' | 'cells' = 'facts'): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.orgPath) parts.push(sql`org_path like ${likePrefix(f.orgPath)} escape '\\'`);
  if (f.region !== undefined) {
    // report_cells has no region code: a prefix of at most 4 digits is a prefix of the prefecture
    // (the code's first 4 digits and 00), which is `not_regional` exactly when the code is null.
    const column = over === 'cells' ? 'prefecture' : 'region_code';
    if (f.region === 'not_regional') parts.push(over === 'cells' ? sql`prefecture = 'not_regional'` : sql`region_code is null`);
    else parts.push(sql`${sql.ref(column)} like ${likePrefix(f.region)} escape '\\'`);
  }
  const oneOf = (col: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) parts.push(sql`${sql.ref(col)} in (${sql.join(values)})`);
  };
  const anyPrefix = (col: string, codes: readonly string[] | undefined) => {
    if (codes && codes.length > 0)
      parts.push(sql`(${sql.join(codes.map((c) => sql`${sql.ref(col)} like ${likePrefix(c)} escape '\\'`), sql` or `)})`);
  };
  oneOf('intake_channel', f.intakeChannel);
  anyPrefix('business_channel', f.businessChannel);
  anyPrefix('business_category', f.businessCategory);
  anyPrefix('cause', f.cause);
  oneOf('severity', f.severity);
  return parts.length === 0 ? TRUE : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** @internal the SQL expression of one dimension's group key. */
function dimensionSql(d: Dimension, spec: ReportSpec): RawBuilder<string> {
  if (d !== 'organisation') return sql<string>`${sql.ref(DIMENSION_COLUMNS[d])}`;
  const orgs = spec.orgs;
  if (!orgs) throw new Error('a report by organisation needs the organisation groups');
  if (orgs.children.length === 0) return sql<string>`${orgs.scope.id}`;
  const whens = orgs.children.map((c) => sql`when org_path like ${likePrefix(c.path)} escape '\\' then ${c.id}`);
  return sql<string>`(case ${sql.join(whens, sql` `)} else ${orgs.scope.id} end)`;
}

/** @internal `g0, g1` select items and their group-by list. */
function groupSql(spec: ReportSpec): { select: RawBuilder<unknown>; by: RawBuilder<unknown> } {
  if (spec.groupBy.length === 0) return { select: sql`'' as g0`, by: sql`` };
  const exprs = spec.groupBy.map((d) => dimensionSql(d, spec));
  // By position: PostgreSQL does not match a select expression to a group-by expression when their
  // bound parameters differ in number ($1 vs $5), even when the values are the same.
  return {
    select: sql.join(exprs.map((e, i) => sql`${e} as ${sql.ref(`g${i}`)}`)),
    by: sql.raw(`group by ${exprs.map((_, i) => i + 1).join(', ')}`),
  };
}

/** @internal a bigint or numeric from either driver as a number. */
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

type Raw = Record<string, unknown>;

/** @internal the aggregate ids counted over one population. */
const populationIds = (p: Population): AggregateId[] => AGGREGATE_IDS.filter((id) => AGGREGATES[id].population === p);

/** @internal `sum(case when … then … else 0 end) as <id>` over `complaint_facts` for one population's aggregates. */
const factSums = (p: Population) =>
  sql.join(
    populationIds(p).map((id) => {
      const a = AGGREGATES[id];
      const value = 'sumColumn' in a ? sql.ref(a.sumColumn) : sql`1`;
      return sql`sum(case when ${sql.raw(a.sql)} then ${value} else 0 end) as ${sql.ref(id)}`;
    }),
  );

/**
 * What of a report its caller needs beyond the counts: the handling-time quantiles and the open
 * overdue at the end of the range each cost a read of `complaint_facts`; a caller that shows neither
 * (a volume trend, the regulator's table, most alert rules) leaves them out and gets `null` and 0.
 *
 * @example
 * ```ts
 * const needs: ReportNeeds = { quantiles: false, overdue: false };
 * ```
 */
export interface ReportNeeds {
  readonly quantiles?: boolean;
  readonly overdue?: boolean;
}

/** @internal the `sum(…)` of every aggregate's column over `report_cells` rows. */
const cellSums = () => sql.join(AGGREGATE_IDS.map((id) => sql`sum(${sql.ref(CELL_AGGREGATE_COLUMNS[id] as string)}) as ${sql.ref(id)}`));

/**
 * Runs a report. The counts come from the daily pre-aggregates (`report_cells`) when one of their
 * dimension sets answers the grouping and filter (`cellSetFor`), else from `complaint_facts`: one
 * grouped query per population (received, decided, rated) with one `sum(case …)` per aggregate of
 * core's `AGGREGATES`. The handling-time quantiles (nearest rank, by window functions) and the open
 * overdue at the end of the range are read from `complaint_facts` (unless `needs` leaves them out);
 * the metric values then come from core's `metricValues`, the same formulas the in-memory report uses.
 *
 * @example
 * ```ts
 * const r = await runReport(db, { range: { from: '2026-03-01', to: '2026-03-31' }, filter: { orgPath: '/HO/' }, groupBy: ['cause'] });
 * ```
 */
export async function runReport(db: Kysely<Database>, spec: ReportSpec, needs: ReportNeeds = {}): Promise<ReportResult> {
  const { from, to } = spec.range;
  const where = filterSql(spec.filter);
  const g = groupSql(spec);
  const dims = spec.groupBy;
  const keyOf = (r: Raw): Record<string, string> => Object.fromEntries(dims.map((d, i) => [d, String(r[`g${i}`])]));

  type Acc = { key: Record<string, string>; aggregates: Aggregates; p50: number | null; p90: number | null; overdue: number };
  const groups = new Map<string, Acc>();
  const total: Acc = { key: {}, aggregates: emptyAggregates(), p50: null, p90: null, overdue: 0 };
  const accOf = (r: Raw): Acc => {
    const key = keyOf(r);
    const k = JSON.stringify(key);
    const found = groups.get(k);
    if (found) return found;
    const a: Acc = { key, aggregates: emptyAggregates(), p50: null, p90: null, overdue: 0 };
    groups.set(k, a);
    return a;
  };
  const add = (r: Raw, ids: readonly AggregateId[]) => {
    const acc = accOf(r);
    for (const id of ids) {
      acc.aggregates[id] += n(r[id]);
      total.aggregates[id] += n(r[id]);
    }
  };

  const set = cellSetFor(spec);
  const counts =
    set !== undefined
      ? sql<Raw>`select ${g.select}, ${cellSums()} from ${cellSource(set, spec.range, filterSql(spec.filter, 'cells'), { roots: rootsAnswer(spec.filter, spec.groupBy) })}
          ${g.by}`
          .execute(db)
          .then(({ rows }) => {
            for (const r of rows) add(r, AGGREGATE_IDS);
          })
      : Promise.all(
          (Object.keys(POPULATIONS) as Population[]).map(async (p) => {
            const pop = POPULATIONS[p];
            const { rows } = await sql<Raw>`select ${g.select}, ${factSums(p)} from complaint_facts
              where ${sql.raw(pop.sql)} and ${sql.ref(pop.dayColumn)} >= ${from} and ${sql.ref(pop.dayColumn)} <= ${to} and ${where}
              ${g.by}`.execute(db);
            for (const r of rows) add(r, populationIds(p));
          }),
        );
  await counts;

  /** Nearest-rank quantiles per group and in total from the decided days' and months' handling times. */
  const cellQuantiles = async (cellSet: string) => {
    const where = sql<boolean>`handling is not null and ${filterSql(spec.filter, 'cells')}`;
    const { rows } = await sql<Raw>`select ${g.select}, handling from ${cellSource(cellSet, spec.range, where, { pops: ['decided'] })}`.execute(db);
    const lists = new Map<string, { row: Raw; parts: Uint8Array[] }>();
    for (const r of rows) {
      const k = dims.length === 0 ? '' : JSON.stringify(keyOf(r));
      const found = lists.get(k);
      if (found) found.parts.push(r.handling as Uint8Array);
      else lists.set(k, { row: r, parts: [r.handling as Uint8Array] });
    }
    // Each group's times decoded once; the total is their concatenation (taken before selection reorders them).
    const parsed = [...lists.values()].map((v) => ({ row: v.row, values: decodeHandling(v.parts) }));
    const all = new Float64Array(parsed.reduce((m, v) => m + v.values.length, 0));
    let at = 0;
    for (const v of parsed) {
      all.set(v.values, at);
      at += v.values.length;
    }
    const groups = dims.length === 0 ? [] : parsed.map((v) => ({ row: v.row, ...handlingQuantiles(v.values) }));
    return { groups, total: handlingQuantiles(all) };
  };
  const quantiles = async (grouped: boolean) => {
    const gg = grouped ? g : groupSql({ ...spec, groupBy: [] });
    const partition = grouped && dims.length > 0 ? sql`partition by ${sql.join(dims.map((d) => dimensionSql(d, spec)))}` : sql``;
    const outer = grouped && dims.length > 0 ? sql`group by ${sql.join(dims.map((_, i) => sql.ref(`g${i}`)))}` : sql``;
    const cols = grouped && dims.length > 0 ? sql.join(dims.map((_, i) => sql.ref(`g${i}`))) : sql`'' as g0`;
    const { rows } = await sql<Raw>`select ${cols},
        min(case when rn = (cnt + 1) / 2 then handling_ms end) as p50,
        min(case when rn = (9 * cnt + 9) / 10 then handling_ms end) as p90
      from (select ${gg.select}, handling_ms,
              row_number() over (${partition} order by handling_ms) as rn,
              count(*) over (${partition}) as cnt
            from complaint_facts
            where decided_day >= ${from} and decided_day <= ${to} and handling_ms is not null and ${where}) t
      ${outer}`.execute(db);
    return rows;
  };
  const end = endOfBankDay(to);
  const none = Promise.resolve([] as Raw[]);
  const fromCells = set !== undefined;
  const [grouped, overall, overdue] = await Promise.all([
    needs.quantiles !== false && dims.length > 0 && !fromCells ? quantiles(true) : none,
    needs.quantiles !== false && !fromCells ? quantiles(false) : none,
    needs.overdue !== false
      ? // Only complaints open at the end with a deadline before it can count: still open, decided
        // after it and late, or stopped after it, each found through its partial index with the
        // deadline (0020b); the full condition is checked again on them.
        sql<Raw>`select ${g.select}, count(*) as overdue from complaint_facts
          where id in (
              select id from complaint_facts where decided_at is null and stopped_at is null and due_at < ${end}
              union all select id from complaint_facts where decided_at > due_at and decided_at > ${end} and due_at < ${end}
              union all select id from complaint_facts where decided_at is null and stopped_at > ${end} and due_at < ${end})
            and received_at <= ${end} and due_at is not null and due_at < ${end}
            and (decided_at is null or decided_at > ${end}) and (stopped_at is null or stopped_at > ${end}) and ${where}
          ${g.by}`.execute(db).then((r) => r.rows)
      : none,
    needs.quantiles !== false && fromCells ? cellQuantiles(set) : undefined,
  ]).then(([a, b, c, d]) => {
    if (d) {
      for (const v of d.groups) {
        const acc = accOf(v.row);
        acc.p50 = v.p50;
        acc.p90 = v.p90;
      }
      total.p50 = d.total.p50;
      total.p90 = d.total.p90;
    }
    return [a, b, c] as const;
  });
  const q = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  for (const r of grouped) {
    const acc = accOf(r);
    acc.p50 = q(r.p50);
    acc.p90 = q(r.p90);
  }
  if (!fromCells) {
    total.p50 = q(overall[0]?.p50);
    total.p90 = q(overall[0]?.p90);
  }
  for (const r of overdue) {
    accOf(r).overdue += n(r.overdue);
    total.overdue += n(r.overdue);
  }

  const months = monthsIn(spec.range);
  const row = (a: Acc): ReportRow => ({
    key: a.key,
    aggregates: a.aggregates,
    handlingP50Ms: a.p50,
    handlingP90Ms: a.p90,
    overdueOpen: a.overdue,
    metrics: metricValues({
      aggregates: a.aggregates,
      total: total.aggregates,
      handlingP50Ms: a.p50,
      handlingP90Ms: a.p90,
      overdueOpen: a.overdue,
      outlets: spec.outlets ?? null,
      customers: spec.customers ?? null,
      months,
    }),
  });
  const rows = dims.length === 0 ? [] : [...groups.values()].sort((a, b) => compareKeys(a.key, b.key)).map(row);
  return { rows, total: row(total) };
}

/**
 * Every aggregate per bank day over a range, or several disjoint ones, for a filter (no grouping): one query over
 * `report_cells` when they answer the filter, else one per population over `complaint_facts`. What a
 * trend sums into its periods, so a two-year monthly trend with its comparisons is one read, not one
 * report per period. Days with nothing are absent. With `grain: 'month'` the whole months of the range
 * come from `report_months`, each keyed by its first day (so only sums over whole months are right:
 * what a monthly or quarterly trend adds up), the other days by day.
 *
 * @example
 * ```ts
 * const byDay = await runSeries(db, [{ from: '2025-01-01', to: '2026-11-30' }], { orgPath: '/HO/' });
 * byDay.get('2026-03-01')?.received;
 * ```
 */
export async function runSeries(
  db: Kysely<Database>,
  range: DayRange | readonly DayRange[],
  filter: FactFilter,
  grain: 'day' | 'month' = 'day',
): Promise<Map<string, Aggregates>> {
  const ranges: readonly DayRange[] = Array.isArray(range) ? (range as readonly DayRange[]) : [range as DayRange];
  const out = new Map<string, Aggregates>();
  const add = (r: Raw, ids: readonly AggregateId[]) => {
    const day = String(r.day);
    let a = out.get(day);
    if (!a) {
      a = emptyAggregates();
      out.set(day, a);
    }
    for (const id of ids) a[id] += n(r[id]);
  };
  const set = cellSetFor({ filter, groupBy: [] });
  if (set !== undefined) {
    const source = cellSource(set, ranges, filterSql(filter, 'cells'), { months: grain === 'month', roots: rootsAnswer(filter, []) });
    const { rows } = await sql<Raw>`select day, ${cellSums()} from ${source} group by day`.execute(db);
    for (const r of rows) add(r, AGGREGATE_IDS);
    return out;
  }
  const where = filterSql(filter);
  for (const p of Object.keys(POPULATIONS) as Population[]) {
    const pop = POPULATIONS[p];
    const day = sql.ref(pop.dayColumn);
    const days = sql.join(ranges.map((r) => sql`(${day} >= ${r.from} and ${day} <= ${r.to})`), sql` or `);
    const { rows } = await sql<Raw>`select ${day} as day, ${factSums(p)} from complaint_facts
      where ${sql.raw(pop.sql)} and (${days}) and ${where}
      group by ${day}`.execute(db);
    for (const r of rows) add(r, populationIds(p));
  }
  return out;
}
