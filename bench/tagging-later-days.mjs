// Two builds of the tagging package on the same days, checked byte for byte: each one's full build of
// the generated history, its incremental run of the next day's new complaints, then runs with no new
// complaints a week and five weeks later (when many tags expire: what an incremental run must revisit
// on its own). Prints each run's wall and CPU time, how many customers it evaluated, and whether the
// two builds wrote the same exports and event log. Keep the base copy inside packages/tagging so it
// resolves the same dependencies (`cp -r packages/tagging/dist packages/tagging/.base-dist`).
//   node bench/tagging-later-days.mjs BASE_DIST NEW_DIST [complaints=1000000] [new=10000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputDigest as digest, timedRun } from './tagging-runs.mjs';

const [baseDist, newDist, n = '1000000', m = '10000'] = process.argv.slice(2);
if (!baseDist || !newDist) throw new Error('usage: node bench/tagging-later-days.mjs BASE_DIST NEW_DIST [complaints] [new]');
const here = new URL('.', import.meta.url).pathname;
const empty = join(mkdtempSync(join(tmpdir(), 'ck-tag-days-')), 'none.ndjson');
writeFileSync(empty, '');
const days = [
  ['full', join(here, '.data', `tagging-${n}.ndjson`), '2026-11-29T00:00:00+08:00', ['--full']],
  ['+1 day', join(here, '.data', `tagging-${n}-new-${m}.ndjson`), '2026-11-30T00:00:00+08:00', []],
  ['+8 days', empty, '2026-12-07T00:00:00+08:00', []],
  ['+40 days', empty, '2027-01-08T00:00:00+08:00', []],
];

function run(dist, args) {
  const r = timedRun(dist, args);
  return { wall: r.wall, cpu: r.user + r.sys, rss: r.rss, evaluated: /\((\d+) evaluated\)/.exec(r.out)?.[1] ?? '?' };
}

const digests = {};
for (const [name, dist] of [['base', baseDist], ['new', newDist]]) {
  const dir = mkdtempSync(join(tmpdir(), `ck-tag-days-${name}-`));
  console.log(`${name} (load average ${loadavg()[0].toFixed(1)}):`);
  for (const [label, input, asOf, extra] of days) {
    const r = run(dist, ['build', '--input', input, ...extra, '--as-of', asOf, '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet']);
    console.log(`  ${label.padEnd(9)} ${r.wall.toFixed(2).padStart(6)} s wall ${r.cpu.toFixed(2).padStart(6)} s CPU ${r.rss.toFixed(0).padStart(4)} MB  ${r.evaluated} customers evaluated`);
  }
  digests[name] = digest(dir);
  rmSync(dir, { recursive: true, force: true });
}
const names = new Set([...Object.keys(digests.base), ...Object.keys(digests.new)]);
const differ = [...names].filter((k) => digests.base[k] !== digests.new[k]);
console.log(`exports and event logs of all four runs byte-identical: ${differ.length ? `no (${differ.join(', ')})` : `yes (${names.size} files)`}`);
