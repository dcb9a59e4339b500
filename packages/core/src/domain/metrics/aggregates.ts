import type { ComplaintFacts } from './facts.js';
import type { Population } from './populations.js';

/**
 * One count (or sum) over a population: the building block every metric is a formula of. The service
 * computes each as `sum(case when <sql> then <value> else 0 end)` over `complaint_facts`; the
 * in-memory reference adds `value(f)` for every `f` of the population where `test(f)` holds.
 *
 * @example
 * ```ts
 * const a: AggregateDefinition = AGGREGATES.met;
 * ```
 */
export interface AggregateDefinition {
  readonly population: Population;
  readonly description: string;
  /** Condition over `complaint_facts` columns. */
  readonly sql: string;
  /** The summed column, when not a count. */
  readonly sumColumn?: string;
  readonly test: (f: ComplaintFacts) => boolean;
  readonly value?: (f: ComplaintFacts) => number;
}

/** @internal */
const agg = <const A extends AggregateDefinition>(a: A) => a;

/**
 * Every count and sum the metrics are built from.
 *
 * @example
 * ```ts
 * for (const [id, a] of Object.entries(AGGREGATES)) console.log(id, a.population, a.sql);
 * ```
 */
export const AGGREGATES = {
  received: agg({ population: 'received', description: '|R(P)|: complaints received', sql: '1 = 1', test: () => true }),
  regulatorTransfers: agg({
    population: 'received',
    description: 'received by regulator transfer (12378 / 12363)',
    sql: "intake_channel = 'regulator_transfer'",
    test: (f) => f.intakeChannel === 'regulator_transfer',
  }),
  repeats: agg({ population: 'received', description: 'received that repeat an earlier complaint', sql: 'is_repeat = 1', test: (f) => f.isRepeat }),
  decided: agg({ population: 'decided', description: '|C(P)|: final decisions told', sql: '1 = 1', test: () => true }),
  met: agg({ population: 'decided', description: 'decisions told by the deadline', sql: 'met = 1', test: (f) => f.met === true }),
  metStrict: agg({ population: 'decided', description: 'decisions told within 15 days', sql: 'met_strict = 1', test: (f) => f.metStrict === true }),
  accepted: agg({ population: 'decided', description: 'decisions the complainant accepted', sql: 'accepted = 1', test: (f) => f.accepted === true }),
  reached: agg({ population: 'decided', description: 'decisions followed up with the complainant reached', sql: 'reached = 1', test: (f) => f.reached === true }),
  reviews: agg({ population: 'decided', description: 'decisions the complainant asked to have reviewed (核查)', sql: 'review_requested = 1', test: (f) => f.reviewRequested }),
  handlingMs: agg({
    population: 'decided',
    description: 'sum of handling times (decided − received − on hold), ms',
    sql: '1 = 1',
    sumColumn: 'handling_ms',
    test: () => true,
    value: (f) => f.handlingMs ?? 0,
  }),
  rated: agg({ population: 'rated', description: 'rated follow-ups', sql: '1 = 1', test: () => true }),
  satisfied: agg({ population: 'rated', description: 'rated follow-ups scoring 4 or 5', sql: 'score >= 4', test: (f) => (f.score ?? 0) >= 4 }),
} as const;
/** One of {@link AGGREGATES}. @example `const a: AggregateId = 'met';` */
export type AggregateId = keyof typeof AGGREGATES;
/** The list of aggregate ids, in a stable order. @example `AGGREGATE_IDS.length;` */
export const AGGREGATE_IDS = Object.keys(AGGREGATES) as AggregateId[];
/** Values of every aggregate for one group. @example `const a: Aggregates = emptyAggregates(); a.received;` */
export type Aggregates = Record<AggregateId, number>;

/**
 * Every aggregate at zero.
 *
 * @example
 * ```ts
 * const a = emptyAggregates(); // { received: 0, … }
 * ```
 */
export const emptyAggregates = (): Aggregates => Object.fromEntries(AGGREGATE_IDS.map((id) => [id, 0])) as Aggregates;
