import { openSync, readSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../input/errors.js';
import { readLines } from '../input/read-lines.js';
import { type CustomerState, TagEngine, type TagEngineOptions } from './engine.js';
import { decodeCustomer, factIds, STATE_FORMAT, StateFile, type StateMeta } from './state-file.js';

/** @internal the NDJSON state of earlier versions, still read so an existing state carries over. */
const LEGACY_FORMAT = 'complaintkit-tags-state/1';

/** @internal */
const metaOf = (engine: TagEngine): StateMeta => ({
  format: STATE_FORMAT,
  rules: engine.rulesDigest,
  ruleSetVersion: engine.rules.version,
  asOf: engine.asOf,
  seq: engine.seq,
  cursor: engine.cursor,
});

/**
 * Saves the engine's state to `file` (SQLite, no personal data). An engine restored from that same file
 * ({@link readSnapshot}) writes back only the customers its runs touched, in one transaction; otherwise
 * the whole state is written under a temporary name and renamed when complete. Either way a crash never
 * leaves half a state.
 *
 * @example
 * ```ts
 * await writeSnapshot(engine, 'state/tags-state.sqlite');
 * ```
 */
export async function writeSnapshot(engine: TagEngine, file: string): Promise<void> {
  const saved = engine.backing;
  if (saved && resolve(saved.file) === resolve(file)) {
    saved.update(metaOf(engine), engine.customers, engine.dropped, engine.owners);
    return;
  }
  // Not backed by a saved state, the engine's owners are every kept complaint's customer: no need to
  // find the complaint numbers in each customer's text again.
  StateFile.create(file, metaOf(engine), engine.states(), saved ? undefined : engine.owners);
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
