// A worker thread that writes a full build's state file (SQLite) while the main thread writes the
// exports: it takes the customers' rows and the owners a batch at a time and acknowledges each, so
// the main thread sends only a few ahead. Started by `writeSnapshotAside`; built as
// `dist/state-worker.js`. The finished file stays under its temporary name: the main thread renames
// it into place last, after the exports (the run's commit point). (An incremental run saves in the main
// thread: on a worker it gained no time, even on a quiet machine; bench/results/tagging.md, "Sixth session".)
import { parentPort, workerData } from 'node:worker_threads';
import { type StateMeta, StateWriter } from './state-file.js';

/** @internal what the main thread sends to a worker writing a whole state. */
export type StateWorkerRequest =
  | { readonly kind: 'customers'; readonly ids: string[]; readonly revisits: (number | null)[]; readonly texts: string[] }
  | { readonly kind: 'owners'; readonly complaints: string[]; readonly customers: string[] }
  | { readonly kind: 'finish'; readonly meta: StateMeta };

const port = parentPort!;
const data = workerData as { file: string };
writeState(data.file);

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
