import { describe, expect, it } from 'vitest';
import { byKey } from '../src/engine/engine.js';

describe('customers in key order', () => {
  it('sorts ids as their keys `<id>|<code>` sort, ids that begin others included', () => {
    let seed = 7;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    // Short ids over characters on both sides of "|" (0x7C), so many begin one another.
    const chars = ['1', 'A', '-', 'a', '~', '}', ' '];
    const ids = new Set<string>(['C1', 'C1-A', 'C10', 'C1A', 'C1~', 'C1}']);
    while (ids.size < 1500) {
      let id = 'C';
      const n = 1 + Math.floor(rnd() * 4);
      for (let i = 0; i < n; i++) id += chars[Math.floor(rnd() * chars.length)];
      ids.add(id);
    }
    const bars = [...ids].map((id) => `${id}|`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((bar) => bar.slice(0, -1));
    expect([...ids].sort(byKey)).toEqual(bars);
    expect(['C1', 'C10', 'C1-A', 'C1~'].sort(byKey)).toEqual(['C1-A', 'C10', 'C1', 'C1~']);
  });
});
