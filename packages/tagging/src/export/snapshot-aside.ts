import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { stopWorker, workerScript } from '../engine/worker-file.js';
import type { TagEvent } from '../model/assignment.js';
import type { ExportManifest, ExportOptions } from './write-export.js';

/** @internal the export worker's start data. */
export interface SnapshotAsideData {
  readonly exportId: string;
  readonly options: ExportOptions;
  /** The run's instant: the snapshot's time range and every row's `lastEvaluatedAt`. */
  readonly at: string;
}

/**
 * @internal what the main thread sends: a batch of assignments, or the end. A batch is the UTF-8 JSON
 * of `[customerId, code, validFrom, validUntil, evidence, version, …]` flat, its buffer transferred,
 * not copied: cloning arrays of arrays item by item, or even one long string, cost the main thread
 * more than the rows it hands over.
 */
export type SnapshotAsideRequest = { readonly kind: 'rows'; readonly json: Uint8Array } | { readonly kind: 'finish'; readonly watermark: ExportManifest['watermark'] };

/** @internal one assignment in a batch's JSON (see {@link SnapshotAsideRequest}). */
export const ASIDE_FIELDS = 6;

/** @internal */
const encoder = new TextEncoder();
/** @internal assignments per message. */
const PER_MESSAGE = 2048;
/** @internal messages the main thread may send ahead of the worker (backpressure). */
const AHEAD = 4;

/**
 * @internal A full build's snapshot export written on a worker thread while the customers are
 * evaluated (`dist/export-worker.js`): after a full rebuild the snapshot is exactly the run's assigned
 * tags, so each `assigned` event is handed over as it is decided, instead of walking every customer's
 * tags once more on the main thread after the run. The files are the ones `writeExport` writes in this
 * thread, byte for byte. Only for a full build: an engine with no state before the run, whose events
 * are all assignments ({@link SnapshotAside.add} says `false` to anything else, and the caller then
 * writes the snapshot itself).
 *
 * @example
 * ```ts
 * const aside = SnapshotAside.start('snapshot-20261128T160000Z', options, asOfIso);
 * await engine.run(rows, { asOf, onEvent: (e) => aside.add(e) });
 * const { path, manifest } = await aside.finish({ from: 0, to: engine.seq });
 * ```
 */
export class SnapshotAside {
  readonly #worker: Worker;
  readonly #tmp: string;
  #batch: unknown[] = [];
  #credit = AHEAD;
  #wake: (() => void) | null = null;
  #failure: Error | null = null;
  #done: ((r: { path: string; manifest: ExportManifest }) => void) | null = null;
  readonly #result: Promise<{ path: string; manifest: ExportManifest }>;
  /** Something other than a full build's assignment came: the snapshot is not the events. */
  #declined = false;

  /** Starts the worker; `null` when its script is not built (the caller writes the snapshot itself). */
  static start(exportId: string, options: ExportOptions, at: string): SnapshotAside | null {
    const url = workerScript('export-worker.js');
    return url ? new SnapshotAside(url, { exportId, options, at }) : null;
  }

  private constructor(url: URL, data: SnapshotAsideData) {
    // Where writeExport stages it: removed here if the worker is stopped part-way.
    this.#tmp = join(data.options.dir, `.${data.exportId}.tmp-${process.pid}`);
    this.#worker = new Worker(url, { workerData: data });
    let fail!: (e: Error) => void;
    this.#result = new Promise((resolve, reject) => {
      this.#done = resolve;
      fail = reject;
    });
    // Not awaited until the end: a failure meanwhile is kept, not unhandled.
    this.#result.catch(() => undefined);
    const stop = (e: Error) => {
      if (!this.#failure) {
        this.#failure = e;
        fail(e);
      }
      this.#notify();
    };
    this.#worker.on('message', (m: { kind: 'taken' } | { kind: 'done'; path: string; manifest: ExportManifest } | { kind: 'failed'; message: string }) => {
      if (m.kind === 'taken') {
        this.#credit++;
        this.#notify();
      } else if (m.kind === 'done') {
        this.#done?.({ path: m.path, manifest: m.manifest });
        this.#done = null;
      } else stop(new Error(`writing the snapshot export failed: ${m.message}`));
    });
    this.#worker.on('error', stop);
    this.#worker.on('exit', (code) => {
      if (this.#done) stop(new Error(`the export worker stopped (exit code ${code})`));
    });
  }

  #notify(): void {
    this.#wake?.();
    this.#wake = null;
  }

  /**
   * Hands over one event of the run (in the engine's order). `false` when it is not an assignment of
   * an active tag with nothing before it (not a full build's): the snapshot must then be written from
   * the engine's state ({@link SnapshotAside.abort} this one). A promise when the worker is behind.
   */
  add(e: TagEvent): boolean | Promise<boolean> {
    if (this.#declined) return false;
    const a = e.assignment;
    if (e.type !== 'assigned' || e.wasActive || a.status !== 'active') {
      this.#declined = true;
      return false;
    }
    const b = this.#batch;
    b.push(a.customerId, a.code, a.validFrom, a.validUntil, a.evidence, a.version);
    return b.length < PER_MESSAGE * ASIDE_FIELDS ? true : this.#send().then(() => true);
  }

  /** Whether an event was refused (see {@link SnapshotAside.add}). */
  get declined(): boolean {
    return this.#declined;
  }

  async #send(): Promise<void> {
    const json = encoder.encode(JSON.stringify(this.#batch));
    this.#batch = [];
    while (this.#credit <= 0 && !this.#failure) await new Promise<void>((r) => (this.#wake = r));
    if (this.#failure) throw this.#failure;
    this.#credit--;
    this.#worker.postMessage({ kind: 'rows', json } satisfies SnapshotAsideRequest, [json.buffer]);
  }

  /** After the run: the last rows and the watermark; resolves when the export is in place. */
  async finish(watermark: ExportManifest['watermark']): Promise<{ path: string; manifest: ExportManifest }> {
    try {
      if (this.#batch.length) await this.#send();
      if (this.#failure) throw this.#failure;
      this.#worker.postMessage({ kind: 'finish', watermark } satisfies SnapshotAsideRequest);
      return await this.#result;
    } finally {
      void this.#worker.terminate();
    }
  }

  /** Stops the worker and removes what it staged (the export is not published). */
  async abort(): Promise<void> {
    this.#done = null;
    await stopWorker(this.#worker);
    await rm(this.#tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}

