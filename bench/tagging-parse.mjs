// The floor under the full tag build: how fast this machine reads the same NDJSON file and only
// JSON-parses each line (no checks, no engine), beside the reader the build uses (parse + the export
// shape's check, a row at a time and a batch at a time) and the whole engine in process, run one after
// the other in one process.
//   node bench/tagging-parse.mjs [complaints=1000000]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { BUILT_IN_RULES, TagEngine, readLineBatches, readNdjson, readNdjsonBatches } from '@complaintkit/tagging';

const [N = 1_000_000] = process.argv.slice(2).map(Number);
const here = dirname(fileURLToPath(import.meta.url));
const data = join(here, '.data', `tagging-${N}.ndjson`);
const AS_OF = '2026-11-29T00:00:00+08:00';

const time = async (label, fn) => {
  const t = performance.now();
  const n = await fn();
  const s = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(44)} ${s.toFixed(2)} s  ${Math.round(n / s).toLocaleString('en').padStart(9)} complaints/s`);
  return s;
};

console.log(`load average ${loadavg()[0].toFixed(1)}`);
const parse = await time('read lines + JSON.parse only (the floor)', async () => {
  let n = 0;
  for await (const batch of readLineBatches(data)) for (const { text } of batch) if (JSON.parse(text)) n++;
  return n;
});
const read = await time('readNdjson (parse + export-shape check)', async () => {
  let n = 0;
  for await (const _ of readNdjson(data)) n++;
  return n;
});
const batches = await time('readNdjsonBatches (what the build reads)', async () => {
  let n = 0;
  for await (const b of readNdjsonBatches(data)) n += b.length;
  return n;
});
const engine = await time('TagEngine.run over readNdjsonBatches', async () => {
  const e = new TagEngine({ rules: BUILT_IN_RULES });
  return (await e.run(readNdjsonBatches(data), { asOf: AS_OF })).read;
});
console.log(`ratios to the parse-only floor: reader ${(read / parse).toFixed(2)}×, batches ${(batches / parse).toFixed(2)}×, engine ${(engine / parse).toFixed(2)}×`);
