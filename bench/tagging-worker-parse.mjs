// Would parsing on a worker thread pay off? The main thread's cost per complaint, measured two ways
// over the same NDJSON file in one process: (a) in the main thread, read lines, JSON.parse, the export
// shape's check and the engine's facts (what the build does before the engine takes a row); (b) a
// worker thread does all that and sends back, per batch, only what the engine keeps (complaint number,
// customer id, the facts as compact text), in order; the main thread just takes each row. It prints
// each pass's wall time and the main thread's own CPU time (from /proc, Linux only), and the worker's.
//   node bench/tagging-worker-parse.mjs [complaints=1000000]
import { createReadStream, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkComplaintRow, readNdjsonBatches, toFacts } from '@complaintkit/tagging';

/** This thread's CPU seconds (user + system) from /proc/thread-self/stat. */
const threadCpu = () => {
  const f = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const compact = (row) => {
  const f = toFacts(row);
  return f && JSON.stringify([f.receivedAt, f.category, f.regulator ? 1 : 0, f.severity, f.priority.join(','), f.undecided ? 1 : 0, f.dueAt, f.followUpAt, f.score, f.accepted, f.reviewAt, f.updatedAt]);
};

if (!isMainThread) {
  // The worker: raw chunks in, lines split (carry across chunks), parsed, checked, compacted.
  let rest = '';
  let line = 0;
  const decoder = new TextDecoder();
  parentPort.on('message', (msg) => {
    if (msg === null) {
      parentPort.postMessage({ done: true, cpu: threadCpu() });
      return;
    }
    const text = rest + decoder.decode(msg, { stream: true });
    const ids = [];
    const customers = [];
    const facts = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      const row = checkComplaintRow(JSON.parse(text.slice(start, nl)));
      if (Array.isArray(row)) throw new Error(`line ${line}: ${row[0].message}`);
      ids.push(row.id);
      customers.push(row.customerId ?? '');
      facts.push(compact(row) ?? '');
      start = nl + 1;
    }
    rest = text.slice(start);
    parentPort.postMessage({ ids: ids.join('\n'), customers: customers.join('\n'), facts: facts.join('\n') });
  });
} else {
  const [N = 1_000_000] = process.argv.slice(2).map(Number);
  const here = dirname(fileURLToPath(import.meta.url));
  const data = join(here, '.data', `tagging-${N}.ndjson`);
  console.log(`load average ${loadavg()[0].toFixed(1)}`);

  let t = performance.now();
  let c = threadCpu();
  let n = 0;
  let kept = 0;
  for await (const batch of readNdjsonBatches(data)) for (const { row } of batch) if (compact(row) !== null && row.customerId) kept++, n++; else n++;
  const aWall = (performance.now() - t) / 1000;
  const aCpu = threadCpu() - c;
  console.log(`(a) main thread parses:   ${aWall.toFixed(2)} s wall, main thread ${aCpu.toFixed(2)} s CPU (${Math.round(n / aCpu).toLocaleString('en')}/s of its CPU), ${n} rows`);

  t = performance.now();
  c = threadCpu();
  const worker = new Worker(fileURLToPath(import.meta.url));
  let m = 0;
  let inFlight = 0;
  let wake = null;
  let workerCpu = 0;
  const finished = new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (msg) => {
      if (msg.done) {
        workerCpu = msg.cpu;
        resolve();
        return;
      }
      inFlight--;
      wake?.();
      // What the engine would take: each row's number, customer and facts text.
      const ids = msg.ids.split('\n');
      const customers = msg.customers.split('\n');
      const facts = msg.facts.split('\n');
      for (let i = 0; i < ids.length; i++) if (ids[i] && customers[i] !== undefined && facts[i] !== undefined) m++;
    });
  });
  for await (const chunk of createReadStream(data, { highWaterMark: 1 << 20 })) {
    // At most four chunks ahead of the consumer (backpressure).
    while (inFlight >= 4) await new Promise((r) => (wake = r));
    inFlight++;
    const copy = new Uint8Array(chunk.length);
    copy.set(chunk);
    worker.postMessage(copy, [copy.buffer]);
  }
  worker.postMessage(null);
  await finished;
  await worker.terminate();
  const bWall = (performance.now() - t) / 1000;
  const bCpu = threadCpu() - c;
  console.log(`(b) a worker parses:      ${bWall.toFixed(2)} s wall, main thread ${bCpu.toFixed(2)} s CPU (${Math.round(m / bCpu).toLocaleString('en')}/s of its CPU), worker ${workerCpu.toFixed(2)} s CPU, ${m} rows`);
  console.log(`    main thread's CPU per row, (b) / (a): ${(bCpu / aCpu).toFixed(2)}×; wall (b) / (a): ${(bWall / aWall).toFixed(2)}×`);
}
