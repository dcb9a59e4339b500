// A worker thread that writes a full build's state file (SQLite) while the main thread writes the
// exports: it takes the customers' rows and the owners a batch at a time and acknowledges each, so
// the main thread sends only a few ahead. Started by `writeSnapshotAside`; built as
// `dist/state-worker.js`. The finished file stays under its temporary name: the main thread renames
// it into place last, after the exports (the run's commit point).
//
// With `mode: 'update'` (started by `saveChangesAside`, an incremental run) it writes one save's
// changes into the state file in a transaction while the main thread writes the delta, and commits
// only when told to (the run's commit point), or rolls back.
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openStateDatabase, type StateChanges, type StateMeta, StateWriter, writeChanges } from './state-file.js';

/** @internal what the main thread sends to a worker started with `mode: 'update'`. */
export type StateUpdateRequest =
  | { readonly kind: 'changes'; readonly meta: StateMeta; readonly changes: StateChanges }
  | { readonly kind: 'commit' }
  | { readonly kind: 'abort' };

/** @internal what the main thread sends to a worker writing a whole state. */
export type StateWorkerRequest =
  | { readonly kind: 'customers'; readonly ids: string[]; readonly revisits: (number | null)[]; readonly texts: string[] }
  | { readonly kind: 'owners'; readonly complaints: string[]; readonly customers: string[] }
  | { readonly kind: 'finish'; readonly meta: StateMeta };

const port = parentPort!;
const data = workerData as { file: string; mode?: 'update' };
if (data.mode === 'update') updateState(data.file);
else writeState(data.file);

/** @internal one save's changes in a transaction, committed or rolled back when the main thread says. */
function updateState(file: string): void {
  let db: Database.Database | null = null;
  const close = () => {
    // Closing in a transaction rolls it back.
    if (db?.open) db.close();
    db = null;
  };
  port.on('message', (m: StateUpdateRequest) => {
    try {
      if (m.kind === 'changes') {
        db = openStateDatabase(file);
        db.exec('begin immediate');
        writeChanges(db, m.meta, m.changes);
        port.postMessage({ kind: 'written' });
      } else if (m.kind === 'commit') {
        if (!db) throw new Error('nothing to commit');
        db.exec('commit');
        close();
        port.postMessage({ kind: 'done' });
      } else {
        close();
        port.postMessage({ kind: 'done' });
      }
    } catch (e) {
      close();
      port.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  });
}

/** @internal a whole state under a temporary name, a batch at a time. */
function writeState(file: string): void {
  let writer: StateWriter | null = null;
  const fail = (e: unknown) => {
    writer?.abort();
    writer = null;
    port.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  };
  try {
    writer = new StateWriter(file);
  } catch (e) {
    fail(e);
  }
  port.on('message', (m: StateWorkerRequest) => {
    const w = writer;
    if (!w) return;
    try {
      if (m.kind === 'customers') for (let i = 0; i < m.ids.length; i++) w.customer(m.ids[i]!, m.revisits[i]!, m.texts[i]!);
      else if (m.kind === 'owners') for (let i = 0; i < m.complaints.length; i++) w.owner(m.complaints[i]!, m.customers[i]!);
      else {
        w.finish(m.meta);
        writer = null;
        port.postMessage({ kind: 'done' });
        return;
      }
      port.postMessage({ kind: 'taken' });
    } catch (e) {
      fail(e);
    }
  });
}
