import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { notBuilt, stopWorker, workerScript } from '../engine/worker-file.js';
import type { RuleSet } from '../rules/schema.js';
import { DigestedRows, type DigestedMessage, type ReadPart, type ReadWorkerData, type ReadWorkerMessage } from './digested-rows.js';
import { InputError } from './errors.js';

/**
 * @internal Reads NDJSON complaint files on worker threads for a full build (`TagEngine.run` on an
 * engine with no state): a worker parses and checks every line and turns each row into facts, and
 * hands over only the rows the engine has to act on (kept ones, later versions of kept ones, rows
 * without a customer). With `workers: 2` the input is cut in two at a line's end near its middle
 * byte and each half is read by its own worker; the second half's rows are taken after the first's,
 * in file order, with the rows it left out applied where the first half kept their numbers. On two
 * cores the parse runs beside the engine instead of before it. A bad line stops the read with the
 * same {@link InputError} (file, line, field) as the reader in this thread (the first bad line of the
 * input, whichever worker found it). The workers need the built package (`dist/read-worker.js`, see
 * `workerScript`): the command reads in its own thread when it is missing.
 *
 * @example
 * ```ts
 * await engine.run(readDigested(['complaints.ndjson'], { asOf, rules, workers: 2 }), { asOf });
 * ```
 */
export async function* readDigested(
  files: readonly string[],
  // `secondAhead`: batches the second worker may read ahead (SECOND_HALF_AHEAD by default).
  options: { asOf: number; rules: RuleSet; workers?: 1 | 2; secondAhead?: number },
): AsyncGenerator<DigestedRows> {
  const url = workerScript('read-worker.js');
  if (!url) throw notBuilt('read-worker.js');
  const halves = options.workers === 2 ? splitInTwo(files) : null;
  const parts: ReadPart[][] = halves ?? [files.map((file) => ({ file, start: 0 }))];
  const readers = parts.map((p, i) => new Reader(url, { parts: p, dropped: i > 0, asOf: options.asOf, rules: options.rules }, i > 0 ? (options.secondAhead ?? SECOND_HALF_AHEAD) : 0));
  // The complaint numbers the first half kept: the second half's rows left out with one of them
  // still reach the engine (as `d` rows), as they would have from one worker.
  const keptBefore = new Set<string>();
  try {
    for (const [i, reader] of readers.entries()) {
      for (;;) {
        const m = await reader.next();
        if (m.kind === 'end') break;
        if (m.kind === 'input-error') {
          const part = parts[i]![m.part]!;
          // A later part's lines count from its start: number them from the file's start.
          const line = m.line !== null && part.start > 0 ? m.line + countLines(part.file, part.start) : m.line;
          throw new InputError(m.file, line, m.field, m.reason);
        }
        if (m.kind === 'failed') throw new Error(`reading the complaints failed: ${m.message}`);
        if (readers.length > 1 && i === 0) {
          for (let j = 0; j < m.flags.length; j++) if (m.flags.charCodeAt(j) === KEPT) keptBefore.add(m.ids[j]!);
        }
        yield new DigestedRows(i > 0 && keptBefore.size ? withDropped(m, keptBefore) : m);
        reader.taken();
      }
      reader.stop();
    }
  } finally {
    await Promise.all(readers.map((r) => r.terminate()));
  }
}

/** @internal */
const KEPT = 'k'.charCodeAt(0);

/**
 * @internal a later part's batch with the rows it left out whose numbers an earlier part kept, put
 * back in their places as `d` rows (few or none: a later version of a complaint in the other half).
 */
function withDropped(m: DigestedMessage, keptBefore: ReadonlySet<string>): DigestedMessage {
  const d = m.dropped;
  if (!d?.ids.length) return m;
  const ids = d.ids;
  const hits: number[] = [];
  for (let j = 0; j < ids.length; j++) if (keptBefore.has(ids[j]!)) hits.push(j);
  if (!hits.length) return m;
  const customers = d.customers;
  let flags = '';
  const out = { ids: [] as string[], customers: [] as string[], facts: [] as string[] };
  let h = 0;
  for (let i = 0; i <= m.flags.length; i++) {
    for (; h < hits.length && d.before[hits[h]!] === i; h++) {
      const j = hits[h]!;
      flags += 'd';
      out.ids.push(ids[j]!);
      out.customers.push(customers[j]!);
      out.facts.push(Number.isNaN(d.updatedAt[j]!) ? '' : String(d.updatedAt[j]));
    }
    if (i === m.flags.length) break;
    flags += m.flags[i];
    out.ids.push(m.ids[i]!);
    out.customers.push(m.customers[i]!);
    out.facts.push(m.facts[i]!);
  }
  return { rows: m.rows, position: m.position, flags, ...out };
}

/**
 * @internal the input cut in two at the end of the line that holds its middle byte: the parts of each
 * half, or `null` when it cannot be cut (a file cannot be read: the one worker then says which; too
 * little input for two halves).
 *
 * @example
 * ```ts
 * splitInTwo(['day.ndjson']); // [[{ file: 'day.ndjson', start: 0, end: 5120 }], [{ file: 'day.ndjson', start: 5120 }]]
 * ```
 */
export function splitInTwo(files: readonly string[]): [ReadPart[], ReadPart[]] | null {
  let sizes: number[];
  try {
    sizes = files.map((f) => statSync(f).size);
  } catch {
    return null;
  }
  let middle = Math.floor(sizes.reduce((a, b) => a + b, 0) / 2);
  for (let i = 0; i < files.length; i++) {
    if (middle >= sizes[i]!) {
      middle -= sizes[i]!;
      continue;
    }
    const cut = middle === 0 ? 0 : lineEndAfter(files[i]!, middle - 1);
    const first: ReadPart[] = files.slice(0, i).map((file) => ({ file, start: 0 }));
    const second: ReadPart[] = files.slice(i + 1).map((file) => ({ file, start: 0 }));
    if (cut > 0) first.push({ file: files[i]!, start: 0, end: cut });
    if (cut < sizes[i]!) second.unshift({ file: files[i]!, start: cut });
    return first.length && second.length ? [first, second] : null;
  }
  return null;
}

/** @internal the byte after the first `\n` at or after `from` (the file's size when there is none). */
function lineEndAfter(file: string, from: number): number {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    for (let at = from; ; at += buffer.length) {
      const n = readSync(fd, buffer, 0, buffer.length, at);
      if (n === 0) return at;
      const nl = buffer.subarray(0, n).indexOf(10);
      if (nl !== -1) return at + nl + 1;
    }
  } finally {
    closeSync(fd);
  }
}

/** @internal how many lines (`\n`) the first `end` bytes of a file hold: only to number an error's line. */
function countLines(file: string, end: number): number {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    for (let at = 0; at < end; ) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (n === 0) break;
      for (let i = buffer.indexOf(10); i !== -1 && i < n; i = buffer.indexOf(10, i + 1)) lines++;
      at += n;
    }
    return lines;
  } finally {
    closeSync(fd);
  }
}

/**
 * @internal how many batches (about a megabyte of file each) the worker reading the second half may
 * read while the engine still takes the first half's: the whole second half of 1,000,000 complaints
 * (about 200 batches, some 30 MB of posted rows), so both halves are read at once there; past that
 * it waits, so a larger input does not pile up in memory.
 */
export const SECOND_HALF_AHEAD = 256;

/**
 * @internal one read worker and its messages, taken one at a time. The worker reading the first part
 * runs a few batches ahead of the engine; one reading a later part (whose rows can only be taken
 * after the first part's) runs up to `ahead` batches ahead, held here until they are taken.
 */
export class Reader {
  readonly #worker: Worker;
  readonly #queue: ReadWorkerMessage[] = [];
  #wake: (() => void) | null = null;
  #failure: Error | null = null;
  #done = false;

  constructor(url: URL, data: ReadWorkerData, ahead: number) {
    this.#worker = new Worker(url, { workerData: data });
    this.#worker.on('message', (m: ReadWorkerMessage) => {
      this.#queue.push(m);
      // Received: a worker reading a later part may read one more batch, while fewer than `ahead`
      // are held here; else once one is taken.
      if (ahead > 0 && m.kind === 'batch') {
        if (this.#queue.length < ahead) this.#worker.postMessage(null);
        else this.#owed++;
      }
      this.#notify();
    });
    this.#worker.on('error', (e) => {
      this.#failure = e;
      this.#notify();
    });
    this.#worker.on('exit', (code) => {
      if (!this.#done) this.#failure ??= new Error(`the read worker stopped (exit code ${code})`);
      this.#notify();
    });
    this.#ahead = ahead;
  }

  /** Batches a later part's worker may have read ahead; 0 for the first part's (credit per batch taken). */
  readonly #ahead: number;
  /** Credits held back from a later part's worker while its queue is full. */
  #owed = 0;

  /** Messages received and not yet taken. */
  get queued(): number {
    return this.#queue.length;
  }

  #notify(): void {
    this.#wake?.();
    this.#wake = null;
  }

  async next(): Promise<ReadWorkerMessage> {
    for (;;) {
      const m = this.#queue.shift();
      if (m !== undefined) {
        if (this.#owed > 0 && this.#queue.length < this.#ahead) {
          this.#owed--;
          this.#worker.postMessage(null);
        }
        return m;
      }
      if (this.#failure) throw this.#failure;
      await new Promise<void>((r) => (this.#wake = r));
    }
  }

  /** The engine took a batch: the first part's worker may read one more ahead. */
  taken(): void {
    if (this.#ahead === 0) this.#worker.postMessage(null);
  }

  /** Its part is read: its heap is let go now, not after the other worker's part too. */
  stop(): void {
    this.#done = true;
    void this.#worker.terminate();
  }

  async terminate(): Promise<void> {
    this.#done = true;
    await stopWorker(this.#worker);
  }
}
