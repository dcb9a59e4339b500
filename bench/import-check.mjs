// The history import's check pass alone (parse, validate, replay each row: `checkRow`, what each
// check worker runs), this build against another checkout's build, in one process, alternating
// rounds over the same rows, one thread, after checking that both give every row the same complaint
// byte for byte. The lifecycle's own default clock (no bank calendar).
//   node bench/import-check.mjs [complaints=20000] [--rows 5000] [--rounds 4] --base DIR
// DIR: a checkout whose packages/server/dist is built. Reads bench/.data/reports-N.ndjson and the
// organisations from a seeded database (`--data DIR`, default: a fresh `complaintkit-server seed`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { rows: { type: 'string' }, rounds: { type: 'string' }, base: { type: 'string' }, data: { type: 'string' } } });
const N = Number(positionals[0] ?? 20_000);
const ROWS = Number(values.rows ?? 5_000);
const ROUNDS = Number(values.rounds ?? 4);
if (!values.base) throw new Error('--base DIR is required');

/** `checkRow` from a build's dist (the chunk that exports it). */
async function checkRowOf(root) {
  const dist = join(root, 'packages/server/dist');
  for (const f of readdirSync(dist).filter((f) => f.startsWith('chunk-') && f.endsWith('.js'))) {
    if (!readFileSync(join(dist, f), 'utf8').includes('function checkRow(')) continue;
    return (await import(pathToFileURL(join(dist, f)).href)).checkRow;
  }
  throw new Error(`no checkRow in ${dist}`);
}

const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'ck-check-'));
if (!values.data) execFileSync(process.execPath, [join(here, '../packages/server/dist/cli.js'), 'seed', '--data', dataDir, '--months', '1'], { stdio: 'ignore' });
const require = createRequire(join(here, '../packages/server/package.json'));
const Database = require('better-sqlite3');
const db = new Database(join(dataDir, 'complaintkit.sqlite'), { readonly: true });
const orgs = new Map(db.prepare('select id, path, parent_id from organisations').all().map((o) => [o.id, { path: o.path, parentId: o.parent_id }]));
db.close();
const ctx = { orgs, clock: {} };
const lines = readFileSync(join(here, '.data', `reports-${N}.ndjson`), 'utf8').split('\n').filter(Boolean).slice(0, ROWS);
const rows = lines.map((text, i) => ({ line: i + 1, text }));

const builds = { this: await checkRowOf(join(here, '..')), base: await checkRowOf(values.base) };
// First, untimed: both builds give every row the same complaint, byte for byte (its stored document).
for (const r of rows) {
  const [a, b] = [builds.this(r, ctx), builds.base(r, ctx)].map((c) => JSON.stringify(c));
  if (a !== b) throw new Error(`line ${r.line}: this build and the base differ:\n${a}\n${b}`);
}
const times = { this: [], base: [] };
for (let round = 0; round <= ROUNDS; round++) {
  for (const name of round % 2 ? ['this', 'base'] : ['base', 'this']) {
    const check = builds[name];
    const t0 = process.cpuUsage();
    let ok = 0;
    for (const r of rows) if (check(r, ctx).complaint) ok++;
    const used = process.cpuUsage(t0);
    if (ok !== rows.length) throw new Error(`${name}: ${rows.length - ok} rows refused`);
    if (round > 0) times[name].push(((used.user + used.system) / rows.length));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`checkRow over ${rows.length} rows (the same complaints, byte for byte, from both builds) of reports-${N}.ndjson, ${ROUNDS} rounds alternating (after a warm-up), CPU µs per row; load average ${load}`);
console.log(`this build: ${times.this.map((t) => t.toFixed(0)).join(' / ')} (median ${median(times.this).toFixed(0)})`);
console.log(`base (${values.base}): ${times.base.map((t) => t.toFixed(0)).join(' / ')} (median ${median(times.base).toFixed(0)})`);
console.log(`ratio ×${(median(times.base) / median(times.this)).toFixed(2)}`);
