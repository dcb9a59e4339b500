/**
 * At most `size` holders at a time, the others wait in line (first come, first served). Replays take
 * a turn per page, so twenty clients replaying history share a bounded slice of the process and a
 * health check or a registration still gets its turn between pages.
 *
 * @example
 * ```ts
 * const turns = new Turns(2);
 * const page = await turns.run(() => store.eventsAfter(cursor, v, { limit: 100 }));
 * ```
 */
export class Turns {
  #busy = 0;
  readonly #line: (() => void)[] = [];

  constructor(readonly size: number) {}

  /**
   * Runs `fn` once a turn is free, and frees it after.
   *
   * @example
   * ```ts
   * await turns.run(async () => work());
   * ```
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#busy >= this.size) await new Promise<void>((resolve) => this.#line.push(resolve));
    else this.#busy++;
    try {
      return await fn();
    } finally {
      const next = this.#line.shift();
      if (next) next();
      else this.#busy--;
    }
  }
}
