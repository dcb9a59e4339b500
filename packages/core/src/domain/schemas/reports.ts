import * as z from 'zod/mini';
import { METRIC_IDS } from '../metrics/definitions.js';
import { DIMENSIONS } from '../metrics/dimensions.js';
import { IntakeChannel, Severity } from './codes.js';
import { Timestamp } from './primitives.js';

/** @internal a query-string value that is one item or several. */
const many = <T extends z.core.SomeType>(item: T) => z.optional(z.array(item));

/**
 * A bank day in Asia/Shanghai, `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * BankDay.parse('2026-03-01');
 * ```
 */
export const BankDay = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a bank day, YYYY-MM-DD'));

/** A metric id on the wire. @example `MetricIdSchema.parse('timeliness');` */
export const MetricIdSchema = z.enum(METRIC_IDS);
/** A report dimension on the wire. @example `DimensionSchema.parse('province');` */
export const DimensionSchema = z.enum(DIMENSIONS);
/** A trend interval on the wire. @example `IntervalSchema.parse('month');` */
export const IntervalSchema = z.enum(['day', 'week', 'month', 'quarter']);

/**
 * The filters every report, trend, heat map and alert rule takes: an organisation subtree (the
 * caller's own when omitted, and never wider) and values per dimension. A, B and C codes match their
 * descendants (`B03` keeps `B0301` and `B0302`); `region` is a GB/T 2260 prefix or `not_regional`.
 *
 * @example
 * ```ts
 * const f: ReportFilterInput = { orgId: 'BR-44', businessCategory: ['B03'], region: '4403' };
 * ```
 */
export const ReportFilter = z.object({
  orgId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  intakeChannel: many(IntakeChannel),
  businessChannel: many(z.string().check(z.regex(/^A\d{2}(\d{2}){0,2}$/))),
  businessCategory: many(z.string().check(z.regex(/^B\d{2}(\d{2})?$/))),
  cause: many(z.string().check(z.regex(/^C\d{2}$/))),
  severity: many(Severity),
  region: z.optional(z.string().check(z.regex(/^(\d{2}|\d{4}|\d{6}|not_regional)$/))),
});
/** Report filters as sent. @example `const f: ReportFilterInput = { region: '44' };` */
export type ReportFilterInput = z.input<typeof ReportFilter>;
/** Report filters as parsed. @example `const f: ReportFilter = ReportFilter.parse({});` */
export type ReportFilter = z.infer<typeof ReportFilter>;

/** @internal the range fields. */
const range = { from: BankDay, to: BankDay };

/**
 * `GET /v1/reports`: a range of bank days (both ends included, at most 3 years), the filters, and up
 * to two dimensions to group by (two give a cross-tab such as B × C).
 *
 * @example
 * ```ts
 * const q: ReportQueryInput = { from: '2026-01-01', to: '2026-03-31', groupBy: ['businessCategory', 'cause'] };
 * ```
 */
export const ReportQuery = z.extend(ReportFilter, { ...range, groupBy: z.optional(z.array(DimensionSchema).check(z.maxLength(2))) });
/** A report query as sent. @example `const q: ReportQueryInput = { from: '2026-03-01', to: '2026-03-31' };` */
export type ReportQueryInput = z.input<typeof ReportQuery>;
/** A report query as parsed. @example `const q: ReportQuery = ReportQuery.parse(input);` */
export type ReportQuery = z.infer<typeof ReportQuery>;

/** @internal every metric's value, `null` when it has no base (an object with one property per metric, so the OpenAPI document names each). */
const MetricValues = z.object(
  Object.fromEntries(METRIC_IDS.map((id) => [id, z.nullable(z.number())])) as { [K in (typeof METRIC_IDS)[number]]: z.ZodMiniNullable<z.ZodMiniNumber> },
);

/**
 * One row of a report: the group's key per dimension, the counts it is built from, and every metric
 * (`null` where the metric has no base, such as timeliness with no decisions).
 *
 * @example
 * ```ts
 * const row: ReportRowData = report.rows[0];
 * row.metrics.timeliness; // 0.97
 * ```
 */
export const ReportRowData = z.object({
  key: z.record(z.string(), z.string()),
  aggregates: z.record(z.string(), z.number()),
  metrics: MetricValues,
});
/** A report row. @example `report.rows.map((r: ReportRowData) => r.metrics.volume);` */
export type ReportRowData = z.infer<typeof ReportRowData>;

/**
 * A report: what was asked (with the organisation it covers) and its rows and total.
 *
 * @example
 * ```ts
 * const r: Report = await client.reports.get({ from: '2026-03-01', to: '2026-03-31', groupBy: ['intakeChannel'] });
 * ```
 */
export const Report = z.object({
  from: BankDay,
  to: BankDay,
  orgId: z.string(),
  groupBy: z.array(DimensionSchema),
  rows: z.array(ReportRowData),
  total: ReportRowData,
});
/** A report. @example `const r: Report = await client.reports.get(q);` */
export type Report = z.infer<typeof Report>;

/**
 * A figure against its base; the same cases as core's `compare` (`ok`, `new`, `zero`, `missing`,
 * `below_minimum`).
 *
 * @example
 * ```ts
 * const c: ChangeData = { current: 150, base: 100, absolute: 50, percent: 50, status: 'ok' };
 * ```
 */
export const ChangeData = z.object({
  current: z.nullable(z.number()),
  base: z.nullable(z.number()),
  absolute: z.nullable(z.number()),
  percent: z.nullable(z.number()),
  status: z.enum(['ok', 'new', 'zero', 'missing', 'below_minimum']),
});
/** A change. @example `if (c.status === 'new') label = '新增';` */
export type ChangeData = z.infer<typeof ChangeData>;

/**
 * `GET /v1/reports/trend`: one metric per day, ISO week, month or quarter over the whole periods that
 * cover the range (at most 400), with the filters.
 *
 * @example
 * ```ts
 * const q: TrendQueryInput = { from: '2025-04-01', to: '2026-03-31', interval: 'month', metric: 'volume', businessCategory: ['B0302'] };
 * ```
 */
export const TrendQuery = z.extend(ReportFilter, { ...range, interval: IntervalSchema, metric: MetricIdSchema });
/** A trend query as sent. @example `const q: TrendQueryInput = { from: '2026-01-01', to: '2026-03-31', interval: 'week', metric: 'timeliness' };` */
export type TrendQueryInput = z.input<typeof TrendQuery>;
/** A trend query as parsed. @example `const q: TrendQuery = TrendQuery.parse(input);` */
export type TrendQuery = z.infer<typeof TrendQuery>;

/**
 * A trend: per period, the metric, its change against the previous period (MoM 环比) and against the
 * same period a year earlier (YoY 同比).
 *
 * @example
 * ```ts
 * const t: Trend = await client.reports.trend(q);
 * t.periods.at(-1)?.mom.percent; // 12.5
 * ```
 */
export const Trend = z.object({
  metric: MetricIdSchema,
  interval: IntervalSchema,
  orgId: z.string(),
  periods: z.array(
    z.object({
      key: z.string(),
      from: BankDay,
      to: BankDay,
      value: z.nullable(z.number()),
      mom: ChangeData,
      yoy: ChangeData,
    }),
  ),
});
/** A trend. @example `const t: Trend = await client.reports.trend(q);` */
export type Trend = z.infer<typeof Trend>;

/**
 * `GET /v1/reports/heat-map`: counts and rates by province or prefecture (GB/T 2260).
 *
 * @example
 * ```ts
 * const q: HeatMapQueryInput = { from: '2026-01-01', to: '2026-03-31', level: 'prefecture', region: '44' };
 * ```
 */
export const HeatMapQuery = z.extend(ReportFilter, { ...range, level: z._default(z.enum(['province', 'prefecture']), 'province') });
/** A heat-map query as sent. @example `const q: HeatMapQueryInput = { from: '2026-01-01', to: '2026-03-31' };` */
export type HeatMapQueryInput = z.input<typeof HeatMapQuery>;
/** A heat-map query as parsed. @example `const q: HeatMapQuery = HeatMapQuery.parse(input);` */
export type HeatMapQuery = z.infer<typeof HeatMapQuery>;

/**
 * A heat map: one cell per region with complaints, plus the `not_regional` cell (functional centres)
 * whenever it has any, never dropped. `per10kCustomers` needs the bank's customer counts per
 * organisation (`null` otherwise).
 *
 * @example
 * ```ts
 * const h: HeatMap = await client.reports.heatMap({ from: '2026-01-01', to: '2026-03-31' });
 * h.cells.find((c) => c.region === 'not_regional')?.volume;
 * ```
 */
export const HeatMap = z.object({
  level: z.enum(['province', 'prefecture']),
  orgId: z.string(),
  cells: z.array(
    z.object({
      region: z.string(),
      volume: z.number(),
      customers: z.nullable(z.number()),
      per10kCustomers: z.nullable(z.number()),
      metrics: MetricValues,
    }),
  ),
});
/** A heat map. @example `const h: HeatMap = await client.reports.heatMap(q);` */
export type HeatMap = z.infer<typeof HeatMap>;

/**
 * `GET /v1/reports/regulator`: the quarterly statistics in the regulator's classification for one
 * quarter (`2026Q1`); `format=csv` answers `text/csv` instead of JSON.
 *
 * @example
 * ```ts
 * const q: RegulatorQueryInput = { quarter: '2026Q1' };
 * ```
 */
export const RegulatorQuery = z.object({
  quarter: z.string().check(z.regex(/^\d{4}Q[1-4]$/)),
  orgId: z.optional(z.string()),
  format: z._default(z.enum(['json', 'csv']), 'json'),
});
/** A regulator-statistics query as sent. @example `const q: RegulatorQueryInput = { quarter: '2026Q1' };` */
export type RegulatorQueryInput = z.input<typeof RegulatorQuery>;

/**
 * The quarterly regulator table: counts by business category × cause × business channel (JR/T
 * 0169-2018 codes, the official code column ready for mapping), with the quarter's total, its QoQ
 * and YoY changes and the timeliness rate.
 *
 * @example
 * ```ts
 * const s: RegulatorStatistics = await client.reports.regulator({ quarter: '2026Q1' });
 * ```
 */
export const RegulatorStatistics = z.object({
  quarter: z.string(),
  orgId: z.string(),
  rows: z.array(
    z.object({ businessCategory: z.string(), cause: z.string(), businessChannel: z.string(), count: z.number() }),
  ),
  total: z.number(),
  qoq: ChangeData,
  yoy: ChangeData,
  timeliness: z.nullable(z.number()),
  generatedAt: Timestamp,
});
/** The regulator table. @example `const s: RegulatorStatistics = await client.reports.regulator({ quarter: '2026Q1' });` */
export type RegulatorStatistics = z.infer<typeof RegulatorStatistics>;
