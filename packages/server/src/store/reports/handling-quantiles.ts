import { quantileRank } from '@complaintkit/core/domain';

/**
 * Handling times from the comma-separated text lists the pre-aggregates kept before migration
 * `0020_handling_binary` into one array: integers read digit by digit, anything else by `Number`.
 * What that migration converts; reports read {@link decodeHandling}'s binary lists.
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

/** The bytes of one handling time in a binary list: a big-endian signed 64-bit integer (ms). */
export const HANDLING_BYTES = 8;

/**
 * Handling times (integer ms) as the pre-aggregates store them since migration `0020_handling_binary`:
 * each a big-endian signed 64-bit integer, one after the other, what SQLite's
 * `unhex(printf('%016x', ms))` and PostgreSQL's `int8send(ms)` write, so lists concatenate in SQL
 * (`group_concat(…, '')`, `string_agg(…, ''::bytea)`) and read back without parsing.
 *
 * @example
 * ```ts
 * decodeHandling([encodeHandling([5, 3])]); // Float64Array [5, 3]
 * ```
 */
export function encodeHandling(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * HANDLING_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isSafeInteger(v)) throw new RangeError(`a handling time must be a whole number of ms, not ${v}`);
    const hi = Math.floor(v / 4_294_967_296);
    view.setInt32(i * HANDLING_BYTES, hi);
    view.setUint32(i * HANDLING_BYTES + 4, v - hi * 4_294_967_296);
  }
  return out;
}

/**
 * The handling times of binary lists ({@link encodeHandling}) in one array: a year of a large bank
 * is hundreds of thousands of values, read here at memory speed (the text lists before 0020 were
 * parsed digit by digit, most of a year's report).
 *
 * @example
 * ```ts
 * decodeHandling([Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 5)]); // Float64Array [5]
 * ```
 */
export function decodeHandling(parts: readonly Uint8Array[]): Float64Array {
  let size = 0;
  for (const p of parts) {
    if (p.length % HANDLING_BYTES !== 0) throw new RangeError(`a binary handling list has ${p.length} bytes, not a multiple of ${HANDLING_BYTES}`);
    size += p.length;
  }
  const out = new Float64Array(size / HANDLING_BYTES);
  let k = 0;
  for (const p of parts) {
    const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
    for (let i = 0; i < p.byteLength; i += HANDLING_BYTES) out[k++] = view.getInt32(i) * 4_294_967_296 + view.getUint32(i + 4);
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
    const pivot = x < y ? (y < z ? y : Math.max(x, z)) : x < z ? x : Math.max(y, z);
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
