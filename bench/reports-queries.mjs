// The reporting queries alone, over a database that already holds the history (one `bench/reports.mjs
// N --keep` left, or a copy of it), optionally side by side with another build over its own copy of the
// same database: each query warmed on both, then timed alternately (base, this build, base, …) so both
// see the same machine load.
//   node bench/reports-queries.mjs DATA_DIR [--runs 10] [--database-url URL]
//        [--base-dist DIR --base-data DIR [--base-database-url URL]] [--lock FILE] [--name NAME --base-name NAME]
// DATA_DIR is a service data directory (SQLite), or with --database-url the directory of its identity
// secret and the PostgreSQL database to use. --base-dist is another build's packages/server/dist (for
// example a copy of main's before a change). The first call on each server is timed on its own: it
// recomputes the daily pre-aggregates an import left dirty (see docs/guides/measuring-complaint-handling.md).
// --lock FILE: the timed part (not the services' start-up, 45 s each at 1M) runs holding `flock FILE`
// (the team's bench lock, /work/wt/bench.lock), and prints the load average before and after it.
// --name / --base-name: the two columns' headings (default "this build" and "base"); the same build
// on SQLite (the "base") against PostgreSQL side by side:
//   node bench/reports-queries.mjs PG_DIR --database-url URL --name PostgreSQL \
//        --base-dist packages/server/dist --base-data SQLITE_DIR --base-name SQLite
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** The alert rules the bench evaluates (one per example of the issue). */
export const RULES = [
  { name: '信用卡广东环比上升50%', metric: 'volume', filter: { region: '44', businessCategory: ['B03'] }, window: 'month', comparison: 'mom', direction: 'above', threshold: 50, minimumVolume: 20 },
  { name: '按时办结率低于95%', metric: 'timeliness', window: 'month', direction: 'below', threshold: 0.95, minimumVolume: 10 },
  { name: '重复投诉率高于10%', metric: 'repeatRate', window: 'month', direction: 'above', threshold: 0.1, minimumVolume: 10 },
  { name: '逾期超过5件', metric: 'overdueOpen', direction: 'above', threshold: 5 },
];

/** The queries timed: [name, path, init?]; `branchId` is a province branch, `ruleIds` the created rules. */
export const queriesFor = (branchId, ruleIds) => [
  ['report: one month, whole bank', '/v1/reports?from=2026-10-01&to=2026-10-31'],
  ['report: one month, a branch subtree', `/v1/reports?from=2026-10-01&to=2026-10-31&orgId=${branchId}`],
  ['report: a quarter by B × C', '/v1/reports?from=2026-07-01&to=2026-09-30&groupBy=businessCategory&groupBy=cause'],
  ['report: a year by organisation', '/v1/reports?from=2025-12-01&to=2026-11-30&groupBy=organisation'],
  ['trend: volume per month over two years (MoM, YoY)', '/v1/reports/trend?from=2024-12-01&to=2026-11-30&interval=month&metric=volume'],
  ['trend: timeliness per week over a quarter', '/v1/reports/trend?from=2026-09-01&to=2026-11-30&interval=week&metric=timeliness'],
  ['heat map: provinces, a year', '/v1/reports/heat-map?from=2025-12-01&to=2026-11-30&level=province'],
  ['heat map: prefectures, a month', '/v1/reports/heat-map?from=2026-10-01&to=2026-10-31&level=prefecture'],
  ['regulator statistics: a quarter', '/v1/reports/regulator?quarter=2026Q3'],
  ...ruleIds.map((id, i) => [`alert evaluation: ${RULES[i].name}`, '/v1/alerts/evaluate', { method: 'POST', body: JSON.stringify({ ruleId: id }) }]),
];

/** The history ends here; the service's clock is set to it so "this month" is the last month of data. */
export const AS_OF = Date.parse('2026-11-27T18:00:00+08:00');

export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1];
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Starts a service of the given build over a data directory, creates the rules, and returns a timed
 * `get` and the queries. `dist` is a packages/server/dist directory.
 */
export async function queryTarget(dist, dataDir, databaseUrl) {
  const { startServer, silentLogger } = await import(pathToFileURL(resolve(dist, 'index.js')).href);
  const t0 = performance.now();
  const server = await startServer({ port: 0, dataDir, databaseUrl, logger: silentLogger, alertEveryMs: 0, now: () => AS_OF, jwtSecret: 'bench-secret-0123456789abcdef0123' });
  const startup = performance.now() - t0;
  const token = await server.issueToken({ sub: 'bench', kind: 'system' }, '30d');
  const get = async (path, init = {}) => {
    const t = performance.now();
    const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    const body = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${body}`);
    return [performance.now() - t, body];
  };
  const first = (await get('/v1/reports?from=2026-11-01&to=2026-11-27'))[0];
  const orgs = await server.store.listOrganisations();
  const ids = [];
  for (const r of RULES) ids.push(JSON.parse((await get('/v1/alert-rules', { method: 'POST', body: JSON.stringify(r) }))[1]).id);
  return { get, startup, first, queries: queriesFor(orgs.find((o) => o.kind === 'branch').id, ids), close: () => server.close() };
}

/** Waits for `flock FILE` (held by a child process until the returned release is called). */
async function holdLock(file) {
  const child = spawn('flock', [file, 'sh', '-c', 'echo locked; cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((ok, fail) => {
    child.once('error', fail);
    child.stdout.once('data', ok);
  });
  return () => child.stdin.end();
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      'database-url': { type: 'string' },
      'base-dist': { type: 'string' },
      'base-data': { type: 'string' },
      'base-database-url': { type: 'string' },
      lock: { type: 'string' },
      name: { type: 'string' },
      'base-name': { type: 'string' },
    },
  });
  const runs = Number(values.runs ?? 10);
  const here = new URL('.', import.meta.url).pathname;
  const targets = [[values.name ?? 'this build', await queryTarget(resolve(here, '../packages/server/dist'), positionals[0], values['database-url'])]];
  if (values['base-dist']) targets.unshift([values['base-name'] ?? 'base', await queryTarget(values['base-dist'], values['base-data'], values['base-database-url'])]);
  for (const [name, t] of targets) console.log(`${name}: start-up (startServer: migrations, start-up checks) ${t.startup.toFixed(0)} ms; first report (recomputes dirty pre-aggregates, if any) ${t.first.toFixed(0)} ms`);
  const release = values.lock ? await holdLock(values.lock) : () => {};
  const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
  console.log(`timed from ${new Date().toISOString()}, load average ${load()}`);
  const rows = [];
  for (let q = 0; q < targets[0][1].queries.length; q++) {
    const times = targets.map(() => []);
    for (const [, t] of targets) await t.get(t.queries[q][1], t.queries[q][2]); // warm
    for (let i = 0; i < runs; i++) {
      for (let k = 0; k < targets.length; k++) {
        const t = targets[k][1];
        times[k].push((await t.get(t.queries[q][1], t.queries[q][2]))[0]);
      }
    }
    rows.push([targets[0][1].queries[q][0], times.map((xs) => [median(xs), p95(xs)])]);
  }
  console.log(`timed until ${new Date().toISOString()}, load average ${load()}`);
  release();
  for (const [, t] of targets) await t.close();
  const fmt = (x) => x.toLocaleString('en', { maximumFractionDigits: x < 10 ? 1 : 0 });
  console.log(`\n${runs} runs each after one warm-up, alternately; ${targets.map(([n]) => n).join(' vs ')}`);
  console.log(`| query | ${targets.map(([n]) => `${n} median / p95`).join(' | ')}${targets.length > 1 ? ` | p95 ${targets[0][0]} ÷ ${targets[1][0]}` : ''} |`);
  console.log(`|---|${targets.map(() => '---:').join('|')}|${targets.length > 1 ? '---:|' : ''}`);
  for (const [name, ts] of rows) {
    const cells = ts.map(([m, p]) => `${fmt(m)} / ${fmt(p)} ms`);
    console.log(`| ${name} | ${cells.join(' | ')}${ts.length > 1 ? ` | ${(ts[0][1] / ts[1][1]).toFixed(1)}× |` : ' |'}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
