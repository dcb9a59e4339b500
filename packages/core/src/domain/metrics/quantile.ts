/**
 * The nearest-rank quantile: the value at rank ⌈q·n⌉ of the ascending values (p90 of 10 values is
 * the 9th), `null` for none. The service's SQL picks the same rank with integer arithmetic
 * (`(9n + 9) / 10` for p90, `(n + 1) / 2` for p50), so both agree exactly.
 *
 * @example
 * ```ts
 * nearestRank([5, 1, 3, 2, 4], 0.9); // 5
 * nearestRank([5, 1, 3, 2, 4], 0.5); // 3
 * ```
 */
export function nearestRank(values: readonly number[], q: 0.5 | 0.9): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[quantileRank(values.length, q) - 1] as number;
}

/**
 * The 1-based rank of the nearest-rank quantile among `n` values, in integers only.
 *
 * @example
 * ```ts
 * quantileRank(10, 0.9); // 9
 * ```
 */
export const quantileRank = (n: number, q: 0.5 | 0.9): number => (q === 0.9 ? Math.floor((9 * n + 9) / 10) : Math.floor((n + 1) / 2));
