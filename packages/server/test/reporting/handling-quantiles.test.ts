/** The handling-time lists of the pre-aggregates parsed and their nearest-rank quantiles selected, against a plain sort. */
import { quantileRank } from '@complaintkit/core/domain';
import { describe, expect, it } from 'vitest';
import { decodeHandling, encodeHandling, handlingQuantiles, parseHandling } from '../../src/store/reports/handling-quantiles.js';
import { prng } from './random-history.js';

describe('handling-time quantiles from the pre-aggregates', () => {
  it('parses comma-separated lists, integers and others, skipping empty lists', () => {
    expect([...parseHandling(['5,3', '', '9', '1.5,-2,86400000000'])]).toEqual([5, 3, 9, 1.5, -2, 86_400_000_000]);
  });

  it('reads binary lists back to the same times, concatenated, negative and beyond 32 bits included', () => {
    const a = [0, 5, 1_138_342_252, 86_400_000_000, -2, 2 ** 53 - 1];
    const b = [4_294_967_296, 4_294_967_295];
    const joined = Buffer.concat([encodeHandling(a), encodeHandling([]), encodeHandling(b)]);
    expect([...decodeHandling([joined])]).toEqual([...a, ...b]);
    expect([...decodeHandling([encodeHandling(a), encodeHandling(b)])]).toEqual([...a, ...b]);
    // What SQLite's unhex(printf('%016x', ms)) writes for 1,138,342,252 ms.
    expect(Buffer.from(encodeHandling([1_138_342_252])).toString('hex')).toBe('0000000043d9b96c');
    expect(() => decodeHandling([Uint8Array.of(1, 2, 3)])).toThrow(/not a multiple of 8/);
    expect(() => encodeHandling([1.5])).toThrow(/whole number/);
  });

  it('selects the same p50 and p90 as sorting, with duplicates, sorted and reversed input', () => {
    const r = prng(5);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(r() * 400);
      const spread = round % 3 === 0 ? 5 : 1e9;
      let xs = Array.from({ length: n }, () => Math.floor(r() * spread));
      if (round % 7 === 1) xs = xs.sort((a, b) => a - b);
      if (round % 7 === 2) xs = xs.sort((a, b) => b - a);
      const sorted = [...xs].sort((a, b) => a - b);
      const expected = { p50: sorted[quantileRank(n, 0.5) - 1], p90: sorted[quantileRank(n, 0.9) - 1] };
      expect(handlingQuantiles(Float64Array.from(xs)), JSON.stringify(xs)).toEqual(expected);
    }
    expect(handlingQuantiles(new Float64Array(0))).toEqual({ p50: null, p90: null });
  });
});
