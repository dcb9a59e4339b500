/**
 * A figure against its base (the previous period for MoM 环比, the same period a year earlier for YoY
 * 同比), with every edge case named instead of an `Infinity` or `NaN`:
 * - `ok`: both known, base ≠ 0: `absolute = current − base`, `percent = (current − base) / base × 100`;
 * - `new`: base 0, current > 0: `absolute` set, `percent` null (docs/domain/metrics.md: null with a "new" flag);
 * - `zero`: both 0: `absolute` 0, `percent` null;
 * - `missing`: either side has no value (a rate with no denominator, or no data before the history starts): both null;
 * - `below_minimum`: the base is under the minimum volume a rule asks for, so 1 → 2 is not "+100 %": `percent` null.
 *
 * @example
 * ```ts
 * const c: Change = compare(150, 100); // { current: 150, base: 100, absolute: 50, percent: 50, status: 'ok' }
 * ```
 */
export interface Change {
  readonly current: number | null;
  readonly base: number | null;
  readonly absolute: number | null;
  readonly percent: number | null;
  readonly status: 'ok' | 'new' | 'zero' | 'missing' | 'below_minimum';
}

/**
 * Compares a figure with its base; see {@link Change} for the cases. `minimumBase` (default 0) is
 * the smallest base a percentage is given for.
 *
 * @example
 * ```ts
 * compare(2, 1, 10).status; // 'below_minimum'
 * compare(3, 0).status;     // 'new'
 * ```
 */
export function compare(current: number | null, base: number | null, minimumBase = 0): Change {
  if (current === null || base === null) return { current, base, absolute: null, percent: null, status: 'missing' };
  const absolute = current - base;
  if (base === 0) return { current, base, absolute, percent: null, status: current === 0 ? 'zero' : 'new' };
  if (Math.abs(base) < minimumBase) return { current, base, absolute, percent: null, status: 'below_minimum' };
  return { current, base, absolute, percent: (absolute / base) * 100, status: 'ok' };
}
