import { quantileRank } from '@complaintkit/core/domain';

/**
 * Handling times from the pre-aggregates' comma-separated lists (`report_cells.handling`,
 * `report_months.handling`) into one array: integers read digit by digit (a year of a large bank is
 * hundreds of thousands of values; `split` and `Number` cost several times more), anything else by
 * `Number`.
 *
 * @example
 * ```ts
 * parseHandling(['5,3', '9']); // Float64Array [5, 3, 9]
 * ```
 */
export function parseHandling(parts: readonly string[]): Float64Array {
  let size = 0;
  for (const p of parts) {
    if (p.length === 0) continue;
    size++;
    for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 44) size++;
  }
  const out = new Float64Array(size);
  let k = 0;
  for (const p of parts) {
    if (p.length === 0) continue;
    let start = 0;
    let v = 0;
    let plain = true;
    for (let i = 0; i <= p.length; i++) {
      const ch = i === p.length ? 44 : p.charCodeAt(i);
      if (ch === 44) {
        out[k++] = plain && i > start ? v : Number(p.slice(start, i));
        start = i + 1;
        v = 0;
        plain = true;
      } else if (ch >= 48 && ch <= 57) v = v * 10 + (ch - 48);
      else plain = false;
    }
  }
  return out;
}

/** @internal moves the k-th smallest of `a[lo..hi]` to `a[k]` (smaller before it, larger after): Hoare's selection. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // Median of three as the pivot: sorted or reversed input stays linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The nearest-rank p50 and p90 (core's `quantileRank`) of the values, found by selection in linear
 * time rather than by sorting; reorders `values`. `null` for none.
 *
 * @example
 * ```ts
 * handlingQuantiles(Float64Array.of(5, 1, 3)); // { p50: 3, p90: 5 }
 * ```
 */
export function handlingQuantiles(values: Float64Array): { p50: number | null; p90: number | null } {
  const n = values.length;
  if (n === 0) return { p50: null, p90: null };
  const k50 = quantileRank(n, 0.5) - 1;
  const k90 = quantileRank(n, 0.9) - 1;
  select(values, k50, 0, n - 1);
  const p50 = values[k50] as number;
  if (k90 > k50) select(values, k90, k50 + 1, n - 1);
  return { p50, p90: values[k90] as number };
}
