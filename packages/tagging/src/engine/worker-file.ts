import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';

/** @internal the worker scripts the package builds (tsup.config.ts). */
export type WorkerScript = 'read-worker.js' | 'state-worker.js';

/**
 * @internal Where a built worker script is: beside the running module in the built package
 * (`dist/cli.js`, `dist/index.js`), or in the package's `dist` when the module runs from the source
 * (`src/<folder>/…`, as in the tests after a build); `null` when neither exists (the source without a
 * build), and the caller then does the work in its own thread.
 *
 * @example
 * ```ts
 * const url = workerScript('read-worker.js');
 * if (url) new Worker(url, { workerData });
 * ```
 */
export function workerScript(name: WorkerScript, from: string = import.meta.url): URL | null {
  for (const url of [new URL(`./${name}`, from), new URL(`../../dist/${name}`, from)]) {
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** @internal the error of a worker started without its built script. */
export const notBuilt = (name: WorkerScript): Error =>
  new Error(`the worker script ${name} is not built beside the package (run the package's build, or set CK_TAGS_READ_WORKER=0 and CK_TAGS_STATE_WORKER=0)`);

/**
 * @internal Stops a worker whose outcome no longer matters (committed, aborted, failed): its
 * listeners go, and an error it raises while stopping is dropped rather than thrown at the process
 * (an `'error'` event with no listener is an uncaught exception).
 *
 * @example
 * ```ts
 * await stopWorker(worker).catch(() => undefined);
 * ```
 */
export async function stopWorker(worker: Worker): Promise<void> {
  worker.removeAllListeners();
  worker.on('error', () => undefined);
  await worker.terminate();
}
