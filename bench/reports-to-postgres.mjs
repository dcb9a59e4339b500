// Copies what the report queries read from a SQLite service database (one `bench/reports.mjs N --keep`
// left) into a fresh PostgreSQL database of the same build: the demo bank seeded by the same CLI,
// then every row of the metric facts and of the daily and monthly pre-aggregates (and the roots' sums
// where the schema has them), then `analyze`.
// The PostgreSQL side of the query timings without replaying the history import a second time (at
// 1M on the shared 2-core machine the import alone takes over an hour); the tables, indexes and
// rows the queries read are the same as after an import.
//   node bench/reports-to-postgres.mjs SQLITE_DIR PG_DIR DATABASE_URL [--dist DIR]
// --dist: the packages/server/dist whose CLI seeds and whose migrations make the schema (default
// this build's), so a base build gets a database of its own schema.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dist: { type: 'string' } } });
const [sqliteDir, pgDir, databaseUrl] = positionals;
if (!databaseUrl) throw new Error('usage: node bench/reports-to-postgres.mjs SQLITE_DIR PG_DIR DATABASE_URL [--dist DIR]');
const dist = resolve(values.dist ?? new URL('../packages/server/dist', import.meta.url).pathname);
const seeded = spawnSync(process.execPath, [resolve(dist, 'cli.js'), 'seed', '--data', pgDir, '--months', '1'], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
if (seeded.status !== 0) throw new Error(seeded.stderr);
const { openStore } = await import(pathToFileURL(resolve(dist, 'index.js')).href);
// The server's own kysely (the bench package does not depend on it).
const { sql } = await import(pathToFileURL(createRequire(resolve(dist, '../package.json')).resolve('kysely')).href);
const from = await openStore({ dataDir: sqliteDir });
const to = await openStore({ dataDir: pgDir, databaseUrl });
const orgs = async (s) => JSON.stringify((await s.listOrganisations()).map((o) => [o.id, o.path]).sort());
if ((await orgs(from)) !== (await orgs(to))) throw new Error('the two databases hold different organisation trees');
const tables = ['complaint_facts', 'report_cells', 'report_months', 'report_roots'];
const present = new Set((await to.db.introspection.getTables()).map((t) => t.name));
const t0 = performance.now();
for (const table of tables.filter((t) => present.has(t))) {
  await to.db.deleteFrom(table).execute();
  let batch = [];
  let n = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await to.db.insertInto(table).values(batch).execute();
    n += batch.length;
    batch = [];
  };
  // At most 65,535 parameters per statement on PostgreSQL.
  let per;
  for await (const row of from.db.selectFrom(table).selectAll().stream(2_000)) {
    per ??= Math.floor(60_000 / Object.keys(row).length);
    batch.push(row);
    if (batch.length >= per) await flush();
  }
  await flush();
  console.log(`${table}: ${n.toLocaleString('en')} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
await to.db.deleteFrom('report_dirty').execute();
await sql`analyze`.execute(to.db);
await from.close();
await to.close();
