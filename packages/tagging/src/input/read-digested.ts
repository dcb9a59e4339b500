import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { notBuilt, stopWorker, workerScript } from '../engine/worker-file.js';
import type { RuleSet } from '../rules/schema.js';
import { DigestedRows, type ReadWorkerData, type ReadWorkerMessage } from './digested-rows.js';
import { InputError } from './errors.js';

/**
 * @internal Reads NDJSON complaint files on a worker thread for a full build (`TagEngine.run` on an
 * engine with no state): the worker parses and checks every line and turns each row into facts, and
 * hands over only the rows the engine has to act on (kept ones, later versions of kept ones, rows
 * without a customer). On two cores the parse runs beside the engine instead of before it. A bad line
 * stops the read with the same {@link InputError} (file, line, field) as the reader in this thread.
 * The worker needs the built package (`dist/read-worker.js`, see `workerScript`): the command reads
 * in its own thread when it is missing.
 *
 * @example
 * ```ts
 * await engine.run(readDigested(['complaints.ndjson'], { asOf, rules }), { asOf });
 * ```
 */
export async function* readDigested(files: readonly string[], options: { asOf: number; rules: RuleSet }): AsyncGenerator<DigestedRows> {
  const url = workerScript('read-worker.js');
  if (!url) throw notBuilt('read-worker.js');
  const reader = new Reader(url, { files, asOf: options.asOf, rules: options.rules }, readWorkerHeapLimitMb(files));
  try {
    for (;;) {
      const m = await reader.next();
      if (m.kind === 'end') break;
      if (m.kind === 'input-error') throw new InputError(m.file, m.line, m.field, m.reason);
      if (m.kind === 'failed') throw new Error(`reading the complaints failed: ${m.message}`);
      yield new DigestedRows(m);
      reader.taken();
    }
  } finally {
    await reader.terminate();
  }
}

/**
 * @internal The read worker's heap limit (MB) for these files: 256 MB and half a byte per byte of
 * input (sizes that cannot be read, and pipes or devices, count as 1 GB each), unless
 * `CK_TAGS_READ_WORKER_HEAP_MB` sets it. Numbers that are not `CK<yyyymmdd>-<seq>` are kept as text
 * (60–90 bytes each), still far under half a line's length. What the worker keeps grows with the input
 * (the numbers of kept complaints: about 20 bytes each, a complaint's line being some 400 bytes), so
 * the limit is not reached by files in the export shape; if it is, the build stops with an error that
 * names both switches; it is there because V8 sizes a heap's growth by its limit: under the
 * process's default (4 GB here) the worker's heap grew to 3–4 times its 25–35 MB of live data before
 * each full collection (about 100–125 MB, beside the main thread's heap at the end of the read); under
 * a few hundred MB it grows by about 1.3 times (65 MB at 1,000,000 complaints). The young generation is
 * set to 48 MB, about the default's: the smaller one V8 derives from such a limit cost the build 8–11%
 * more CPU in scavenges. bench/results/tagging.md, "Seventh session".
 *
 * @example
 * ```ts
 * readWorkerHeapLimitMb(['complaints.ndjson']); // 256 + half the file's size in MB
 * ```
 */
export function readWorkerHeapLimitMb(files: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const set = env.CK_TAGS_READ_WORKER_HEAP_MB;
  if (set !== undefined && set !== '') {
    const mb = Number(set);
    if (!Number.isInteger(mb) || mb < 1) throw new Error(`CK_TAGS_READ_WORKER_HEAP_MB must be a whole number of megabytes (got "${set}"): unset it to size the heap from the input`);
    return mb;
  }
  let bytes = 0;
  for (const f of files) {
    try {
      const s = statSync(f);
      // A pipe or device says 0 bytes whatever flows through it: count it like a size not read.
      bytes += s.isFile() ? s.size : 2 ** 30;
    } catch {
      bytes += 2 ** 30;
    }
  }
  return 256 + Math.ceil(bytes / 2 / 2 ** 20);
}

/** @internal The read worker's failure, in words that say what to do when it was its heap limit. */
function readWorkerFailure(e: Error, heapMb: number): Error {
  if ((e as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') return e;
  return new Error(
    `the read worker ran out of its ${heapMb} MB heap (sized from the input files; a pipe counts as 1 GB). Nothing was published. ` +
      `Run again with CK_TAGS_READ_WORKER_HEAP_MB=${heapMb * 2}, or with CK_TAGS_READ_WORKER=0 to read in the main thread`,
    { cause: e },
  );
}

/**
 * @internal the read worker and its messages, taken one at a time; it runs a few batches ahead of the
 * engine (`BATCHES_AHEAD`, a credit per batch taken).
 */
class Reader {
  readonly #worker: Worker;
  readonly #queue: ReadWorkerMessage[] = [];
  #wake: (() => void) | null = null;
  #failure: Error | null = null;
  #done = false;

  constructor(url: URL, data: ReadWorkerData, heapMb: number) {
    this.#worker = new Worker(url, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48 } });
    this.#worker.on('message', (m: ReadWorkerMessage) => {
      this.#queue.push(m);
      this.#notify();
    });
    this.#worker.on('error', (e) => {
      this.#failure = readWorkerFailure(e, heapMb);
      this.#notify();
    });
    this.#worker.on('exit', (code) => {
      if (!this.#done) this.#failure ??= new Error(`the read worker stopped (exit code ${code})`);
      this.#notify();
    });
  }

  #notify(): void {
    this.#wake?.();
    this.#wake = null;
  }

  async next(): Promise<ReadWorkerMessage> {
    for (;;) {
      const m = this.#queue.shift();
      if (m !== undefined) return m;
      if (this.#failure) throw this.#failure;
      await new Promise<void>((r) => (this.#wake = r));
    }
  }

  /** The engine took a batch: the worker may read one more ahead. */
  taken(): void {
    this.#worker.postMessage(null);
  }

  async terminate(): Promise<void> {
    this.#done = true;
    await stopWorker(this.#worker);
  }
}
