import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStale } from '../engine/temporary-files.js';
import { readLines } from '../input/read-lines.js';
import type { TagEvent } from './assignment.js';

/** @internal `<first seq>-<last seq>.ndjson`, zero-padded so names sort in order. */
const NAME = /^(\d{12})-(\d{12})\.ndjson$/;
/** @internal */
const pad = (n: number) => String(n).padStart(12, '0');
/** @internal a run's file before it is published: `run.tmp-<pid>-<ms>`. */
const RUN_TMP = /^run\.tmp-(\d+)-\d+$/;

/**
 * The append-only tag event log: one immutable NDJSON file per run under `<dir>/events/`, named by
 * its first and last sequence numbers. A run's events are written under a temporary name and become
 * part of the log only by {@link RunLog.publish}; nothing is ever edited or deleted, except files
 * beyond the last committed sequence number left by a run that crashed before committing.
 *
 * @example
 * ```ts
 * const log = new EventLog('state');
 * const run = await log.begin();
 * await engine.run(rows, { asOf, onEvent: (e) => run.write(e) });
 * await run.publish();
 * ```
 */
export class EventLog {
  readonly folder: string;

  constructor(dir: string) {
    this.folder = join(dir, 'events');
  }

  /**
   * Removes event files past `committedSeq`: what a run wrote before it crashed, uncommitted; and the
   * unfinished files (`run.tmp-<pid>-<ms>`) of runs whose process is gone, once unchanged for five
   * minutes (a run going on beside this one keeps its file).
   *
   * @example
   * ```ts
   * await log.discardAfter(engine.seq);
   * ```
   */
  async discardAfter(committedSeq: number): Promise<void> {
    for (const name of await this.#files()) {
      const m = NAME.exec(name)!;
      if (Number(m[2]) > committedSeq) await rm(join(this.folder, name), { force: true });
    }
    removeStale(this.folder, RUN_TMP);
  }

  /** @internal */
  async #files(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names.filter((n) => NAME.test(n)).sort();
  }

  /**
   * Starts a run's file. Events must be written in sequence order.
   *
   * @example
   * ```ts
   * const run = await log.begin();
   * ```
   */
  async begin(): Promise<RunLog> {
    await mkdir(this.folder, { recursive: true });
    return new RunLog(this.folder);
  }

  /**
   * Every event with `since < seq <= to`, in order, reading only the files that overlap the range.
   * Events of logs written before 0.2 (with `previous`, without `wasActive`) get `wasActive` from
   * their `previous`.
   *
   * @example
   * ```ts
   * for await (const e of log.read(120, 245)) console.log(e.type, e.assignment.key);
   * ```
   */
  async *read(since: number, to: number = Number.MAX_SAFE_INTEGER): AsyncGenerator<TagEvent> {
    for (const name of await this.#files()) {
      const m = NAME.exec(name)!;
      if (Number(m[2]) <= since || Number(m[1]) > to) continue;
      for await (const { text } of readLines(join(this.folder, name))) {
        const e = JSON.parse(text) as Omit<TagEvent, 'wasActive'> & { wasActive?: boolean };
        if (e.seq <= since || e.seq > to) continue;
        // An event of a log written before 0.2 has `previous` (the assignment before, or null) instead.
        yield e.wasActive === undefined ? { ...e, wasActive: e.previous != null } : (e as TagEvent);
      }
    }
  }
}

/**
 * One run's events on their way into the {@link EventLog}.
 *
 * @example
 * ```ts
 * run.write(event); await run.publish(); // or await run.discard();
 * ```
 */
export class RunLog {
  readonly #tmp: string;
  /** Opened at the first write: a run that changes nothing creates no file. */
  #out: WriteStream | null = null;
  #first: number | null = null;
  #last = 0;
  #buffer = '';

  constructor(readonly folder: string) {
    this.#tmp = join(folder, `run.tmp-${process.pid}-${Date.now()}`);
  }

  /** @internal */
  #stream(): WriteStream {
    this.#out ??= createWriteStream(this.#tmp, { encoding: 'utf8' });
    return this.#out;
  }

  /**
   * Adds one event; returns a promise when the file is behind, to be awaited before writing more
   * (the engine does), so a large run never holds its whole log in memory.
   *
   * @example
   * ```ts
   * await run.write(e);
   * ```
   */
  write(e: TagEvent): Promise<void> | undefined {
    this.#first ??= e.seq;
    this.#last = e.seq;
    this.#buffer += `${JSON.stringify(e)}\n`;
    if (this.#buffer.length > 1 << 16) {
      const out = this.#stream();
      const ok = out.write(this.#buffer);
      this.#buffer = '';
      if (!ok) return once(out, 'drain').then(() => undefined);
    }
    return undefined;
  }

  /** @internal */
  async #close(): Promise<void> {
    if (this.#out === null && this.#first === null) return;
    const out = this.#stream();
    out.end(this.#buffer);
    this.#buffer = '';
    await once(out, 'finish');
  }

  /**
   * Makes the run's events part of the log (renamed into place); nothing when the run changed nothing.
   *
   * @example
   * ```ts
   * await run.publish();
   * ```
   */
  async publish(): Promise<void> {
    await this.#close();
    if (this.#first === null) {
      await rm(this.#tmp, { force: true });
      return;
    }
    await rename(this.#tmp, join(this.folder, `${pad(this.#first)}-${pad(this.#last)}.ndjson`));
  }

  /** Drops the run's events (a failed run). @example `await run.discard();` */
  async discard(): Promise<void> {
    await this.#close().catch(() => undefined);
    await rm(this.#tmp, { force: true });
  }
}
