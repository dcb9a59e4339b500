/**
 * A small seeded pseudo-random number generator for the demo data. The same seed always gives the
 * same sequence on every platform (32-bit integer arithmetic only), so the demo bank is reproducible
 * byte for byte. Never use `Math.random` in the seed code.
 */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): fast, tiny, and good enough for demo data; not
 * for anything secret.
 *
 * @example
 * ```ts
 * const next = mulberry32(42);
 * next(); // 0.6011037519201636, every time
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A 32-bit FNV-1a hash of a string, to derive independent sub-seeds from labels.
 *
 * @example
 * ```ts
 * hashLabel('staff'); // the same number on every run
 * ```
 */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Weighted choices: each value with its (non-negative) weight. @example `const w: Weighted<string> = [['hotline', 45], ['mobile_app', 22]];` */
export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * A seeded random source with the helpers the generator needs.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.int(1, 6);                          // a die roll
 * rng.weighted([['a', 3], ['b', 1]]);     // 'a' three times as often as 'b'
 * const staffRng = rng.fork('staff');     // an independent stream
 * ```
 */
export interface Rng {
  /** The seed this source started from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One value, with probability proportional to its weight. */
  weighted<T>(entries: Weighted<T>): T;
  /** A log-normal draw with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number;
  /** An independent source whose seed derives from this one's seed and the label. */
  fork(label: string): Rng;
}

/**
 * Creates a seeded random source.
 *
 * @example
 * ```ts
 * const a = createRng(7).next();
 * const b = createRng(7).next();
 * a === b; // true
 * ```
 */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    seed: seed >>> 0,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick needs at least one item');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(entries: Weighted<T>): T {
      let total = 0;
      for (const [, w] of entries) total += w;
      if (!(total > 0)) throw new RangeError('weighted needs a positive total weight');
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return (entries[entries.length - 1] as readonly [T, number])[0];
    },
    logNormal(median, sigma) {
      // Box–Muller from two uniform draws; 1 - u keeps the logarithm finite.
      const u = 1 - next();
      const v = next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return median * Math.exp(sigma * z);
    },
    fork: (label) => createRng((hashLabel(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0),
  };
  return rng;
}
