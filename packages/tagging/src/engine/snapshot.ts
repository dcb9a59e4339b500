import { closeSync, openSync, readSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../input/errors.js';
import { readLines } from '../input/read-lines.js';
import { type CustomerState, TagEngine, type TagEngineOptions } from './engine.js';
import { decodeCustomer, encodeCustomer, factIds, STATE_FORMAT, StateFile, type StateMeta } from './state-file.js';
import type { StateWorkerRequest } from './state-worker.js';
import { removeTemporary, temporaryName } from './temporary-files.js';
import { notBuilt, stopWorker, workerScript } from './worker-file.js';

/** @internal the NDJSON state of earlier versions, still read so an existing state carries over. */
const LEGACY_FORMAT = 'complaintkit-tags-state/1';

/** @internal */
const metaOf = (engine: TagEngine, log?: string): StateMeta => ({
  format: STATE_FORMAT,
  rules: engine.rulesDigest,
  ruleSetVersion: engine.rules.version,
  asOf: engine.asOf,
  seq: engine.seq,
  cursor: engine.cursor,
  ...(log === undefined ? {} : { log }),
});

/**
 * Saves the engine's state to `file` (SQLite, no personal data). An engine restored from that same file
 * ({@link readSnapshot}) writes back only the customers its runs touched, in one transaction; otherwise
 * the whole state is written under a temporary name and renamed when complete. Either way a crash never
 * leaves half a state. `log` (for the command) is recorded in a whole state's header: the id of the
 * event log a full build staged beside it.
 *
 * @example
 * ```ts
 * await writeSnapshot(engine, 'state/tags-state.sqlite');
 * ```
 */
export async function writeSnapshot(engine: TagEngine, file: string, log?: string): Promise<void> {
  const saved = engine.backing;
  if (saved && resolve(saved.file) === resolve(file)) {
    saved.update(metaOf(engine), engine.customers, engine.dropped, engine.owners);
    engine.markSaved();
    return;
  }
  // Not backed by a saved state, the engine's owners are every kept complaint's customer: no need to
  // find the complaint numbers in each customer's text again.
  StateFile.create(file, metaOf(engine, log), engine.states(), saved ? undefined : engine.owners);
}

/** @internal customers (or owners) per message to the state worker, and messages it may be behind. */
const PER_MESSAGE = 2_000;
/** @internal */
const AHEAD = 8;

/**
 * @internal Starts writing an engine's whole state (a full build, not backed by a saved state) to
 * `file` on a worker thread, so that SQLite's inserts and index builds run beside the exports instead
 * of after them. The rows are sent a few thousand at a time as the worker takes them (the main thread
 * yields between). `commit` waits for the file and renames it into place: call it where
 * {@link writeSnapshot} would be called, as the run's commit point; `abort` drops it (never throws;
 * after a commit it changes nothing). On a failure the worker is stopped before its temporary file is
 * removed. The file is the one `writeSnapshot` writes. Needs the built package
 * (`dist/state-worker.js`, see `workerScript`): the command writes the state in its own thread when
 * it is missing.
 *
 * @example
 * ```ts
 * const state = writeSnapshotAside(engine, 'state/tags-state.sqlite');
 * await writeExports();
 * await state.commit();
 * ```
 */
export function writeSnapshotAside(engine: TagEngine, file: string, log?: string): { commit(): Promise<void>; abort(): Promise<void> } {
  if (engine.backing) throw new RangeError('writeSnapshotAside writes a whole state: use writeSnapshot for an engine backed by a saved one');
  const url = workerScript('state-worker.js');
  if (!url) throw notBuilt('state-worker.js');
  const worker = new Worker(url, { workerData: { file } });
  const tmp = temporaryName(file);
  let credit = AHEAD;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let finished: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const stop = (e: Error) => {
    failure ??= e;
    notify();
    finished?.();
  };
  const done = new Promise<void>((r) => (finished = r));
  worker.on('message', (m: { kind: 'taken' | 'done' | 'failed'; message?: string }) => {
    if (m.kind === 'taken') {
      credit++;
      notify();
    } else if (m.kind === 'done') finished?.();
    else stop(new Error(`writing the tag state failed: ${m.message}`));
  });
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`the state worker stopped (exit code ${code})`)));
  const send = async (m: StateWorkerRequest) => {
    while (credit <= 0 && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure;
    credit--;
    worker.postMessage(m);
  };
  const pump = (async () => {
    let ids: string[] = [];
    let revisits: (number | null)[] = [];
    let texts: string[] = [];
    for (const [id, c] of engine.states()) {
      ids.push(id);
      revisits.push(c.revisitAt);
      texts.push(encodeCustomer(c));
      if (ids.length === PER_MESSAGE) {
        await send({ kind: 'customers', ids, revisits, texts });
        [ids, revisits, texts] = [[], [], []];
      }
    }
    if (ids.length) await send({ kind: 'customers', ids, revisits, texts });
    let complaints: string[] = [];
    let customers: string[] = [];
    for (const [complaintId, id] of engine.owners) {
      if (id === null) continue;
      complaints.push(complaintId);
      customers.push(id);
      if (complaints.length === PER_MESSAGE * 4) {
        await send({ kind: 'owners', complaints, customers });
        [complaints, customers] = [[], []];
      }
    }
    if (complaints.length) await send({ kind: 'owners', complaints, customers });
    await send({ kind: 'finish', meta: metaOf(engine, log) });
    await done;
    if (failure) throw failure;
  })();
  // A failure is reported by commit (or dropped by abort), never as an unhandled rejection.
  pump.catch(() => undefined);
  const end = () => stopWorker(worker);
  // Once committed or aborted, the outcome stays: an abort after a commit leaves the committed file.
  let settled: Promise<void> | null = null;
  return {
    commit() {
      settled ??= (async () => {
        try {
          await pump;
        } catch (e) {
          // The worker is stopped before its file is removed: it may still be writing it.
          await end().catch(() => undefined);
          removeTemporary(tmp);
          throw e;
        }
        await end();
        try {
          renameSync(tmp, file);
        } catch (e) {
          removeTemporary(tmp);
          throw e;
        }
      })();
      return settled;
    },
    async abort() {
      if (settled) {
        await settled.catch(() => undefined);
        return;
      }
      settled = (async () => {
        failure ??= new Error('aborted');
        notify();
        finished?.();
        await pump.catch(() => undefined);
        await end().catch(() => undefined);
        try {
          removeTemporary(tmp);
        } catch {
          // Left for the next run's clean-up of stale temporary files.
        }
      })();
      await settled;
    },
  };
}

/** @internal whether a file starts like an SQLite database. */
function isSqlite(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new InputError(file, null, null, 'the state file does not exist or cannot be read');
  }
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/**
 * Restores an engine from a state written by {@link writeSnapshot}. The state is read lazily: a run
 * loads only the customers its complaints touch and those whose tags are due to change, so a daily run
 * costs in proportion to what changed, not to all customers. Close the engine when done. A state made
 * under other rules is refused: run a full build instead. (The NDJSON state of earlier versions is read
 * whole, and written as SQLite next time.)
 *
 * @example
 * ```ts
 * const engine = await readSnapshot('state/tags-state.sqlite', { rules });
 * ```
 */
export async function readSnapshot(file: string, options: TagEngineOptions): Promise<TagEngine> {
  const engine = new TagEngine(options);
  const restore = (meta: { format: string; rules: string; ruleSetVersion: string; asOf: number | null; seq: number; cursor: string | null }, format: string) => {
    if (meta.format !== format) throw new InputError(file, 1, 'format', `not a tag-state file of format ${STATE_FORMAT}`);
    if (meta.rules !== engine.rulesDigest) {
      throw new InputError(file, 1, 'rules', `made under other rules (set ${meta.ruleSetVersion}); run a full build (--full) with the new rules`);
    }
    engine.asOf = meta.asOf;
    engine.seq = meta.seq;
    // Format 1 kept an updatedAt instant here, not the service's change cursor.
    engine.cursor = meta.cursor !== null && /^\d+$/.test(meta.cursor) ? meta.cursor : null;
  };
  if (isSqlite(file)) {
    const state = StateFile.open(file);
    try {
      restore(state.meta(), STATE_FORMAT);
    } catch (e) {
      state.close();
      throw e;
    }
    engine.backing = state;
    return engine;
  }
  let header = true;
  for await (const { text } of readLines(file)) {
    const data = JSON.parse(text);
    if (header) {
      restore(data, LEGACY_FORMAT);
      header = false;
      continue;
    }
    const [id, revisitAt, facts, tags] = data as [string, number | null, unknown[], unknown[]];
    const state: CustomerState = decodeCustomer(id, JSON.stringify([facts, tags]), revisitAt);
    engine.customers.set(id, state);
    for (const complaintId of factIds(state.facts)) engine.owners.set(complaintId, id);
  }
  if (header) throw new InputError(file, null, null, 'empty snapshot');
  return engine;
}

/**
 * The keys (`<customer id>|<code>`) of every tag, active or exited, in a saved state, whatever rules
 * it was made under: what the runs before it may have published. A full rebuild that publishes to the
 * service deletes those it no longer assigns, so none is left behind.
 *
 * @example
 * ```ts
 * const before = await savedTagKeys('state/tags-state.sqlite');
 * ```
 */
export async function savedTagKeys(file: string): Promise<Set<string>> {
  const keys = new Set<string>();
  if (isSqlite(file)) {
    const state = StateFile.open(file);
    try {
      for (const k of state.tagKeys()) keys.add(k);
    } finally {
      state.close();
    }
    return keys;
  }
  let header = true;
  for await (const { text } of readLines(file)) {
    if (header) {
      header = false;
      continue;
    }
    const [id, , , tags] = JSON.parse(text) as [string, unknown, unknown, [string][]];
    for (const t of tags) keys.add(`${id}|${t[0]}`);
  }
  return keys;
}
