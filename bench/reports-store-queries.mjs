// The report queries timed through the store alone (store.reporting.report with the spec each HTTP
// route builds: no HTTP, no service start-up), over a database one `bench/reports.mjs N --keep` left.
//   RUNS=5 node bench/reports-store-queries.mjs DIST DATA_DIR [DATABASE_URL]
// DIST is a packages/server/dist (this build's, or a saved copy of another's).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dist, dataDir, databaseUrl] = process.argv.slice(2);
const { openStore } = await import(pathToFileURL(resolve(dist, 'index.js')).href);
const store = await openStore({ dataDir, databaseUrl: databaseUrl || undefined });
const orgs = await store.listOrganisations();
const ho = orgs.find((o) => o.parentId === null);
const branch = orgs.find((o) => o.kind === 'branch');
const children = orgs.filter((o) => o.parentId === ho.id).map((o) => ({ id: o.id, path: o.path }));
const spec = (from, to, groupBy = [], orgPath = ho.path) => ({ range: { from, to }, filter: { orgPath }, groupBy, orgs: { scope: { id: ho.id, path: ho.path }, children } });
const Q = [
  ['report: one month, whole bank', spec('2026-10-01', '2026-10-31')],
  ['report: one month, a branch subtree', spec('2026-10-01', '2026-10-31', [], branch.path)],
  ['report: a quarter by B × C', spec('2026-07-01', '2026-09-30', ['businessCategory', 'cause'])],
  ['report: a year by organisation', spec('2025-12-01', '2026-11-30', ['organisation'])],
  ['heat map: provinces, a year (its report)', spec('2025-12-01', '2026-11-30', ['province'])],
  ['heat map: prefectures, a month (its report)', spec('2026-10-01', '2026-10-31', ['prefecture'])],
  ['alert window: this month to date', spec('2026-11-01', '2026-11-27')],
];
const runs = Number(process.env.RUNS ?? 5);
for (const [name, s] of Q) {
  await store.reporting.report(s);
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await store.reporting.report(s);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  console.log(`| ${name} | ${t[Math.floor(t.length / 2)].toFixed(0)} / ${t[t.length - 1].toFixed(0)} ms |`);
}
await store.close();
