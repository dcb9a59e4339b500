import type { ComplaintFacts } from './facts.js';

/**
 * The three sets of complaints a period's metrics are counted over (docs/domain/metrics.md), each
 * dated by its own bank day:
 * - `received`, R(P): complaints received in P, merged and declined ones excluded;
 * - `decided`, C(P): complaints whose final decision (not a review's) reached the complainant in P;
 * - `rated`: complaints whose latest rated follow-up (回访) fell in P.
 *
 * `sql` is the membership condition over the service's `complaint_facts` table and `dayColumn` the
 * column holding the population's bank day; `day` is the same rule in memory.
 *
 * @example
 * ```ts
 * POPULATIONS.decided.day(facts); // '2026-03-12' or null
 * ```
 */
export const POPULATIONS = {
  received: { dayColumn: 'received_day', sql: 'counted = 1', day: (f: ComplaintFacts) => (f.counted ? f.receivedDay : null) },
  decided: { dayColumn: 'decided_day', sql: 'decided_day is not null', day: (f: ComplaintFacts) => f.decidedDay },
  rated: { dayColumn: 'rated_day', sql: 'rated_day is not null', day: (f: ComplaintFacts) => f.ratedDay },
} as const;
/** One of {@link POPULATIONS}. @example `const p: Population = 'received';` */
export type Population = keyof typeof POPULATIONS;
