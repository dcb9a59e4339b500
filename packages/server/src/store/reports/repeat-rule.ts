/**
 * One side of the repeat rule in SQL: a complaint's B major class, receipt time and number, as SQL
 * expressions (columns of a table, or bound parameters).
 *
 * @example
 * ```ts
 * const fresh: RepeatSide = { major: '$1::text', at: '$2::bigint', id: '$3::text' };
 * ```
 */
export interface RepeatSide {
  readonly major: string;
  readonly at: string;
  readonly id: string;
}

/** The earlier complaint looked for: a row of `complaint_facts` read as `p`. @example `earlierThan(PRIOR, STORED, windowMs)` */
export const PRIOR: RepeatSide = { major: 'p.business_major', at: 'p.received_at', id: 'p.id' };

/** The row an update of `complaint_facts` is at. @example `hasEarlier(STORED, 'complaint_facts.customer_key', windowMs)` */
export const STORED: RepeatSide = { major: 'complaint_facts.business_major', at: 'complaint_facts.received_at', id: 'complaint_facts.id' };

/**
 * The repeat rule (`docs/domain/metrics.md`, Repeats; core's `markRepeats` and `isEarlier`) as SQL:
 * `p` came before `t` (received before it, or at the same instant with a smaller number) on the same
 * B major class, at most `windowMs` before it. The customer is the caller's condition. The one text
 * of the rule: the refresh of stored flags (`reports/facts-rows.ts`) and a PostgreSQL creation's
 * statement (`store/pg-creation.ts`) are both built from it.
 *
 * @example
 * ```ts
 * earlierThan(PRIOR, STORED, 30 * 86_400_000);
 * ```
 */
export function earlierThan(p: RepeatSide, t: RepeatSide, windowMs: number): string {
  // The window goes into the text (a statement is compiled once per window): a number, never input.
  if (!Number.isFinite(windowMs)) throw new Error(`repeat window must be a finite number of ms, got ${windowMs}`);
  return `${p.major} = ${t.major} and (${p.at} < ${t.at} or (${p.at} = ${t.at} and ${p.id} < ${t.id})) and ${p.at} >= ${t.at} - ${windowMs}`;
}

/**
 * Whether `t` is a repeat by the rows of `complaint_facts`: an earlier complaint (see
 * {@link earlierThan}) of the customer `customerKey` (an SQL expression) is stored.
 *
 * @example
 * ```ts
 * `update complaint_facts set is_repeat = case when ${hasEarlier(STORED, 'complaint_facts.customer_key', ms)} then 1 else 0 end`;
 * ```
 */
export function hasEarlier(t: RepeatSide, customerKey: string, windowMs: number): string {
  return `exists (select 1 from complaint_facts p where p.customer_key = ${customerKey} and ${earlierThan(PRIOR, t, windowMs)})`;
}
