import { compare, labelOf, periodOf, previousPeriod, type RegulatorStatistics, yearEarlierPeriod } from '@complaintkit/core/domain';
import type { OrganisationRecord, Store } from '../store/store.js';
import { csvText } from './csv.js';
import { needsFor, reportSpec } from './spec.js';

/**
 * A quarter's regulator statistics (docs/domain/metrics.md, Regulator statistics): counts of R(Q) by
 * business category × cause × business channel in JR/T 0169-2018 codes, the total with its QoQ and
 * YoY change, and the timeliness rate of C(Q).
 *
 * @example
 * ```ts
 * const s = await buildRegulatorStatistics(store, scope, '2026Q1', Date.now());
 * ```
 */
export async function buildRegulatorStatistics(store: Store, scope: OrganisationRecord, quarter: string, now: number): Promise<RegulatorStatistics> {
  const year = quarter.slice(0, 4);
  const month = String((Number(quarter.slice(5)) - 1) * 3 + 1).padStart(2, '0');
  const q = periodOf(`${year}-${month}-01`, 'quarter');
  const run = async (from: string, to: string, groupBy: ('businessCategory' | 'cause' | 'businessChannel')[]) =>
    store.reporting.report(await reportSpec(store, scope, { from, to }, {}, groupBy), needsFor('volume', 'timeliness'));
  const prev = previousPeriod(q, 'quarter');
  const lastYear = yearEarlierPeriod(q, 'quarter');
  const [cur, p, y] = await Promise.all([
    run(q.from, q.to, ['businessCategory', 'cause', 'businessChannel']),
    run(prev.from, prev.to, []),
    run(lastYear.from, lastYear.to, []),
  ]);
  const total = cur.total.aggregates.received;
  return {
    quarter: q.key,
    orgId: scope.id,
    rows: cur.rows
      .filter((r) => r.aggregates.received > 0)
      .map((r) => ({
        businessCategory: r.key.businessCategory as string,
        cause: r.key.cause as string,
        businessChannel: r.key.businessChannel as string,
        count: r.aggregates.received,
      })),
    total,
    qoq: compare(total, p.total.aggregates.received),
    yoy: compare(total, y.total.aggregates.received),
    timeliness: cur.total.metrics.timeliness,
    generatedAt: new Date(now).toISOString(),
  };
}

/** @internal a figure rounded to `digits` decimals, as a number. */
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/**
 * The statistics as CSV (UTF-8 with a byte-order mark so spreadsheet programs read the Chinese
 * labels): one line per B × C × A with codes and zh-CN names, then the total, QoQ, YoY and
 * timeliness lines. Text cells are guarded against formula injection ({@link csvText}); figures are
 * numbers, a negative change included.
 *
 * @example
 * ```ts
 * const csv = regulatorCsv(stats);
 * ```
 */
export function regulatorCsv(s: RegulatorStatistics): string {
  const lines = [
    ['quarter', 'org_id', 'business_category', 'business_category_name', 'cause', 'cause_name', 'business_channel', 'business_channel_name', 'count'],
    ...s.rows.map((r) => [s.quarter, s.orgId, r.businessCategory, labelOf(r.businessCategory), r.cause, labelOf(r.cause), r.businessChannel, labelOf(r.businessChannel), r.count]),
    [s.quarter, s.orgId, 'total', '', '', '', '', '', s.total],
    [s.quarter, s.orgId, 'qoq_percent', '', '', '', '', '', s.qoq.percent === null ? s.qoq.status : round(s.qoq.percent, 2)],
    [s.quarter, s.orgId, 'yoy_percent', '', '', '', '', '', s.yoy.percent === null ? s.yoy.status : round(s.yoy.percent, 2)],
    [s.quarter, s.orgId, 'timeliness', '', '', '', '', '', s.timeliness === null ? null : round(s.timeliness, 4)],
  ];
  return csvText(lines);
}
