import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StateFile } from '../engine/state-file.js';
import { syncToDisk } from '../engine/sync-to-disk.js';
import { alive } from '../engine/temporary-files.js';
import { InputError } from '../input/errors.js';

/** @internal the marker a full build writes beside its state before putting the state in place. */
export const SWAP_MARKER = 'events-swap.json';

/** @internal what the marker holds: the staged log's folder (beside the state) and its id. */
interface SwapMarker {
  readonly staging: string;
  readonly log: string;
}

/**
 * @internal A full rebuild stages its event log in `stagingDir` and replaces the old log only once
 * its state is in place. Before that commit point it writes this marker naming the staged folder and
 * the id `log` the new state's header will carry; after the swap it removes it. So a build stopped
 * between the state's commit and the swap leaves enough for {@link recoverEventLogSwap} to finish it.
 * Written under a temporary name, flushed to the disk and renamed, and the rename flushed too, so
 * after a crash or a power loss it is whole or absent.
 *
 * @example
 * ```ts
 * await markEventLogSwap('tag-state', 'tag-state/.full-4242', log);
 * ```
 */
export async function markEventLogSwap(stateDir: string, stagingDir: string, log: string): Promise<void> {
  const marker: SwapMarker = { staging: basename(stagingDir), log };
  const file = join(stateDir, SWAP_MARKER);
  await writeFile(`${file}.tmp-${process.pid}`, JSON.stringify(marker));
  await syncToDisk(`${file}.tmp-${process.pid}`);
  await rename(`${file}.tmp-${process.pid}`, file);
  await syncToDisk(stateDir);
}

/**
 * @internal Replaces the event log `<stateDir>/events` with the staged one `<stagingDir>/events`
 * and removes the staging folder and the marker; each step can be done again after a crash.
 *
 * @example
 * ```ts
 * await swapEventLog('tag-state', 'tag-state/.full-4242');
 * ```
 */
export async function swapEventLog(stateDir: string, stagingDir: string): Promise<void> {
  const events = join(stateDir, 'events');
  const staged = join(stagingDir, 'events');
  if (existsSync(staged)) {
    await rm(events, { recursive: true, force: true });
    await rename(staged, events);
  }
  await rm(stagingDir, { recursive: true, force: true });
  await rm(join(stateDir, SWAP_MARKER), { force: true });
}

/**
 * @internal Removes the swap marker only when it names `stagingDir` (this build's own): a full
 * build that fails before its commit point must not remove the marker of another one.
 *
 * @example
 * ```ts
 * await removeOwnSwapMarker('tag-state', 'tag-state/.full-4242');
 * ```
 */
export async function removeOwnSwapMarker(stateDir: string, stagingDir: string): Promise<void> {
  const file = join(stateDir, SWAP_MARKER);
  let marker: SwapMarker;
  try {
    marker = JSON.parse(await readFile(file, 'utf8')) as SwapMarker;
  } catch {
    return; // none, or not readable: not known to be ours, so left for the next run to judge
  }
  if (marker.staging === basename(stagingDir)) await rm(file, { force: true });
}

/**
 * @internal Finishes or drops what a full rebuild stopped part-way left (see
 * {@link markEventLogSwap}): when the state in place carries the marker's log id, the build had
 * committed it, so its staged log replaces the old one; otherwise the state is the one before the
 * build, and its staged log is removed. Run before the state is read. Returns what was done, or
 * `null` when there was no marker. A marker naming the staging folder of another process that still
 * runs (a full build beside this one, between its commit point and its swap) is left alone with its
 * staged log, and the run stops with an {@link InputError}: going on would read a state and an event
 * log that build is about to replace. A marker that cannot be read, or a state that cannot be
 * opened while a marker exists, stops the run with an {@link InputError} telling to run `--full`
 * (`full`): a full rebuild then drops the marker and the staged log, since it rebuilds both.
 *
 * @example
 * ```ts
 * await recoverEventLogSwap('tag-state', 'tag-state/tags-state.sqlite'); // 'finished' | 'dropped' | null
 * ```
 */
export async function recoverEventLogSwap(stateDir: string, stateFile: string, full = false): Promise<'finished' | 'dropped' | null> {
  const file = join(stateDir, SWAP_MARKER);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let marker: SwapMarker;
  try {
    marker = JSON.parse(text) as SwapMarker;
    if (typeof marker?.staging !== 'string' || typeof marker.log !== 'string') throw new Error('not a swap marker');
  } catch {
    if (full) {
      await rm(file, { force: true });
      return 'dropped';
    }
    throw new InputError(file, null, null, 'the swap marker a full rebuild left cannot be read (cut short by a crash?), so whether its staged event log belongs in place is unknown; run the build again with --full', 'Nothing was written.');
  }
  // Only a staging folder of ours, by name (never a path elsewhere).
  const stagingDir = /^\.full-\d+$/.test(marker.staging) ? join(stateDir, marker.staging) : null;
  const pid = stagingDir ? Number(marker.staging.slice('.full-'.length)) : null;
  if (pid !== null && pid !== process.pid && alive(pid)) {
    throw new InputError(stateDir, null, null, `a full rebuild (process ${pid}) is putting its state and event log in place in this folder; wait until it has finished`, 'Nothing was written.');
  }
  let committed = false;
  if (existsSync(stateFile)) {
    try {
      const state = StateFile.open(stateFile);
      try {
        committed = state.meta().log === marker.log;
      } finally {
        state.close();
      }
    } catch {
      if (!full) {
        throw new InputError(stateFile, null, null, `the state cannot be opened while a full rebuild's swap marker (${SWAP_MARKER}) is beside it, so whether its staged event log belongs in place is unknown; run the build again with --full`, 'Nothing was written.');
      }
    }
  }
  if (committed && stagingDir) {
    await swapEventLog(stateDir, stagingDir);
    return 'finished';
  }
  if (stagingDir) await rm(stagingDir, { recursive: true, force: true });
  await rm(file, { force: true });
  return 'dropped';
}
