// The history import's last step alone: the report cells' recomputation (`refreshCells`) over a copy
// of an imported database, every cell listed dirty, in the import session, each statement timed.
//
//   node bench/import-refresh.mjs DATA_DIR [--server DIR]
//
// DATA_DIR   a SQLite data folder (`complaintkit.sqlite` in it, e.g. one `complaintkit-server import`
//            filled); it is copied to a temporary folder and left as it is
// --server   another checkout's packages/server (its built dist) to run instead of this one; a build
//            from before migration 0024 gets that migration's row removed and its index back
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { server: { type: 'string' } }, allowPositionals: true });
const source = positionals[0];
if (!source) throw new Error('usage: node bench/import-refresh.mjs DATA_DIR [--server DIR]');
const server = values.server ?? join(dirname(fileURLToPath(import.meta.url)), '../packages/server');
const SQLite = createRequire(join(server, 'package.json'))('better-sqlite3');
const dir = mkdtempSync(join(tmpdir(), 'ck-refresh-'));
try {
  copyFileSync(join(source, 'complaintkit.sqlite'), join(dir, 'complaintkit.sqlite'));
  const raw = new SQLite(join(dir, 'complaintkit.sqlite'));
  raw.exec(`insert into report_dirty (day, org_path)
      select received_day, org_path from complaint_facts
      union select decided_day, org_path from complaint_facts where decided_day is not null
      union select rated_day, org_path from complaint_facts where rated_day is not null
    on conflict do nothing`);
  const { openStore } = await import(join(server, 'dist/index.js'));
  if (!existsSync(join(server, 'src/store/migrations/0024_report_cells_day_index.ts'))) {
    // An older build refuses a database with a migration it does not know.
    raw.exec("delete from kysely_migration where name = '0024_report_cells_day_index'; create index if not exists report_cells_cell on report_cells (day, org_path)");
  }
  raw.close();
  // Every statement of the recomputation timed on the connection.
  const times = [];
  const prepare = SQLite.prototype.prepare;
  SQLite.prototype.prepare = function (text, ...rest) {
    const statement = prepare.call(this, text, ...rest);
    for (const m of ['run', 'all', 'get']) {
      const f = statement[m];
      statement[m] = function (...a) {
        const t0 = performance.now();
        try {
          return f.apply(this, a);
        } finally {
          times.push([performance.now() - t0, text.replace(/\s+/g, ' ').slice(0, 70)]);
        }
      };
    }
    return statement;
  };
  const store = await openStore({ dataDir: dir });
  const t0 = performance.now();
  const cells = await store.reporting.importSession(() => store.reporting.refreshCells());
  const secs = (performance.now() - t0) / 1000;
  await store.close();
  const by = new Map();
  for (const [ms, text] of times) by.set(text, (by.get(text) ?? 0) + ms);
  for (const [text, ms] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${text}`);
  console.log(`recomputed ${cells} days × organisations in ${secs.toFixed(1)} s (${server})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
