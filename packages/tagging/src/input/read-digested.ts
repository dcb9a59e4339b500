import { Worker } from 'node:worker_threads';
import { notBuilt, workerScript } from '../engine/worker-file.js';
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
  const data: ReadWorkerData = { files, asOf: options.asOf, rules: options.rules };
  const worker = new Worker(url, { workerData: data });
  const queue: ReadWorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ReadWorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the read worker stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (m === undefined) {
        if (failure) throw failure;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (m.kind === 'end') return;
      if (m.kind === 'input-error') throw new InputError(m.file, m.line, m.field, m.reason);
      if (m.kind === 'failed') throw new Error(`reading the complaints failed: ${m.message}`);
      yield new DigestedRows(m);
      // Taken: the worker may read one more batch ahead.
      worker.postMessage(null);
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
