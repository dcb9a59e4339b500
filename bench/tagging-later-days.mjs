// Two builds of the tagging package on the same days, checked byte for byte: each one's full build of
// the generated history, its incremental run of the next day's new complaints, then runs with no new
// complaints a week and five weeks later (when many tags expire: what an incremental run must revisit
// on its own). Prints each run's wall and CPU time, how many customers it evaluated, and whether the
// two builds wrote the same exports and event log. Keep the base copy inside packages/tagging so it
// resolves the same dependencies (`cp -r packages/tagging/dist packages/tagging/.base-dist`).
//   node bench/tagging-later-days.mjs BASE_DIST NEW_DIST [complaints=1000000] [new=10000]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
  const cmd = `/usr/bin/time -f '@@ %e %U %S %M' node ${resolve(dist, 'cli.js')} ${args.map((a) => `'${a}'`).join(' ')} 2>&1`;
  const out = execFileSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const t = /@@ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(out);
  if (!t) throw new Error(out);
  return { wall: Number(t[1]), cpu: Number(t[2]) + Number(t[3]), rss: Number(t[4]) / 1024, evaluated: /\((\d+) evaluated\)/.exec(out)?.[1] ?? '?' };
}
function digest(dir) {
  const out = {};
  for (const e of readdirSync(join(dir, 'out'))) {
    for (const f of JSON.parse(readFileSync(join(dir, 'out', e, 'manifest.json'), 'utf8')).files) out[`${e}/${f.name}`] = f.sha256;
  }
  for (const f of readdirSync(join(dir, 'state', 'events'))) out[`events/${f}`] = createHash('sha256').update(readFileSync(join(dir, 'state', 'events', f))).digest('hex');
  return out;
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
