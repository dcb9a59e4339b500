import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createIdentityHasher } from '@complaintkit/core/node';
import { TagEngine, type Unlinked } from '../engine/engine.js';
import { removeStaleTemporaries } from '../engine/temporary-files.js';
import { type WorkerScript, workerScript } from '../engine/worker-file.js';
import { readSnapshot, savedTagKeys, writeSnapshot, writeSnapshotAside } from '../engine/snapshot.js';
import type { FieldNames } from '../export/fields.js';
import { deltaRows, type ExportManifest, snapshotRows, writeExport } from '../export/write-export.js';
import { KeyIndex } from '../identity/key-index.js';
import { Linker } from '../identity/link.js';
import type { DigestedRows } from '../input/digested-rows.js';
import { InputError, issuesToInputError } from '../input/errors.js';
import { readDigested } from '../input/read-digested.js';
import { readComplaintBatches, type SourcedRow } from '../input/read-complaints.js';
import type { TagEvent } from '../model/assignment.js';
import { EventLog, type RunLog } from '../model/event-log.js';
import { changedAssignments, publishTags } from '../publish/publish-tags.js';
import { BUILT_IN_RULES } from '../rules/built-in.js';
import type { RuleSet } from '../rules/schema.js';
import type { parseCli } from './args.js';
import { syncToDisk } from '../engine/sync-to-disk.js';
import { markEventLogSwap, recoverEventLogSwap, removeOwnSwapMarker, swapEventLog } from './event-log-swap.js';
import { progressBar } from './progress.js';

/**
 * @internal whether a part of a full build runs on a worker thread: by default when the machine has a
 * second core; `NAME=0` keeps it in the main thread, `NAME=1` puts it on a worker even on one core.
 * Without the built worker script (the source run without a build) it runs in the main thread.
 */
const onWorker = (name: 'CK_TAGS_READ_WORKER' | 'CK_TAGS_STATE_WORKER', script: WorkerScript): boolean =>
  (process.env[name] === '1' || (process.env[name] !== '0' && availableParallelism() > 1)) && workerScript(script) !== null;

/** @internal */
type Values = ReturnType<typeof parseCli>['values'];
/** @internal the file names read as NDJSON (see `readComplaintFile`). */
const NDJSON = /\.(ndjson|jsonl|json)$/i;
/** @internal */
const pad = (n: number) => String(n).padStart(12, '0');
/** @internal */
const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** @internal what `build` tells the user at the end. */
export interface BuildResult {
  readonly summary: Awaited<ReturnType<TagEngine['run']>>;
  readonly customers: number;
  readonly exports: { path: string; manifest: ExportManifest }[];
  readonly unlinkedReport: string | null;
  readonly invalidKeys: number;
  /** Tags sent to the service with `--publish`; `null` without it. */
  readonly published: number | null;
  /** Stale tags deleted from the service with `--publish` after a full rebuild; `null` without `--publish`. */
  readonly unpublished: number | null;
  /** Whether the complaints were read on a worker thread (a full build from NDJSON files, two cores or more). */
  readonly readOnWorker: boolean;
}

/** @internal `complaintkit-tags build`. Nothing is published unless every input reads cleanly. */
export async function build(v: Values, log: (line: string) => void): Promise<BuildResult> {
  const started = Date.now();
  const inputs = v.input ?? [];
  if (!inputs.length && !v.service) throw new UsageError('give --input FILE (repeatable) or --service URL');
  if (inputs.length && v.service) throw new UsageError('give --input or --service, not both');
  const formats = (v.format ?? 'csv,ndjson').split(',').map((f) => f.trim());
  if (!formats.length || formats.some((f) => f !== 'csv' && f !== 'ndjson')) throw new UsageError('--format takes csv, ndjson or csv,ndjson');
  if (v['line-ending'] !== 'crlf' && v['line-ending'] !== 'lf') throw new UsageError('--line-ending takes crlf or lf');
  const sinceArg = v.since === undefined ? null : Number(v.since);
  if (sinceArg !== null && (!Number.isInteger(sinceArg) || sinceArg < 0)) throw new UsageError("--since takes an event sequence number (a manifest's watermark.to)");
  const asOf = v['as-of'] ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(asOf)) || !/[zZ]|[+-]\d\d:?\d\d$/.test(asOf)) {
    throw new UsageError(`--as-of "${asOf}" is not an instant with an offset, e.g. 2026-11-29T00:00:00+08:00`);
  }
  // The schemas (zod) are loaded only for what the user gives: a field-name file, a rule file.
  let fields: FieldNames | undefined;
  if (v.fields) {
    const text = await readFile(v.fields, 'utf8').catch(() => {
      throw new InputError(v.fields!, null, null, 'cannot read the field-name file');
    });
    const { FieldNames } = await import('../export/fields.js');
    const parsed = FieldNames.safeParse(JSON.parse(text));
    if (!parsed.success) throw issuesToInputError(v.fields, null, parsed.error.issues);
    fields = parsed.data;
  }

  const rules = v.rules ? await (await import('../rules/load.js')).loadRules(v.rules) : BUILT_IN_RULES;
  let linker: Linker | undefined;
  let invalidKeys = 0;
  if (v.keys?.length) {
    const secret = process.env[v['secret-env'] ?? 'CK_IDENTITY_SECRET'];
    if (!secret) throw new UsageError(`key files need the bank's identity secret in $${v['secret-env']}`);
    const hasher = createIdentityHasher(secret);
    const keys = new KeyIndex(hasher);
    for (const f of v.keys) await keys.addFile(f);
    invalidKeys = keys.invalid.length;
    linker = new Linker(hasher, keys);
  }

  const stateDir = v.state ?? './tag-state';
  const stateFile = join(stateDir, 'tags-state.sqlite');
  // The NDJSON state of earlier versions is read once and replaced by the SQLite one.
  const legacyFile = join(stateDir, 'tags-state.ndjson');
  // A full rebuild stopped between putting its state in place and swapping in its event log is
  // finished first (or its staged log dropped if its state never went in place).
  await recoverEventLogSwap(stateDir, stateFile, v.full === true);
  const saved = existsSync(stateFile) ? stateFile : existsSync(legacyFile) ? legacyFile : null;
  const full = v.full || saved === null;
  const phases = new Phases();
  const engine = full || saved === null ? new TagEngine({ rules, ...(linker ? { linker } : {}) }) : await readSnapshot(saved, { rules, ...(linker ? { linker } : {}) });
  phases.mark('start');
  try {
    return await buildWith(engine, { v, log, started, phases, inputs, formats, sinceArg, asOf, fields, rules, stateDir, stateFile, legacyFile, saved, full, invalidKeys });
  } finally {
    engine.close();
  }
}

/** @internal the rest of `build`, once the engine is made or restored. */
async function buildWith(
  engine: TagEngine,
  o: {
    v: Values;
    log: (line: string) => void;
    started: number;
    phases: Phases;
    inputs: string[];
    formats: string[];
    sinceArg: number | null;
    asOf: string;
    /** From `--fields`; the default names without it. */
    fields: FieldNames | undefined;
    rules: RuleSet;
    stateDir: string;
    stateFile: string;
    legacyFile: string;
    /** The state this run starts from or, with `--full`, replaces; `null` for the first run. */
    saved: string | null;
    full: boolean;
    invalidKeys: number;
  },
): Promise<BuildResult> {
  const { v, log, started, phases, inputs, formats, sinceArg, asOf, fields, rules, stateDir, stateFile, legacyFile, saved, full, invalidKeys } = o;
  await mkdir(stateDir, { recursive: true });
  // What a killed build left here (its state's temporary file, its staged event log), once stale.
  removeStaleTemporaries(stateFile);
  const eventLog = new EventLog(stateDir);
  if (!full) await eventLog.discardAfter(engine.seq);
  const startSeq = full ? 0 : engine.seq;

  let lastPosition = 0;
  // A full build from NDJSON files without key files reads on a worker thread when there is a second
  // core: the parse and check (about a third of the build) run beside the engine, not before it.
  const digest = full && !v.service && !v.keys?.length && inputs.every((f) => NDJSON.test(f)) && onWorker('CK_TAGS_READ_WORKER', 'read-worker.js');
  const source = v.service
    ? (await import('../input/read-service.js')).readService({ baseUrl: v.service, token: process.env[v['token-env'] ?? 'CK_TOKEN'] ?? '', since: engine.cursor })
    : digest
      ? // The engine takes the worker's rows as they are (an internal kind of item, see `DigestedRows`).
        ((async function* digested(): AsyncGenerator<DigestedRows> {
          for await (const rows of readDigested(inputs, { asOf: Date.parse(asOf), rules })) {
            lastPosition = rows.batch.position;
            yield rows;
          }
        })() as unknown as AsyncGenerator<SourcedRow[]>)
      : (async function* chain(): AsyncGenerator<SourcedRow[]> {
        for (const f of inputs) {
          for await (const batch of readComplaintBatches(f)) {
            lastPosition = batch.at(-1)?.position ?? lastPosition;
            yield batch;
          }
        }
      })();
  const bar = await progressBar(inputs, !v.quiet);
  const unlinked: Unlinked[] = [];
  // A full rebuild starts a new event log, staged beside the old one until the run succeeds (in a
  // folder of its own: one an earlier process of the same id left is removed first).
  const stagingDir = join(stateDir, `.full-${process.pid}`);
  if (full) await rm(stagingDir, { recursive: true, force: true });
  const staging = full ? new EventLog(stagingDir) : null;
  const changed: TagEvent[] = [];
  const exportOptions = {
    dir: v.out ?? './tag-exports',
    formats: formats as ('csv' | 'ndjson')[],
    bom: v.bom ?? false,
    lineEnding: v['line-ending'] as 'crlf' | 'lf',
    ...(fields ? { fields } : {}),
    ruleSetVersion: rules.version,
  };
  let runEvents: RunLog | null = null;
  let summary: BuildResult['summary'];
  try {
    runEvents = await (staging ?? eventLog).begin();
    const events = runEvents;
    summary = await engine.run(source, {
      asOf,
      onEvent: (e) => {
        // An incremental run's events are few: kept for its delta and for --publish, not read back.
        if (!full) changed.push(e);
        return events.write(e);
      },
      onUnlinked: (u) => unlinked.push(u),
      onProgress: (read) => {
        bar.update(read, lastPosition);
        // The last call comes when the input is read, before the customers are evaluated.
        phases.mark('read', true);
      },
      progressEvery: 5_000,
    });
    phases.mark('evaluate');
  } catch (e) {
    bar.stop();
    // Everything this run made is removed; a step that fails is reported, not thrown in place of `e`.
    const made = runEvents;
    await cleanUpAfter(e, log, [
      ["dropping the run's events", made && (() => made.discard())],
      [`removing the staged event log ${stagingDir}`, staging && (() => rm(stagingDir, { recursive: true, force: true, maxRetries: 3 }))],
    ]);
    throw e;
  }
  bar.stop();
  const runLog = runEvents;

  // Everything read cleanly: publish. The state snapshot is written last and is the commit point.
  const exports: BuildResult['exports'] = [];
  // A full build's state is written on a worker thread beside the exports (two cores or more), and
  // put in place last as before.
  // A full rebuild's state carries the id of the event log it staged (see markEventLogSwap).
  const logId = staging ? randomUUID() : undefined;
  const aside = full && onWorker('CK_TAGS_STATE_WORKER', 'state-worker.js') ? writeSnapshotAside(engine, stateFile, logId) : null;
  // A failure before the commit point leaves the state and the event log as they were, and no
  // temporary file of either behind.
  let committed = false;
  try {
    await runLog.publish();
    phases.mark('event log');
    if (!staging) {
      // A delta only after an incremental run: after a full rebuild the CRM takes the snapshot whole.
      const since = sinceArg ?? startSeq;
      let events: TagEvent[] = changed;
      if (since !== startSeq) {
        events = [];
        for await (const e of eventLog.read(since, engine.seq)) events.push(e);
      }
      exports.push(
        await writeExport(`delta-${pad(since)}-${pad(engine.seq)}`, 'delta', deltaRows(events, since, engine.seq), {
          ...exportOptions,
          timeRange: { from: events[0]?.at ?? null, to: events.at(-1)?.at ?? null },
          watermark: { from: since, to: engine.seq },
        }),
      );
      phases.mark('delta');
    }
    if (full || v.snapshot) {
      exports.push(
        await writeExport(`snapshot-${compact(summary.asOf)}`, 'snapshot', snapshotRows(engine.assignments()), {
          ...exportOptions,
          timeRange: { from: null, to: summary.asOf },
          watermark: { from: 0, to: engine.seq },
        }),
      );
      phases.mark('snapshot');
    }
    let unlinkedReport: string | null = null;
    if (unlinked.length) {
      await mkdir(join(stateDir, 'reports'), { recursive: true });
      unlinkedReport = join(stateDir, 'reports', `unlinked-${compact(summary.asOf)}.ndjson`);
      await writeFile(unlinkedReport, unlinked.map((u) => JSON.stringify(u)).join('\n') + '\n');
    }
    // Before the commit point: if the service refuses, the run fails and the next one sends them again.
    const token = process.env[v['token-env'] ?? 'CK_TOKEN'] ?? '';
    let published: number | null = null;
    let unpublished: number | null = null;
    if (v.publish) {
      // After a full rebuild, the tags the replaced state held and this one no longer assigns are deleted
      // from the service, so none that became stale is left behind (an upsert alone would keep them).
      const stale = full && saved !== null ? await staleKeys(saved, engine) : [];
      published = await publishTags(full ? engine.assignments() : changedAssignments(changed), { baseUrl: v.publish, token, deleted: stale });
      unpublished = stale.length;
    }
    if (staging) await markEventLogSwap(stateDir, stagingDir, logId!);
    if (aside) await aside.commit();
    else await writeSnapshot(engine, stateFile, logId);
    // The state's rename on the disk before the swap, which the marker alone can no longer undo.
    if (staging) await syncToDisk(stateDir);
    committed = true;
    // A full rebuild's event log replaces the old one once its state is in place (a run stopped
    // before this is done finishes it at the next start: recoverEventLogSwap).
    if (staging) await swapEventLog(stateDir, stagingDir);
    await rm(legacyFile, { force: true });
    phases.mark('state');
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (${phases})`);
    return { summary, customers: engine.customerCount, exports, unlinkedReport, invalidKeys, published, unpublished, readOnWorker: digest };
  } catch (e) {
    // The error the user sees is the one that stopped the run; a clean-up step that fails is reported.
    const staged = staging && !committed;
    await cleanUpAfter(e, log, [
      ["rolling back the state's save", aside && (() => aside.abort())],
      [`removing the staged event log ${stagingDir}`, staged && (() => rm(stagingDir, { recursive: true, force: true, maxRetries: 3 }))],
      ['removing the event-log swap marker', staged && (() => removeOwnSwapMarker(stateDir, stagingDir))],
    ]);
    throw e;
  }
}

/**
 * @internal runs every clean-up step after `error` stopped a run, each even when one before it failed.
 * A step that fails is logged (what it was doing, the file system's reason: what a later run removes
 * once stale, or the user removes by hand) and kept on the error as `cleanUpFailures`; it is never
 * thrown in place of `error`, so the user still sees why the run stopped (an InputError's file, line
 * and field).
 */
async function cleanUpAfter(error: unknown, log: (line: string) => void, steps: readonly (readonly [what: string, step: false | null | undefined | (() => Promise<unknown>)])[]): Promise<void> {
  for (const [what, step] of steps) {
    if (!step) continue;
    try {
      await step();
    } catch (failure) {
      log(`complaintkit-tags: ${what} after the failure below failed too: ${(failure as Error).message ?? String(failure)}`);
      if (error !== null && typeof error === 'object') {
        const e = error as { cleanUpFailures?: unknown[] };
        e.cleanUpFailures = [...(e.cleanUpFailures ?? []), failure];
      }
    }
  }
}

/** @internal the tags a replaced state held that the rebuilt engine no longer has, by customer and code. */
async function staleKeys(saved: string, engine: TagEngine): Promise<{ customerId: string; code: string }[]> {
  const before = await savedTagKeys(saved);
  for (const a of engine.assignments()) before.delete(a.key);
  return [...before].sort().map((key) => {
    const bar = key.indexOf('|');
    return { customerId: key.slice(0, bar), code: key.slice(bar + 1) };
  });
}

/**
 * @internal how long each phase of a build took (wall), for the closing line: `start 0.21 s, read …`;
 * `start` counts from the process's start (Node, loading the command, opening the state).
 * A phase marked `again` is timed to its last mark (the read ends at the last progress call).
 */
class Phases {
  readonly #times = new Map<string, number>();
  /** From the process's start: the first phase holds Node's start and loading the command. */
  #last = 0;
  #from = 0;

  mark(name: string, again = false): void {
    const now = performance.now();
    if (again && this.#times.has(name)) {
      this.#times.set(name, now - this.#from);
    } else {
      this.#from = this.#last;
      this.#times.set(name, now - this.#last);
    }
    this.#last = now;
  }

  toString(): string {
    return [...this.#times].map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)} s`).join(', ');
  }
}

/**
 * A command-line mistake: printed with the usage text, exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('give --input FILE or --service URL');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
