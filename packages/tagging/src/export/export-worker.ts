// A worker thread that writes a full build's snapshot export while the main thread evaluates the
// customers: it takes the run's assignments a batch at a time as they are decided (in evaluation
// order), puts them in key order and writes them with `writeExport`, the same code as the main thread.
// Started by `SnapshotAside`; built as `dist/export-worker.js`.
import { parentPort, workerData } from 'node:worker_threads';
import { tagKey, type TagAssignment } from '../model/assignment.js';
import { KeyOrder } from './key-order.js';
import { ASIDE_FIELDS, type SnapshotAsideData, type SnapshotAsideRequest } from './snapshot-aside.js';
import { type ExportManifest, type ExportRow, writeExport } from './write-export.js';

const port = parentPort!;
const decoder = new TextDecoder();
const data = workerData as SnapshotAsideData;
const queue: SnapshotAsideRequest[] = [];
let wake: (() => void) | null = null;
port.on('message', (m: SnapshotAsideRequest) => {
  queue.push(m);
  wake?.();
  wake = null;
});

/** Known when the main thread finishes: the manifest is written after the last row. */
let watermark: ExportManifest['watermark'] = null;

/** The rows in key order, a batch per message. */
async function* rows(): AsyncGenerator<ExportRow[]> {
  const order = new KeyOrder();
  const upsert = (a: TagAssignment): ExportRow => ({ op: 'upsert', key: a.key, assignment: a });
  for (;;) {
    const m = queue.shift();
    if (m === undefined) {
      await new Promise<void>((r) => (wake = r));
      continue;
    }
    if (m.kind === 'finish') {
      watermark = m.watermark;
      yield order.end().map(upsert);
      return;
    }
    const batch: ExportRow[] = [];
    const v = JSON.parse(decoder.decode(m.json)) as unknown[];
    for (let i = 0; i < v.length; i += ASIDE_FIELDS) {
      const customerId = v[i] as string;
      const code = v[i + 1] as string;
      const a: TagAssignment = {
        key: tagKey(customerId, code),
        customerId,
        code,
        status: 'active',
        validFrom: v[i + 2] as string,
        validUntil: v[i + 3] as string | null,
        evidence: v[i + 4] as string[],
        version: v[i + 5] as string,
        lastEvaluatedAt: data.at,
      };
      for (const r of order.push(a)) batch.push(upsert(r));
    }
    // Taken: the main thread may send one more ahead.
    port.postMessage({ kind: 'taken' });
    if (batch.length) yield batch;
  }
}

// Nothing touches the disk before the first message: one comes only once the whole input has read
// cleanly (the customers are being evaluated), so bad input leaves no export folder behind.
new Promise<void>((r) => (wake = r))
  .then(() =>
    writeExport(data.exportId, 'snapshot', rows(), {
      ...data.options,
      timeRange: { from: null, to: data.at },
      get watermark() {
        return watermark;
      },
    }),
  )
  .then(
    (done) => port.postMessage({ kind: 'done', ...done }),
    (e: unknown) => port.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
