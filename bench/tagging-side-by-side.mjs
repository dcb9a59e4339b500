// The tag build of two copies of the tagging package's `dist` side by side, alternating, in one run:
// the full build (and export) of the generated history, then the incremental run of the new complaints
// on each one's own state, each under /usr/bin/time (wall, user and system CPU, peak RSS). It prints
// the ratios new / base and checks that both wrote the same exports (the files' checksums in the
// manifests), the same event log and the same state (its content after each run: `stateDigest`).
// Keep the base copy inside packages/tagging so it resolves the same dependencies, e.g. `cp -r packages/tagging/dist packages/tagging/.base-dist` before a change.
//   node bench/tagging-side-by-side.mjs BASE_DIST NEW_DIST [complaints=1000000] [new=10000] [rounds=1]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputDigest as digest, stateDigest, timedRun as time } from './tagging-runs.mjs';

const [baseDist, newDist, n = '1000000', m = '10000', rounds = '1'] = process.argv.slice(2);
if (!baseDist || !newDist) throw new Error('usage: node bench/tagging-side-by-side.mjs BASE_DIST NEW_DIST [complaints] [new] [rounds]');
const here = new URL('.', import.meta.url).pathname;
const data = join(here, '.data', `tagging-${n}.ndjson`);
const fresh = join(here, '.data', `tagging-${n}-new-${m}.ndjson`);


const fmt = (r) => `${r.wall.toFixed(2).padStart(7)} s wall ${r.user.toFixed(2).padStart(6)} s user ${r.sys.toFixed(2).padStart(5)} s sys ${r.rss.toFixed(0).padStart(4)} MB`;
const ratio = (a, b) => `wall ${(a.wall / b.wall).toFixed(2)}×, CPU ${((a.user + a.sys) / (b.user + b.sys)).toFixed(2)}×, RSS ${(a.rss / b.rss).toFixed(2)}×`;
for (let round = 1; round <= Number(rounds); round++) {
  const runs = {};
  for (const [name, dist] of [['base', baseDist], ['new', newDist]]) {
    const dir = mkdtempSync(join(tmpdir(), `ck-tag-sbs-${name}-`));
    const common = ['--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet'];
    const load = loadavg()[0].toFixed(1);
    const full = time(dist, ['build', '--input', data, '--full', '--as-of', '2026-11-29T00:00:00+08:00', ...common]);
    const fullState = Object.fromEntries(Object.entries(stateDigest(join(dir, 'state', 'tags-state.sqlite'))).map(([k, v]) => [`full build's ${k}`, v]));
    const inc = time(dist, ['build', '--input', fresh, '--as-of', '2026-11-30T00:00:00+08:00', ...common]);
    const incState = Object.fromEntries(Object.entries(stateDigest(join(dir, 'state', 'tags-state.sqlite'))).map(([k, v]) => [`incremental run's ${k}`, v]));
    runs[name] = { load, full, inc, digest: { ...digest(dir), ...fullState, ...incState } };
    rmSync(dir, { recursive: true, force: true });
  }
  const { base, new: next } = runs;
  console.log(`round ${round} (load average ${base.load} before base, ${next.load} before new)`);
  console.log(`  full build, base:  ${fmt(base.full)}  (${Math.round(Number(n) / base.full.wall).toLocaleString('en')}/s wall)`);
  console.log(`  full build, new:   ${fmt(next.full)}  (${Math.round(Number(n) / next.full.wall).toLocaleString('en')}/s wall, ${Math.round(Number(n) / (next.full.user + next.full.sys)).toLocaleString('en')}/s of CPU)`);
  console.log(`    new / base: ${ratio(next.full, base.full)}`);
  console.log(`  incremental, base: ${fmt(base.inc)}`);
  console.log(`  incremental, new:  ${fmt(next.inc)}`);
  console.log(`    new / base: ${ratio(next.inc, base.inc)}`);
  const names = new Set([...Object.keys(base.digest), ...Object.keys(next.digest)]);
  const differ = [...names].filter((k) => base.digest[k] !== next.digest[k]);
  console.log(`  exports and event log byte-identical, state the same: ${differ.length ? `no (${differ.join(', ')})` : `yes (${names.size} files)`}`);
}
