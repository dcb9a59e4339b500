// A prototype, not the build: would a full build sharded by customer across worker threads reach the
// #9 goal (1,000,000 complaints in 5 s on 2 cores)? Each of SHARDS workers reads the whole NDJSON file,
// finds each line's customer id without parsing (the text after `"customerId":"`), and parses, checks
// and takes only the lines of the customers it owns (a hash of the id; lines without a customer go to
// shard 0) into its own TagEngine, which evaluates them; it serialises its events as the event log's
// lines. A line of another shard's customer whose complaint number this shard holds is taken too, as a
// removal (a complaint moved between customers), which the real build would need. The main thread only
// waits and counts: no merge of the events in key order, no exports, no state (what a real build would
// add). It prints each shard's wall and CPU, the whole run's wall, and the tags against
// `build --full`'s snapshot row count when given.
//   /usr/bin/time -f '%e s %U user %S sys %M KB' node bench/tagging-shard-prototype.mjs [complaints=1000000] [shards=2]
import { createReadStream, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { BUILT_IN_RULES, TagEngine } from '@complaintkit/tagging';

const threadCpu = () => {
  const f = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const AS_OF = '2026-11-29T00:00:00+08:00';

/** FNV-1a of `s.slice(from, to)`: which shard owns a customer. */
function shardOf(s, from, to, shards) {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

if (!isMainThread) {
  const { file, shard, shards } = workerData;
  const engine = new TagEngine({ rules: BUILT_IN_RULES });
  const started = performance.now();
  let mine = 0;
  let moved = 0;
  async function* rows() {
    let rest = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      const batch = [];
      for (const line of lines) {
        if (!line) continue;
        const k = line.indexOf('"customerId":');
        const owner = k !== -1 && line.charCodeAt(k + 13) === 34 ? shardOf(line, k + 14, line.indexOf('"', k + 14), shards) : 0;
        if (owner === shard) {
          mine++;
          batch.push(JSON.parse(line));
        } else if (engine.owners.has(line.slice(7, line.indexOf('"', 7)))) {
          // Another shard's customer now has a complaint this shard holds: taken as a removal here.
          moved++;
          batch.push({ ...JSON.parse(line), customerId: null });
        }
      }
      if (batch.length) yield batch;
    }
  }
  let events = 0;
  let bytes = 0;
  let read = 0;
  const summary = await engine.run(rows(), {
    asOf: AS_OF,
    onEvent: (e) => {
      events++;
      const text = JSON.stringify(e);
      // (A real build writes them to its event log as they come: here they are only counted.)
      bytes += text.length;
    },
    onProgress: (n) => {
      read = performance.now();
      void n;
    },
    progressEvery: 100_000,
  });
  let tags = 0;
  for (const a of engine.assignments()) if (a.status === 'active') tags++;
  parentPort.postMessage({ shard, mine, moved, events, bytes, tags, customers: engine.customerCount, read: summary.read, wall: (performance.now() - started) / 1000, readDone: (read - started) / 1000, cpu: threadCpu() });
} else {
  const [n = '1000000', shards = '2'] = process.argv.slice(2);
  const file = join(dirname(fileURLToPath(import.meta.url)), '.data', `tagging-${n}.ndjson`);
  const t = performance.now();
  const results = await Promise.all(
    Array.from({ length: Number(shards) }, (_, shard) => {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { file, shard, shards: Number(shards) } });
      return new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
    }),
  );
  const wall = (performance.now() - t) / 1000;
  for (const r of results) {
    console.log(`shard ${r.shard}: ${r.mine.toLocaleString('en')} lines its own, ${r.moved} moved away, ${r.customers.toLocaleString('en')} customers, ${r.tags.toLocaleString('en')} active tags, ${r.events.toLocaleString('en')} events (${(r.bytes / 1e6).toFixed(1)} MB); read done ${r.readDone.toFixed(2)} s, all ${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU`);
  }
  const tags = results.reduce((a, r) => a + r.tags, 0);
  console.log(`${shards} shards: ${wall.toFixed(2)} s wall (${Math.round(Number(n) / wall).toLocaleString('en')} complaints/s), ${tags.toLocaleString('en')} active tags in all`);
}
