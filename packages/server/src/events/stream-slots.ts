import { HttpProblem } from '../http/problem.js';

/**
 * Counts open event streams per caller and in total, and refuses one more over either cap: `429`
 * for a caller at their cap, `503` when the process is full, both with `Retry-After`.
 *
 * @example
 * ```ts
 * const slots = new StreamSlots(5, 2000);
 * const release = slots.acquire('staff:u-1');
 * release();
 * ```
 */
export class StreamSlots {
  readonly #perCaller = new Map<string, number>();
  #total = 0;

  constructor(
    readonly maxPerCaller: number,
    readonly maxTotal: number,
  ) {}

  /**
   * Takes a slot for `caller`; returns its release function (safe to call twice).
   *
   * @example
   * ```ts
   * const release = slots.acquire(scopeOf(caller));
   * ```
   */
  acquire(caller: string): () => void {
    const mine = this.#perCaller.get(caller) ?? 0;
    if (mine >= this.maxPerCaller) {
      throw new HttpProblem(429, 'rate_limited', `you already have ${mine} event streams open; close one (one stream carries every change you may see)`, { retryAfter: 5 });
    }
    if (this.#total >= this.maxTotal) {
      throw new HttpProblem(503, 'unavailable', 'this server has as many event streams open as it takes; retry later or on another instance', { retryAfter: 10 });
    }
    this.#perCaller.set(caller, mine + 1);
    this.#total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total--;
      const left = (this.#perCaller.get(caller) ?? 1) - 1;
      if (left <= 0) this.#perCaller.delete(caller);
      else this.#perCaller.set(caller, left);
    };
  }

  /**
   * How many streams are open.
   *
   * @example
   * ```ts
   * slots.open; // 0
   * ```
   */
  get open(): number {
    return this.#total;
  }
}
