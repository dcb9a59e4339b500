import * as z from 'zod/mini';
import { ChangeData, MetricIdSchema, ReportFilter } from './reports.js';
import { storedText, Timestamp, text } from './primitives.js';

/** How loud an alert is: info < warn < alert. @example `AlertLevel.parse('warn');` */
export const AlertLevel = z.enum(['info', 'warn', 'alert']);
/** An alert level. @example `const l: AlertLevel = 'alert';` */
export type AlertLevel = z.infer<typeof AlertLevel>;

/**
 * What an early-warning rule watches (docs/domain/metrics.md, Early warning): a metric over a scope and
 * filter, in the current day, week, month or quarter to date, compared as an absolute `value`, as
 * the percentage change against the same days of the previous period (`mom`) or of a year earlier
 * (`yoy`), `above` or `below` a threshold (a percentage for `mom`/`yoy`, the metric's own unit for
 * `value`: a fraction for rates, so 95 % is 0.95). `minimumVolume` is the least number of complaints
 * received in the window (and, for changes, in the base) before the rule may fire, so 1 → 2 is not
 * "+100 %".
 *
 * @example
 * ```ts
 * // "Credit-card complaints in Guangdong up 50 % month on month"
 * const r: AlertRuleInput = { name: '广东信用卡环比', metric: 'volume', filter: { region: '44', businessCategory: ['B0302'] },
 *   window: 'month', comparison: 'mom', direction: 'above', threshold: 50, minimumVolume: 20, level: 'warn' };
 * ```
 */
export const AlertRuleInput = z.object({
  name: text(200),
  metric: MetricIdSchema,
  filter: z._default(ReportFilter, {}),
  window: z._default(z.enum(['day', 'week', 'month', 'quarter']), 'month'),
  comparison: z._default(z.enum(['value', 'mom', 'yoy']), 'value'),
  direction: z.enum(['above', 'below']),
  threshold: z.number(),
  minimumVolume: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  level: z._default(AlertLevel, 'warn'),
  enabled: z._default(z.boolean(), true),
});
/** A rule as sent. @example `const r: AlertRuleInputData = { name: '逾期', metric: 'overdueOpen', direction: 'above', threshold: 5 };` */
export type AlertRuleInputData = z.input<typeof AlertRuleInput>;
/** A rule as parsed. @example `const r: AlertRuleInput = AlertRuleInput.parse(input);` */
export type AlertRuleInput = z.infer<typeof AlertRuleInput>;

/**
 * A stored rule: the input plus its id, owner and organisation (the creator's, the widest scope the
 * rule may watch), and times.
 *
 * @example
 * ```ts
 * const rule: AlertRule = await client.alerts.rules.create(input);
 * ```
 */
export const AlertRule = z.extend(AlertRuleInput, {
  // As stored: a rule named before requests needed visible text still reads.
  name: storedText(200),
  id: z.string(),
  orgId: z.string(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
/** A rule. @example `const r: AlertRule = await client.alerts.rules.get(id);` */
export type AlertRule = z.infer<typeof AlertRule>;

/** The partial body of `PATCH /v1/alert-rules/{id}`. @example `const p: AlertRulePatch = { threshold: 0.9 };` */
export const AlertRulePatch = z.partial(AlertRuleInput);
/** A rule change. @example `await client.alerts.rules.update(id, { enabled: false });` */
export type AlertRulePatch = z.input<typeof AlertRulePatch>;

/**
 * An alert a rule raised: open until acknowledged or resolved, raised once while open (a rule that
 * keeps firing updates the figures of its open alert), resolved by the service when the rule stops
 * firing. `figures` are those of the evaluation that last fired it; `complaints` is the query
 * (`GET /v1/complaints?…`, or the one complaint) of the complaints behind it. A registration the
 * sensitive-case lexicon flags opens an alert too (`ruleId` `sensitive-case:<complaint id>`, with
 * `complaintId` and `flags`).
 *
 * @example
 * ```ts
 * const a: Alert = (await client.alerts.list({ status: ['open'] })).data[0];
 * console.log(a.ruleName, a.figures.value, a.figures.threshold);
 * ```
 */
export const Alert = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  orgId: z.string(),
  level: AlertLevel,
  status: z.enum(['open', 'acknowledged', 'resolved']),
  metric: MetricIdSchema,
  window: z.object({ from: z.string(), to: z.string() }),
  figures: z.object({
    value: z.nullable(z.number()),
    threshold: z.number(),
    comparison: z.enum(['value', 'mom', 'yoy']),
    change: z.nullable(ChangeData),
    volume: z.number(),
  }),
  complaints: z.string(),
  /** A sensitive-case alert's complaint (one alert per flagged registration). */
  complaintId: z.optional(z.string()),
  /** A sensitive-case alert's flag kinds (`lawsuit`, `media`, …), never the complainant's words. */
  flags: z.optional(z.array(z.string())),
  openedAt: Timestamp,
  updatedAt: Timestamp,
  acknowledgedAt: z.nullable(Timestamp),
  acknowledgedBy: z.nullable(z.string()),
  resolvedAt: z.nullable(Timestamp),
});
/** An alert. @example `const a: Alert = await client.alerts.acknowledge(id);` */
export type Alert = z.infer<typeof Alert>;

/**
 * `GET /v1/alerts`: alerts in the caller's subtree, newest first, by status and level.
 *
 * @example
 * ```ts
 * const q: AlertListQueryInput = { status: ['open', 'acknowledged'] };
 * ```
 */
export const AlertListQuery = z.object({
  status: z.optional(z.array(z.enum(['open', 'acknowledged', 'resolved']))),
  level: z.optional(z.array(AlertLevel)),
  ruleId: z.optional(z.string()),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(500)), 100),
});
/** Alert filters as sent. @example `const q: AlertListQueryInput = { status: ['open'] };` */
export type AlertListQueryInput = z.input<typeof AlertListQuery>;

/**
 * The result of `POST /v1/alerts/evaluate`: how many rules ran and the alerts opened, still open, or
 * resolved by this evaluation.
 *
 * @example
 * ```ts
 * const r: AlertEvaluation = await client.alerts.evaluate();
 * r.opened.length;
 * ```
 */
export const AlertEvaluation = z.object({
  rules: z.number(),
  opened: z.array(Alert),
  updated: z.array(Alert),
  resolved: z.array(Alert),
});
/** An evaluation result. @example `const r: AlertEvaluation = await client.alerts.evaluate();` */
export type AlertEvaluation = z.infer<typeof AlertEvaluation>;
