import type { Store, StoredChange } from '../store/store.js';

/**
 * Options of {@link EventFeed}.
 *
 * @example
 * ```ts
 * const o: EventFeedOptions = { pollMs: 250, recent: 4096 };
 * ```
 */
export interface EventFeedOptions {
  /** How often to look for other processes' commits while anyone listens (ms). */
  readonly pollMs: number;
  /** How many of the newest events to keep in memory for streams that are catching up. Default 4096. */
  readonly recent?: number | undefined;
  /** Told when a poll fails (the feed retries at the next tick). */
  readonly onError?: ((e: unknown) => void) | undefined;
}

/** @internal events read per query. */
const BATCH = 500;

/**
 * The one reader of the events table in a process: while at least one event stream listens, it polls
 * (every `pollMs`, and at once after a commit in this process) and keeps the newest events in memory,
 * so a thousand open streams cost one query per tick instead of a thousand. Streams filter what it
 * read by their caller's visibility; a stream further behind than the kept window reads its own pages
 * from the database.
 *
 * @example
 * ```ts
 * const feed = new EventFeed(store, { pollMs: 250 });
 * const release = feed.listen();
 * await feed.waitBeyond(await feed.start(), signal, 15_000);
 * release();
 * ```
 */
export class EventFeed {
  readonly #store: Store;
  readonly #pollMs: number;
  readonly #keep: number;
  readonly #onError: (e: unknown) => void;
  /** The newest events read, oldest first; every event in (#floor, #head] is here. */
  #recent: StoredChange[] = [];
  #floor = 0;
  #head: number | undefined;
  #starting: Promise<number> | undefined;
  #listeners = 0;
  #waiters = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling: Promise<void> | undefined;
  #again = false;
  #unsubscribe: (() => void) | undefined;
  /** Bumped when the last listener leaves (the kept events go stale): a poll of an older epoch is dropped. */
  #epoch = 0;

  constructor(store: Store, options: EventFeedOptions) {
    this.#store = store;
    this.#pollMs = options.pollMs;
    this.#keep = options.recent ?? 4096;
    this.#onError = options.onError ?? (() => {});
  }

  /**
   * The seq up to which every committed event has been read (reads the head the first time).
   *
   * @example
   * ```ts
   * const head = await feed.start();
   * ```
   */
  start(): Promise<number> {
    if (this.#head !== undefined) return Promise.resolve(this.#head);
    const epoch = this.#epoch;
    this.#starting ??= this.#store.lastEventSeq().then((seq) => {
      if (epoch === this.#epoch) {
        this.#head ??= seq;
        this.#floor = this.#head;
      }
      return seq;
    });
    return this.#starting;
  }

  /**
   * The seq up to which every committed event has been read; 0 before {@link start}.
   *
   * @example
   * ```ts
   * feed.head;
   * ```
   */
  get head(): number {
    return this.#head ?? 0;
  }

  /**
   * Registers a listener: the feed polls while any is registered. Returns the release function.
   * When the last one leaves, the feed forgets its head and what it kept (it no longer follows the
   * table); the next listener starts from the table's head again. Listen before {@link start}.
   *
   * @example
   * ```ts
   * const release = feed.listen();
   * ```
   */
  listen(): () => void {
    if (this.#listeners++ === 0) {
      this.#unsubscribe = this.#store.onCommit(() => this.poke());
      this.#schedule();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#listeners === 0) {
        this.#unsubscribe?.();
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#epoch++;
        this.#head = undefined;
        this.#starting = undefined;
        this.#recent = [];
        this.#floor = 0;
      }
    };
  }

  /**
   * Reads new events now (after a commit in this process).
   *
   * @example
   * ```ts
   * store.onCommit(() => feed.poke());
   * ```
   */
  poke(): void {
    void this.#poll();
  }

  /**
   * The kept events after `seq` (at most `limit`), or `null` when `seq` lies before the kept window
   * (read the database instead).
   *
   * @example
   * ```ts
   * const next = feed.after(cursor, 200) ?? (await store.eventsAfter(cursor, v, { upTo: feed.head }));
   * ```
   */
  after(seq: number, limit: number): StoredChange[] | null {
    if (seq < this.#floor) return null;
    const out: StoredChange[] = [];
    for (const change of this.#recent) {
      if (change.seq <= seq) continue;
      out.push(change);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Resolves `true` once the feed has read past `seq`, `false` after `timeoutMs` or when `signal`
   * aborts.
   *
   * @example
   * ```ts
   * if (!(await feed.waitBeyond(cursor, signal, 15_000))) sendPing();
   * ```
   */
  waitBeyond(seq: number, signal: AbortSignal, timeoutMs: number): Promise<boolean> {
    if (this.head > seq) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        signal.removeEventListener('abort', aborted);
        resolve(value);
      };
      const check = () => {
        if (this.head > seq) done(true);
      };
      const aborted = () => done(false);
      const timer = setTimeout(() => done(false), Math.max(0, timeoutMs));
      this.#waiters.add(check);
      signal.addEventListener('abort', aborted, { once: true });
    });
  }

  /** @internal the next tick while anyone listens. */
  #schedule(): void {
    if (this.#listeners === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#poll().finally(() => this.#schedule());
    }, this.#pollMs);
    this.#timer.unref?.();
  }

  /** @internal one poll at a time; a poke during a poll polls again right after. */
  #poll(): Promise<void> {
    if (this.#polling) {
      this.#again = true;
      return this.#polling;
    }
    this.#polling = (async () => {
      try {
        do {
          this.#again = false;
          if (this.#listeners === 0) break;
          const epoch = this.#epoch;
          await this.start();
          // Only up to the head no running writer can still add below (writers may commit out of
          // order on PostgreSQL; see Store.lastEventSeq), so the feed never steps over an event.
          const upTo = await this.#store.lastEventSeq();
          for (;;) {
            if (epoch !== this.#epoch) break;
            const batch = await this.#store.eventsAfter(this.head, { kind: 'all' }, { limit: BATCH, upTo });
            if (epoch !== this.#epoch) break;
            this.#recent.push(...batch);
            const last = batch[batch.length - 1];
            // A full page: more to read. Otherwise everything up to `upTo` is read (numbers a
            // rolled-back writer drew are skipped for good).
            const reached = batch.length < BATCH ? upTo : (last as StoredChange).seq;
            if (reached <= this.head) break;
            this.#head = reached;
            if (this.#recent.length > this.#keep) {
              const dropped = this.#recent.splice(0, this.#recent.length - this.#keep);
              this.#floor = (dropped[dropped.length - 1] as StoredChange).seq;
            }
            for (const wake of [...this.#waiters]) wake();
            if (batch.length < BATCH) break;
          }
        } while (this.#again);
      } catch (e) {
        this.#onError(e);
      } finally {
        this.#polling = undefined;
      }
    })();
    return this.#polling;
  }
}
