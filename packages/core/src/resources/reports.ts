import type { RequestOptions } from '../core/options.js';
import type { ImportRequestInput, ImportSummary } from '../domain/schemas/history-import.js';
import type {
  HeatMap,
  HeatMapQueryInput,
  RegulatorQueryInput,
  RegulatorStatistics,
  Report,
  ReportQueryInput,
  Trend,
  TrendQueryInput,
} from '../domain/schemas/reports.js';
import type { ClientContext } from '../internal/context.js';
import { lazyReporting } from '../internal/lazy-reporting.js';

/**
 * Reports for managers, leadership and auditors over their subtree (docs/domain/metrics.md): every
 * metric for a range of bank days (Asia/Shanghai), trends with MoM and YoY, the heat map and the
 * quarterly regulator statistics. Other callers get a `ForbiddenError`.
 *
 * @example
 * ```ts
 * const r = await client.reports.get({ from: '2026-03-01', to: '2026-03-31', groupBy: ['businessCategory'] });
 * for (const row of r.rows) console.log(row.key.businessCategory, row.metrics.volume, row.metrics.timeliness);
 * ```
 */
export interface ReportsResource {
  /**
   * `GET /v1/reports`: every metric (volume, share, timeliness, handling time, repeat rate, …) for
   * the range, filtered, grouped by up to two dimensions (a cross-tab with two).
   *
   * @example
   * ```ts
   * const { total } = await client.reports.get({ from: '2026-01-01', to: '2026-03-31', orgId: 'BR-44', businessCategory: ['B03'] });
   * total.metrics.repeatRate; // 0.07, or null with no complaints
   * ```
   */
  get(query: ReportQueryInput, options?: RequestOptions): Promise<Report>;
  /**
   * `GET /v1/reports/trend`: one metric per day, week, month or quarter, each with its change month
   * on month (`mom`) and year on year (`yoy`): `status` says `new` when the base was 0 and `missing`
   * when there is no value to compare.
   *
   * @example
   * ```ts
   * const t = await client.reports.trend({ from: '2025-04-01', to: '2026-03-31', interval: 'month', metric: 'volume' });
   * t.periods.map((p) => [p.key, p.value, p.yoy.percent]);
   * ```
   */
  trend(query: TrendQueryInput, options?: RequestOptions): Promise<Trend>;
  /**
   * `GET /v1/reports/heat-map`: counts and rates per province or prefecture, with `not_regional`.
   *
   * @example
   * ```ts
   * const h = await client.reports.heatMap({ from: '2026-01-01', to: '2026-03-31', level: 'province' });
   * h.cells.map((c) => [c.region, c.volume, c.per10kCustomers]);
   * ```
   */
  heatMap(query: HeatMapQueryInput, options?: RequestOptions): Promise<HeatMap>;
  /**
   * `GET /v1/reports/regulator`: a quarter's regulator statistics as JSON (for CSV, call the URL with
   * `format=csv`).
   *
   * @example
   * ```ts
   * const s = await client.reports.regulator({ quarter: '2026Q1' });
   * console.log(s.total, s.yoy.percent, s.timeliness);
   * ```
   */
  regulator(query: Omit<RegulatorQueryInput, 'format'>, options?: RequestOptions): Promise<RegulatorStatistics>;
}

/** @internal */
export function reportsResource(ctx: ClientContext): ReportsResource {
  const call = lazyReporting(ctx);
  return {
    get: (query, options) => call('report', { query }, options),
    trend: (query, options) => call('trend', { query }, options),
    heatMap: (query, options) => call('heatMap', { query }, options),
    regulator: (query, options) => call('regulator', { query: { ...query, format: 'json' } }, options),
  };
}

/**
 * History import (managers and leadership): historical complaints from an old system, CSV or NDJSON
 * in the documented columns (`HISTORY_COLUMNS`).
 *
 * @example
 * ```ts
 * try {
 *   const s = await client.history.import({ format: 'csv', data: csvText });
 * } catch (e) {
 *   if (e instanceof ValidationError) console.table(e.fields); // 'line 7: receivedAt', …; nothing was imported
 * }
 * ```
 */
export interface HistoryResource {
  /**
   * `POST /v1/history/import`: validates every row, then imports in batches; rows already imported
   * (same `sourceId`) are skipped, so a repeat resumes. A file with any bad row writes nothing and
   * throws a `ValidationError` (HTTP 422 `invalid_rows`) whose fields are `line 7: receivedAt`.
   *
   * @example
   * ```ts
   * const { imported, skipped } = await client.history.import({ format: 'ndjson', data: lines.join('\n') });
   * ```
   */
  import(body: ImportRequestInput, options?: RequestOptions): Promise<ImportSummary>;
}

/** @internal */
export function historyResource(ctx: ClientContext): HistoryResource {
  const call = lazyReporting(ctx);
  return { import: (body, options) => call('importHistory', { body }, options) };
}
