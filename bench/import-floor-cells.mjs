// How many report rows an import of a bench/reports.mjs history file leaves (report_cells and
// report_months, per population and dimension set), counted from the file itself, without importing
// it: the keys of store/reports/cells.ts (a population's bank day in Asia/Shanghai or its month, the
// handling organisation, the set's dimension values). For the history the generator writes (no
// merges, reviews or changed severities: every import is `normal`; an organisation keeps its region),
// so that the storage floor (bench/import-floor.mjs) can be carried to 1,000,000 complaints where the
// cells saturate. Check it against a real import's tables at 100,000 first (`--db`).
//
//   node bench/import-floor-cells.mjs bench/.data/reports-1000000.ndjson [--db DATA_DIR]
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { db: { type: 'string' } } });
const file = positionals[0];
if (!file) throw new Error('usage: node bench/import-floor-cells.mjs FILE.ndjson [--db DATA_DIR]');

// store/reports/cells.ts CELL_SETS, with the columns a row of the generator gives.
const SETS = [
  [],
  ['intakeChannel'],
  ['businessChannel'],
  ['severity'],
  ['cause'],
  ['businessCategory'],
  ['province'],
  ['businessCategory', 'cause'],
  ['businessCategory', 'province'],
  ['businessCategory', 'cause', 'businessChannel'],
];
const day = (iso) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const cells = SETS.map(() => ({ received: new Set(), decided: new Set(), rated: new Set() }));
const months = SETS.map(() => ({ received: new Set(), decided: new Set(), rated: new Set() }));
let n = 0;
for await (const line of createInterface({ input: createReadStream(file) })) {
  if (!line) continue;
  const r = JSON.parse(line);
  n++;
  r.severity = 'normal';
  r.province = r.orgId; // an organisation keeps one region: its province and prefecture add no rows
  const days = {
    received: r.declinedAt === undefined ? day(r.receivedAt) : null, // declined: not counted
    decided: r.decidedAt === undefined ? null : day(r.decidedAt),
    rated: r.followUpAt !== undefined && r.reached && r.satisfaction !== undefined ? day(r.followUpAt) : null,
  };
  for (const [i, set] of SETS.entries()) {
    const dims = set.map((c) => r[c]).join('\u0000');
    for (const p of ['received', 'decided', 'rated']) {
      const d = days[p];
      if (d === null) continue;
      cells[i][p].add(`${d}\u0000${r.orgId}\u0000${dims}`);
      months[i][p].add(`${d.slice(0, 7)}\u0000${r.orgId}\u0000${dims}`);
    }
  }
}
const count = (x) => x.reduce((s, m) => s + m.received.size + m.decided.size + m.rated.size, 0);
const c = count(cells);
const m = count(months);
console.log(`${n.toLocaleString('en')} complaints: report_cells ${c.toLocaleString('en')} rows (${(c / n).toFixed(2)} per complaint), report_months ${m.toLocaleString('en')} (${(m / n).toFixed(2)} per complaint)`);
const maximal = [3, 1, 8, 9];
const cm = maximal.reduce((s, i) => s + cells[i].received.size + cells[i].decided.size + cells[i].rated.size, 0);
console.log(`  the 4 maximal sets alone: report_cells ${cm.toLocaleString('en')} (${(cm / n).toFixed(2)} per complaint)`);
if (values.db) {
  const SQLite = createRequire(join(here, '../packages/server/package.json'))('better-sqlite3');
  const db = new SQLite(join(values.db, 'complaintkit.sqlite'), { readonly: true });
  const q = (s) => db.prepare(s).pluck().get();
  console.log(`  the database (${values.db}, with its seed's complaints): report_cells ${q('select count(*) from report_cells').toLocaleString('en')}, report_months ${q('select count(*) from report_months').toLocaleString('en')}, complaints ${q('select count(*) from complaints').toLocaleString('en')}`);
}
