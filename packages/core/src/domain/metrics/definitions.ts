import { DAY } from '../clock/time.js';
import type { Aggregates } from './aggregates.js';

/**
 * What a metric's formula reads besides the group's own aggregates: the total of the report (for
 * shares), the handling-time quantiles, the open overdue count, and the scope's outlet and customer
 * counts (for normalised volumes; `null` when the bank did not supply them).
 *
 * @example
 * ```ts
 * const i: MetricInputs = { aggregates: a, total: a, handlingP50Ms: null, handlingP90Ms: null, overdueOpen: 0, outlets: 120, customers: 4_000_000, months: 1 };
 * ```
 */
export interface MetricInputs {
  readonly aggregates: Aggregates;
  readonly total: Aggregates;
  readonly handlingP50Ms: number | null;
  readonly handlingP90Ms: number | null;
  readonly overdueOpen: number;
  readonly outlets: number | null;
  readonly customers: number | null;
  /** The range's length in months (days / 30.436875). */
  readonly months: number;
}

/**
 * A metric: its unit, its formula in words, the rule it answers to, and the formula as code.
 *
 * @example
 * ```ts
 * METRICS.timeliness.formula; // '|{c ∈ C(P): told by its deadline}| / |C(P)|'
 * ```
 */
export interface MetricDefinition {
  readonly unit: 'count' | 'ratio' | 'days' | 'per_1000_outlets' | 'per_10m_customers' | 'per_outlet_month';
  readonly label: readonly [zh: string, en: string];
  readonly formula: string;
  readonly regulation: string;
  /** Where the metric also exists in memory only (quantiles, overdue), the inputs say so. */
  readonly compute: (i: MetricInputs) => number | null;
}

/** @internal a ratio, `null` when the denominator is 0 (no decisions: no timeliness, not 0 %). */
const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);
/** @internal */
const def = (d: MetricDefinition) => d;

/**
 * Every metric, defined once (docs/domain/metrics.md). Ratios are fractions (0.95, not 95) and `null`
 * when their denominator is empty; days are fractional days.
 *
 * @example
 * ```ts
 * METRICS.repeatRate.compute(inputs); // 0.04
 * ```
 */
export const METRICS = {
  /** Volume, |R(P)|: complaints received in P, merged and declined excluded. CBIRC Order 2020 No. 3 art. 40 (classified statistics). */
  volume: def({
    unit: 'count',
    label: ['投诉量', 'Complaints received'],
    formula: '|R(P)|',
    regulation: 'CBIRC Order 2020 No. 3 (classified records and statistics); since 2022 repeats are merged before counting, so merged complaints are left out',
    compute: (i) => i.aggregates.received,
  }),
  /** Share = the group's |R(P)| / the report's |R(P)|. JR/T 0169-2018 dimensions. */
  share: def({
    unit: 'ratio',
    label: ['占比', 'Share'],
    formula: '|R(P) ∩ group| / |R(P)|',
    regulation: 'JR/T 0169-2018 (classification along channel A, business B, cause C)',
    compute: (i) => ratio(i.aggregates.received, i.total.received),
  }),
  /** Timeliness (按时办结率) = decisions told by their deadline (extensions approved and holds included) / |C(P)|. */
  timeliness: def({
    unit: 'ratio',
    label: ['按时办结率', 'Decided on time'],
    formula: '|{c ∈ C(P): told by its deadline}| / |C(P)|',
    regulation: 'CBIRC Order 2020 No. 3: decide and tell within 15 days, extendable to 30 and by a further 30',
    compute: (i) => ratio(i.aggregates.met, i.aggregates.decided),
  }),
  /** Strict timeliness = decisions told within 15 days of receipt (or of new facts) / |C(P)|, ignoring extensions. */
  timelinessStrict: def({
    unit: 'ratio',
    label: ['15日内办结率', 'Decided within 15 days'],
    formula: '|{c ∈ C(P): told within 15 days}| / |C(P)|',
    regulation: 'CBIRC Order 2020 No. 3: the 15-day base period',
    compute: (i) => ratio(i.aggregates.metStrict, i.aggregates.decided),
  }),
  /** Open overdue complaints at the end of P: received by then, not decided, withdrawn, declined or merged by then, running deadline passed. */
  overdueOpen: def({
    unit: 'count',
    label: ['逾期未办结', 'Open and overdue'],
    formula: '|{c: received ≤ end(P), open at end(P), deadline < end(P)}|',
    regulation: 'CBIRC Order 2020 No. 3 time limits',
    compute: (i) => i.overdueOpen,
  }),
  /** Mean handling time = Σ(decided − received − on hold) / |C(P)|, in days. */
  handlingDaysMean: def({
    unit: 'days',
    label: ['平均办理时长', 'Mean handling time'],
    formula: 'Σ_{c ∈ C(P)} (told − received − on hold) / |C(P)|',
    regulation: 'CBIRC Order 2020 No. 3 time limits (time on external appraisal is not counted)',
    compute: (i) => (i.aggregates.decided === 0 ? null : i.aggregates.handlingMs / i.aggregates.decided / DAY),
  }),
  /** Median handling time over C(P), nearest rank, in days. */
  handlingDaysP50: def({
    unit: 'days',
    label: ['办理时长中位数', 'Median handling time'],
    formula: 'nearest-rank p50 of (told − received − on hold) over C(P)',
    regulation: 'CBIRC Order 2020 No. 3 time limits',
    compute: (i) => (i.handlingP50Ms === null ? null : i.handlingP50Ms / DAY),
  }),
  /** 90th percentile handling time over C(P), nearest rank, in days. */
  handlingDaysP90: def({
    unit: 'days',
    label: ['办理时长P90', 'Handling time p90'],
    formula: 'nearest-rank p90 of (told − received − on hold) over C(P)',
    regulation: 'CBIRC Order 2020 No. 3 time limits',
    compute: (i) => (i.handlingP90Ms === null ? null : i.handlingP90Ms / DAY),
  }),
  /** Repeat rate = repeats in R(P) / |R(P)|. */
  repeatRate: def({
    unit: 'ratio',
    label: ['重复投诉率', 'Repeat rate'],
    formula: '|{c ∈ R(P): repeat}| / |R(P)|',
    regulation: 'NFRA practice since 2022: repeats are merged before counting; repeat = same customer, same B major class, within 30 days',
    compute: (i) => ratio(i.aggregates.repeats, i.aggregates.received),
  }),
  /** Follow-up completion = decisions in C(P) whose complainant was reached on a follow-up / |C(P)|. */
  followUpCompletion: def({
    unit: 'ratio',
    label: ['回访完成率', 'Follow-ups completed'],
    formula: '|{c ∈ C(P): follow-up reached the complainant}| / |C(P)|',
    regulation: 'CBIRC Order 2020 No. 3 (root-cause rectification and evaluation of handling)',
    compute: (i) => ratio(i.aggregates.reached, i.aggregates.decided),
  }),
  /** Satisfaction (回访满意度) = rated follow-ups in P scoring 4–5 / rated follow-ups in P. */
  satisfactionRate: def({
    unit: 'ratio',
    label: ['回访满意度', 'Satisfied'],
    formula: '|{rated follow-ups in P with score ≥ 4}| / |{rated follow-ups in P}|',
    regulation: 'CBIRC Order 2020 No. 3 (handling counts in every level’s performance evaluation)',
    compute: (i) => ratio(i.aggregates.satisfied, i.aggregates.rated),
  }),
  /** Acceptance = decisions the complainant accepted / |C(P)|. */
  acceptanceRate: def({
    unit: 'ratio',
    label: ['处理意见接受率', 'Decisions accepted'],
    formula: '|{c ∈ C(P): decision accepted}| / |C(P)|',
    regulation: 'CBIRC Order 2020 No. 3 (decision, review and other remedies)',
    compute: (i) => ratio(i.aggregates.accepted, i.aggregates.decided),
  }),
  /** Review rate = decisions in C(P) the complainant asked to have reviewed (核查) / |C(P)|. */
  reviewRate: def({
    unit: 'ratio',
    label: ['核查申请率', 'Reviews requested'],
    formula: '|{c ∈ C(P): review requested}| / |C(P)|',
    regulation: 'CBIRC Order 2020 No. 3: review (核查) by the higher-level organisation',
    compute: (i) => ratio(i.aggregates.reviews, i.aggregates.decided),
  }),
  /** Regulator-transfer share = received by regulator transfer / |R(P)|. */
  regulatorTransferShare: def({
    unit: 'ratio',
    label: ['监管转办占比', 'Regulator transfers'],
    formula: '|{c ∈ R(P): intake = regulator transfer}| / |R(P)|',
    regulation: 'NFRA 12378 / PBOC 12363 transfers',
    compute: (i) => ratio(i.aggregates.regulatorTransfers, i.aggregates.received),
  }),
  /** |R(P)| per 1,000 outlets of the scope (the regulator's ranking). */
  per1000Outlets: def({
    unit: 'per_1000_outlets',
    label: ['每千营业网点投诉量', 'Per 1,000 outlets'],
    formula: '|R(P)| / outlets × 1,000',
    regulation: 'NFRA quarterly bulletin ranking',
    compute: (i) => (i.outlets ? (i.aggregates.received / i.outlets) * 1000 : null),
  }),
  /** |R(P)| per 10 million personal customers of the scope (the regulator's ranking). */
  per10MCustomers: def({
    unit: 'per_10m_customers',
    label: ['每千万客户投诉量', 'Per 10 million customers'],
    formula: '|R(P)| / customers × 10,000,000',
    regulation: 'NFRA quarterly bulletin ranking',
    compute: (i) => (i.customers ? (i.aggregates.received / i.customers) * 10_000_000 : null),
  }),
  /** |R(P)| per outlet per month (a KPI banks publish). */
  perOutletPerMonth: def({
    unit: 'per_outlet_month',
    label: ['网点月均投诉量', 'Per outlet per month'],
    formula: '|R(P)| / outlets / months(P)',
    regulation: 'bank disclosure (consumer-protection report)',
    compute: (i) => (i.outlets && i.months > 0 ? i.aggregates.received / i.outlets / i.months : null),
  }),
} as const;
/** One of {@link METRICS}. @example `const m: MetricId = 'timeliness';` */
export type MetricId = keyof typeof METRICS;
/** Every metric id, in a stable order. @example `METRIC_IDS.includes('repeatRate');` */
export const METRIC_IDS = Object.keys(METRICS) as [MetricId, ...MetricId[]];

/**
 * Every metric's value from its inputs.
 *
 * @example
 * ```ts
 * const values = metricValues(inputs); // { volume: 12, share: 0.4, timeliness: 0.95, … }
 * ```
 */
export const metricValues = (i: MetricInputs): Record<MetricId, number | null> =>
  Object.fromEntries(METRIC_IDS.map((id) => [id, METRICS[id].compute(i)])) as Record<MetricId, number | null>;
