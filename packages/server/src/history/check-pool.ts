import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ClockPolicy, HolidayYear } from '@complaintkit/core/domain';
import type { RowError } from './parse.js';
import type { RawRow } from './rows.js';

/** @internal what a check worker starts with: the organisations, the subtree, the clock as plain data. */
export interface CheckWorkerData {
  readonly orgs: readonly (readonly [id: string, path: string, parentId: string | null])[];
  readonly underPath: string | undefined;
  readonly calendarYears: readonly HolidayYear[] | undefined;
  readonly policy: ClockPolicy | undefined;
}
/** @internal rows sent to a check worker. */
export interface CheckRequest {
  readonly id: number;
  readonly rows: readonly RawRow[];
}
/** @internal a check worker's answer. */
export interface CheckResponse {
  readonly id: number;
  readonly rows: readonly CheckedPacked[];
}

/**
 * A checked row as the import's main thread takes it, from a worker or from its own thread: line,
 * source id, errors, and the replayed complaint as JSON (`JSON.stringify`) with what the repeat flags
 * need of it.
 *
 * @example
 * ```ts
 * const r: CheckedPacked = { line: 2, sourceId: 'OLD-1', errors: [], complaint: '{"id":"CK20240301-000001",…}', customerId: 'RC1', receivedMs: 1_700_000_000_000 };
 * ```
 */
export interface CheckedPacked {
  readonly line: number;
  readonly record?: number | undefined;
  readonly sourceId: string | undefined;
  readonly errors: readonly RowError[];
  readonly complaint: string | undefined;
  readonly customerId: string | undefined;
  readonly receivedMs: number | undefined;
}

/**
 * Worker threads checking a history file's rows (`check-worker.ts`): `check` sends a block of rows to
 * the least busy worker and resolves with its outcome, row by row in file order. The caller keeps
 * several blocks in flight and takes them back in the order it sent them.
 *
 * @example
 * ```ts
 * const pool = checkPool(2, data);
 * try {
 *   const checked = await pool.check(rows);
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export interface CheckPool {
  check(rows: readonly RawRow[]): Promise<CheckedPacked[]>;
  close(): Promise<void>;
}

/**
 * Starts `threads` check workers. They need the built package (`dist/check-worker.js`, beside the
 * module; from the source, as in the tests, the package's `dist`).
 *
 * @example
 * ```ts
 * const pool = checkPool(2, { orgs, underPath: undefined, calendarYears: loaded.years, policy: undefined });
 * ```
 */
export function checkPool(threads: number, data: CheckWorkerData): CheckPool {
  // Beside this module in the built package; run from source (the tests), the package's build.
  const beside = new URL('./check-worker.js', import.meta.url);
  const url = existsSync(fileURLToPath(beside)) ? beside : new URL('../../dist/check-worker.js', import.meta.url);
  const waiting = new Map<number, { resolve: (r: CheckedPacked[]) => void; reject: (e: unknown) => void; worker: number }>();
  const busy = Array.from({ length: threads }, () => 0);
  let failed: unknown;
  let nextId = 0;
  const workers = busy.map((_, w) => {
    const worker = new Worker(url, { workerData: data });
    worker.on('message', (res: CheckResponse) => {
      const job = waiting.get(res.id);
      if (!job) return;
      waiting.delete(res.id);
      busy[w] = (busy[w] as number) - 1;
      job.resolve(res.rows as CheckedPacked[]);
    });
    const fail = (e: unknown) => {
      failed ??= e;
      for (const [id, job] of waiting) {
        waiting.delete(id);
        job.reject(e);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`an import check worker stopped (exit code ${code})`));
    });
    return worker;
  });
  return {
    check(rows) {
      if (failed !== undefined) return Promise.reject(failed);
      let w = 0;
      for (let i = 1; i < threads; i++) if ((busy[i] as number) < (busy[w] as number)) w = i;
      busy[w] = (busy[w] as number) + 1;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, worker: w });
        (workers[w] as Worker).postMessage({ id, rows } satisfies CheckRequest);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
