// Reporting at scale: imports N deterministic historical complaints (two years, skewed like a real
// bank: a few busy sub-branches, credit cards about half, most decided on time) through the import
// path (`complaintkit-server import FILE`), then times every report, trend, heat map, regulator table
// and alert evaluation over HTTP against the running service, on SQLite and (with --pg) PostgreSQL.
//   node bench/reports.mjs [complaints=1000000] [--pg] [--runs 20] [--keep] [--import-only] [--base DIR]
// Needs `pnpm -r build`. Data goes to bench/.data/reports-<N>/ (the NDJSON file is reused).
// --import-only  stops after the import (the import rate alone)
// --base DIR     also imports the same file with another checkout's build (DIR/packages/server/dist/cli.js)
//                into its own fresh database, base and this build alternately, and prints the ratio
// --threads N    this build's import with N check-pass worker threads (complaintkit-server import --threads)
// --pg           also PostgreSQL: the one at DATABASE_URL (databases are created in it), else a
//                throwaway PostgreSQL 15 started here (fsync off, as the other benches)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '@complaintkit/server';
import { AS_OF, median, p95, queryTarget } from './reports-queries.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '../packages/server/dist/cli.js');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pg: { type: 'boolean' },
    runs: { type: 'string' },
    keep: { type: 'boolean' },
    batch: { type: 'string' },
    'import-only': { type: 'boolean' },
    base: { type: 'string' },
    threads: { type: 'string' },
  },
});
const N = Number(positionals[0] ?? 1_000_000);
const RUNS = Number(values.runs ?? 20);
const BATCH = values.batch ?? '10000';
const dir = join(here, '.data', `reports-${N}`);
mkdirSync(dir, { recursive: true });
const DAY = 86_400_000;
/** The history ends here; the service's clock is set to it so "this month" is the last month of data. */
const START = AS_OF - 730 * DAY;

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const weighted = (pairs) => {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const cum = pairs.map(([v, w]) => {
    acc += w / total;
    return [v, acc];
  });
  return (u) => cum.find(([, c]) => u < c)?.[0] ?? cum[cum.length - 1][0];
};
const CATEGORY = weighted([['B0302', 45], ['B0202', 12], ['B0201', 10], ['B0301', 8], ['B04', 6], ['B01', 6], ['B08', 5], ['B09', 4], ['B99', 4]]);
const CAUSE = weighted([['C11', 30], ['C01', 20], ['C03', 15], ['C05', 10], ['C07', 10], ['C99', 15]]);
const CHANNEL = weighted([['A0101', 30], ['A010303', 25], ['A02', 15], ['A0102', 10], ['A010301', 10], ['A0104', 10]]);
const INTAKE = weighted([['hotline', 40], ['mobile_app', 20], ['outlet', 20], ['online_banking', 10], ['wechat', 5], ['regulator_transfer', 5]]);
const iso = (t) => new Date(t).toISOString();

/** Writes the history file: receipts grow over the two years with a weekly rhythm; organisations are Zipf-skewed. */
async function generate(file, orgs) {
  const rnd = prng(20261130);
  const units = orgs.filter((o) => o.kind === 'sub_branch' || o.kind === 'outlet' || o.kind === 'centre');
  // Zipf(1.1) over the units in a shuffled but fixed order: a few take a large share.
  const order = units.map((o, i) => [o, prng(i + 1)()]).sort((a, b) => a[1] - b[1]).map(([o]) => o);
  const unit = weighted(order.map((o, i) => [o, 1 / (i + 1) ** 1.1]));
  const out = createWriteStream(file);
  for (let i = 0; i < N; i++) {
    // Receipt: density ∝ 1 + 0.6x over the two years (the last day 60 % busier than the first), drawn
    // by inverse transform; weekends 40 % quieter.
    let t;
    do {
      const u = rnd();
      t = START + 730 * DAY * ((Math.sqrt(1 + 1.2 * u * 1.3) - 1) / 0.6);
    } while (new Date(t + 8 * 3_600_000).getUTCDay() % 6 === 0 && rnd() < 0.4);
    const org = unit(rnd());
    const r = {
      sourceId: `OLD-${i}`,
      receivedAt: iso(t),
      orgId: org.id,
      intakeChannel: INTAKE(rnd()),
      businessChannel: CHANNEL(rnd()),
      businessCategory: CATEGORY(rnd()),
      cause: CAUSE(rnd()),
      ...(org.regionCode && { regionCode: org.regionCode }),
      ...(rnd() < 0.85 && { customerId: `RC${String(Math.floor(400_000 * rnd() ** 1.5)).padStart(7, '0')}` }),
    };
    const fate = rnd();
    if (fate < 0.02) r.declinedAt = iso(t + 3_600_000);
    else if (fate < 0.05) r.withdrawnAt = iso(t + Math.floor(1 + rnd() * 8) * DAY);
    else {
      const days = rnd() < 0.92 ? 1 + Math.floor(rnd() * 13) : 14 + Math.floor(rnd() * 30);
      const decided = t + days * DAY + Math.floor(rnd() * 6 * 3_600_000);
      if (days > 12 && rnd() < 0.7) r.extendedAt = iso(t + 10 * DAY);
      if (decided < AS_OF - DAY) {
        r.decidedAt = iso(decided);
        r.outcome = rnd() < 0.5 ? 'not_upheld' : rnd() < 0.6 ? 'partly_upheld' : 'upheld';
        if (rnd() < 0.7 && decided + DAY < AS_OF) {
          r.followUpAt = iso(decided + DAY);
          r.reached = rnd() < 0.9;
          if (r.reached) r.satisfaction = rnd() < 0.9 ? 4 + Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 3);
          if (r.reached && rnd() < 0.6) r.decisionAccepted = rnd() < 0.85;
          if (rnd() < 0.6 && decided + 2 * DAY < AS_OF) r.closedAt = iso(decided + 2 * DAY);
        }
      }
    }
    if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}


/** Starts a throwaway PostgreSQL 15 (trust auth, fsync off: a benchmark's database) on a free port. */
async function throwawayPostgres() {
  const bin = '/usr/lib/postgresql/15/bin';
  const pgDir = mkdtempSync(join(tmpdir(), 'ck-bench-pg-'));
  chmodSync(pgDir, 0o777);
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chown', ['postgres', pgDir]);
  const sh = (cmd) => {
    const r = root ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { encoding: 'utf8' }) : spawnSync('/bin/bash', ['-c', cmd], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
  };
  sh(`${bin}/initdb -D ${pgDir}/data -A trust -U postgres --no-sync >/dev/null`);
  const fast = '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  sh(`${bin}/pg_ctl -D ${pgDir}/data -l ${pgDir}/log -w start -o "-p ${port} -k /tmp -c listen_addresses=127.0.0.1 ${fast}" >/dev/null`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      sh(`${bin}/pg_ctl -D ${pgDir}/data -m immediate -w stop >/dev/null`);
      rmSync(pgDir, { recursive: true, force: true });
    },
  };
}
let postgres;

/** A fresh database of this kind (named `name`) with the demo bank seeded by `cli`. */
function freshDatabase(kind, name, cli) {
  const dataDir = join(dir, name);
  let databaseUrl;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (kind === 'postgres') {
    const db = `ck_bench_${name.replace(/\W/g, '_')}_${N}`;
    const r = spawnSync('psql', [postgres.url, '-q', '-c', `drop database if exists ${db}`, '-c', `create database ${db}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const u = new URL(postgres.url);
    u.pathname = `/${db}`;
    databaseUrl = u.toString();
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl ?? '' };
  // The demo bank's organisation tree (and one month of demo complaints) first: imports need organisations.
  const seeded = spawnSync(process.execPath, [cli, 'seed', '--data', dataDir, '--months', '1'], { env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  return { dataDir, databaseUrl, env };
}

/** Imports `file` through `cli import` (as a bank would); its summary line and the rate. */
async function importWith(cli, file, target, extra = []) {
  const t0 = performance.now();
  // The import's own CPU time (user + system, all its threads) when GNU time is there: on a shared
  // machine the wall time measures the load as much as the import.
  const timed = existsSync('/usr/bin/time');
  const cpuFile = join(dir, 'import-cpu.txt');
  const argv = [process.execPath, cli, 'import', file, '--data', target.dataDir, '--batch', BATCH, ...extra];
  const child = timed ? spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', cpuFile, ...argv], { env: target.env, stdio: ['ignore', 'pipe', 'inherit'] }) : spawn(argv[0], argv.slice(1), { env: target.env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  const [code] = await once(child, 'exit');
  const secs = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`import exited ${code}`);
  // GNU time's last line (a killed child's "Command terminated…" comes before it): user, system, peak RSS in KiB.
  const [user, system, rssKiB] = timed ? readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(/\s+/).map(Number) : [];
  return { secs, rate: N / secs, cpu: timed ? user + system : undefined, rssMiB: timed ? rssKiB / 1024 : undefined, out: out.trim() };
}

async function run(kind) {
  const file = join(here, '.data', `reports-${N}.ndjson`);
  const target = freshDatabase(kind, kind, CLI);
  const { dataDir, databaseUrl } = target;
  const store = await openStore({ dataDir, databaseUrl });
  const orgs = await store.listOrganisations();
  await store.close();
  if (!existsSync(file)) {
    const t0 = performance.now();
    await generate(file, orgs);
    console.log(`generated ${N} records in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${file}`);
  }
  let base;
  if (values.base) {
    // The baseline build first, on its own fresh database, then this one: side by side, same file.
    const baseCli = join(values.base, 'packages/server/dist/cli.js');
    const baseTarget = freshDatabase(kind, `${kind}-base`, baseCli);
    base = await importWith(baseCli, file, baseTarget);
    console.log(`base (${values.base}): ${base.out}`);
    if (!values.keep) rmSync(baseTarget.dataDir, { recursive: true, force: true });
  }
  // --threads N: this build's check-pass worker threads (the base build is run as it is).
  const imported = await importWith(CLI, file, target, values.threads === undefined ? [] : ['--threads', values.threads]);
  console.log(imported.out);
  const importRate = imported.rate;
  const secs = imported.secs;
  if (values['import-only']) {
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
    return { importRate, secs, cpu: imported.cpu, rssMiB: imported.rssMiB, base, rows: [] };
  }

  // The same service, rules and queries as bench/reports-queries.mjs (one list of them, there).
  const service = await queryTarget(join(here, '../packages/server/dist'), dataDir, databaseUrl);
  const rows = [];
  for (const [name, path, init] of service.queries) {
    await service.get(path, init); // warm
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push((await service.get(path, init))[0]);
    rows.push([name, median(times), p95(times)]);
  }
  await service.close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  return { importRate, secs, cpu: imported.cpu, rssMiB: imported.rssMiB, base, rows };
}

const kinds = values.pg ? ['sqlite', 'postgres'] : ['sqlite'];
if (values.pg) postgres = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop() {} } : await throwawayPostgres();
const results = {};
try {
  for (const kind of kinds) results[kind] = await run(kind);
} finally {
  postgres?.stop();
}
console.log(`\n${N.toLocaleString('en')} complaints, ${RUNS} runs each (after one warm-up), over HTTP on this machine; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const kind of kinds) {
  const r = results[kind];
  const cpu = (x) => (x.cpu === undefined ? '' : `, CPU ${x.cpu.toFixed(1)} s = ${Math.round(N / x.cpu).toLocaleString('en')} complaints per CPU-second, peak RSS ${Math.round(x.rssMiB).toLocaleString('en')} MiB`);
  const vsBase = r.base ? `; base ${Math.round(r.base.rate).toLocaleString('en')}/s (${r.base.secs.toFixed(1)} s${cpu(r.base)}), ×${(r.importRate / r.base.rate).toFixed(1)}` : '';
  console.log(`import (${kind}): ${r.secs.toFixed(1)} s, ${Math.round(r.importRate).toLocaleString('en')} complaints/s${cpu(r)}${vsBase}`);
}
if (values['import-only']) process.exit(0);
console.log(`\n| query | ${kinds.map((k) => `${k} median | ${k} p95`).join(' | ')} |\n|---|${kinds.map(() => '---:|---:').join('|')}|`);
for (let i = 0; i < results.sqlite.rows.length; i++) {
  console.log(`| ${results.sqlite.rows[i][0]} | ${kinds.map((k) => `${results[k].rows[i][1].toFixed(1)} ms | ${results[k].rows[i][2].toFixed(1)} ms`).join(' | ')} |`);
}
