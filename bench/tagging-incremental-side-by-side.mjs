// The incremental tag run of two copies of the tagging package's `dist`, alternating, on copies of one
// full build's state and exports (made once by BASE_DIST, so only the incremental command is timed):
// each run under /usr/bin/time (wall, user and system CPU, peak RSS) with its closing line's phase
// times; medians and the ratio new / base, and a check that both wrote byte-identical deltas, event
// logs. Both builds must read the same state format.
//   node bench/tagging-incremental-side-by-side.mjs BASE_DIST NEW_DIST [runs=5] [complaints=1000000] [new=10000]
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputDigest as digest, timedRun as time } from './tagging-runs.mjs';

const [baseDist, newDist, runs = '5', n = '1000000', m = '10000'] = process.argv.slice(2);
if (!baseDist || !newDist) throw new Error('usage: node bench/tagging-incremental-side-by-side.mjs BASE_DIST NEW_DIST [runs] [complaints] [new]');
const here = new URL('.', import.meta.url).pathname;
const data = join(here, '.data', `tagging-${n}.ndjson`);
const fresh = join(here, '.data', `tagging-${n}-new-${m}.ndjson`);
const work = mkdtempSync(join(tmpdir(), 'ck-tag-inc-'));
const full = join(work, 'full');
try {
  const f = time(baseDist, ['build', '--input', data, '--full', '--as-of', '2026-11-29T00:00:00+08:00', '--state', join(full, 'state'), '--out', join(full, 'out'), '--quiet']);
  console.log(`full build (base, set-up): ${f.wall.toFixed(2)} s wall`);
  const results = { base: [], new: [] };
  const digests = {};
  for (let i = 0; i < Number(runs); i++) {
    for (const [name, dist] of [['base', baseDist], ['new', newDist]]) {
      const dir = join(work, `${name}-${i}`);
      // The state file copied; the event log's files (never written again) linked; a new export folder.
      mkdirSync(join(dir, 'state', 'events'), { recursive: true });
      mkdirSync(join(dir, 'out'));
      copyFileSync(join(full, 'state', 'tags-state.sqlite'), join(dir, 'state', 'tags-state.sqlite'));
      for (const e of readdirSync(join(full, 'state', 'events'))) linkSync(join(full, 'state', 'events', e), join(dir, 'state', 'events', e));
      const load = loadavg()[0];
      const r = time(dist, ['build', '--input', fresh, '--as-of', '2026-11-30T00:00:00+08:00', '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet']);
      const phases = /done in [\d.]+ s \(([^)]*)\)/.exec(r.out)?.[1] ?? '';
      results[name].push({ ...r, load, phases });
      console.log(`  ${name.padEnd(4)} run ${i + 1}: ${r.wall.toFixed(2)} s wall ${(r.user + r.sys).toFixed(2)} s CPU (${r.user.toFixed(2)} user) ${r.rss.toFixed(0)} MB (load ${load.toFixed(1)})${phases ? `  ${phases}` : ''}`);
      const d = digest(dir);
      digests[name] = d;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const sum = {};
  for (const name of ['base', 'new']) {
    const rs = results[name];
    sum[name] = { wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.user + r.sys)), rss: median(rs.map((r) => r.rss)) };
    console.log(`${name.padEnd(4)} median: ${sum[name].wall.toFixed(2)} s wall, ${sum[name].cpu.toFixed(2)} s CPU, ${sum[name].rss.toFixed(0)} MB`);
  }
  console.log(`new / base: wall ${(sum.new.wall / sum.base.wall).toFixed(2)}×, CPU ${(sum.new.cpu / sum.base.cpu).toFixed(2)}×, RSS ${(sum.new.rss / sum.base.rss).toFixed(2)}×`);
  const names = new Set([...Object.keys(digests.base), ...Object.keys(digests.new)]);
  const differ = [...names].filter((k) => digests.base[k] !== digests.new[k]);
  console.log(`deltas, exports and event logs byte-identical: ${differ.length ? `no (${differ.join(', ')})` : `yes (${names.size} files)`}`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
