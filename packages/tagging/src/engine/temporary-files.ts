import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** @internal the side files SQLite may leave beside a database (a journal, a write-ahead log and its index). */
const SQLITE_SIDES = ['', '-journal', '-wal', '-shm'] as const;

/**
 * @internal How long a temporary file of a process that is gone must have been left unchanged before
 * a later run removes it: a process on another machine writing to a shared folder is not seen here,
 * but its files change while it writes.
 */
export const STALE_AFTER_MS = 5 * 60_000;

/** @internal the temporary name this process writes a state file under. @example `temporaryName('s/tags-state.sqlite'); // 's/tags-state.sqlite.tmp-4242'` */
export const temporaryName = (file: string, pid: number = process.pid): string => `${file}.tmp-${pid}`;

/** @internal removes a temporary state file and the side files SQLite may have made beside it. @example `removeTemporary(temporaryName(file));` */
export function removeTemporary(tmp: string): void {
  for (const side of SQLITE_SIDES) rmSync(`${tmp}${side}`, { force: true });
}

/**
 * @internal whether a process of this machine still runs (a process of another user counts).
 *
 * @example
 * ```ts
 * alive(4242); // false once process 4242 has ended
 * ```
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** @internal the latest change of a file, or of a folder and anything in it. */
function lastChange(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let latest = s.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, lastChange(join(path, name)));
  return latest;
}

/**
 * @internal Removes what a killed build left beside the state file `file`: the state written under
 * `<name>.tmp-<pid>` (and SQLite's side files of it) and a full build's staged event log
 * `.full-<pid>` with its swap marker's temporary `events-swap.json.tmp-<pid>`. Only those names, and only when process `<pid>` no longer runs and nothing in them
 * changed for {@link STALE_AFTER_MS}: a build running beside this one keeps its files. Returns the
 * names removed.
 *
 * @example
 * ```ts
 * removeStaleTemporaries('tag-state/tags-state.sqlite');
 * ```
 */
export function removeStaleTemporaries(file: string, now: number = Date.now()): string[] {
  const base = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return removeStale(dirname(file), new RegExp(`^(?:${base}\\.tmp-(\\d+)(?:-journal|-wal|-shm)?|\\.full-(\\d+)|events-swap\\.json\\.tmp-(\\d+))$`), now);
}

/**
 * @internal Removes, in folder `dir`, the files and folders whose names match `ours` (its first
 * group that matched is the process id that wrote them) once that process no longer runs and nothing
 * in them changed for {@link STALE_AFTER_MS}; never this process's own. For the temporary names of
 * the state, the event log's runs (`run.tmp-<pid>-<ms>`) and the exports (`.<id>.tmp-<pid>`). Returns
 * the names removed.
 *
 * @example
 * ```ts
 * removeStale('tag-exports', /^\..+\.tmp-(\d+)$/);
 * ```
 */
export function removeStale(dir: string, ours: RegExp, now: number = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = ours.exec(name);
    if (!m) continue;
    const pid = Number(m.slice(1).find((g) => g !== undefined));
    const path = join(dir, name);
    try {
      if (pid === process.pid || alive(pid) || now - lastChange(path) < STALE_AFTER_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: left as it is.
    }
  }
  return removed;
}
