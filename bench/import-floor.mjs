// The history import's storage floor: the rows a real import wrote, replayed with bare better-sqlite3
// into a fresh database of the same schema (tables, indexes, triggers), in the import's batches (one
// transaction each, the WAL flushed after each commit as the service's WalSync does), with prepared
// statements and no JS work in the timed part beyond binding. What any implementation of today's
// record can reach on one SQLite writer; CPU per complaint per table, measured with process.cpuUsage
// (all threads: SQLite's sorter helpers too) around the statements only — reading the source rows,
// and any variant's rewriting of them, is outside the timed part.
//
//   node bench/import-floor.mjs DATA_DIR [--batch 10000] [--out FILE] [--late-indexes] [--reports all|maximal|none]
//        [--doc no-timeline] [--drop-index a,b] [--rows 1] [--repeat 1] [--page-size 4096] [--json]
//
// DATA_DIR         a SQLite data folder filled by `complaintkit-server import` (e.g. bench/reports.mjs 100000
//                  --import-only --keep: bench/.data/reports-100000/sqlite); read only
// --batch N        complaints per transaction, as the import's --batch (bench/reports.mjs: 10000)
// --out FILE       the fresh database (default: a temporary folder, deleted afterwards)
// --late-indexes   the replayed tables' secondary indexes created after the load (timed, as "indexes")
// --reports        all: report_cells, report_months, report_roots written whole after the batches (as
//                  the import's recomputation leaves them) and each batch's report_dirty cells;
//                  maximal: only the rows of the dimension sets no other set contains (the 4 of 10 the
//                  recomputation reads from the facts); none: no report rows at all
// --doc no-timeline  complaints.document without its `timeline` (the events table holds it)
// --drop-index     these indexes not created at all (a record with fewer indexes)
// --rows N         rows per insert statement (multi-row `values`; 1: one bound row per call)
// --page-size B    the fresh database's page size (the service's files: SQLite's default, 4096)
// --repeat R       the import's rows R times, each copy's keys (complaint ids, row and event numbers,
//                  source ids) made distinct: R = 10 from a 100,000 import gives 1,000,000 complaints'
//                  worth of rows and B-tree depth (report rows are not repeated: use --reports none)
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const SQLite = createRequire(join(here, '../packages/server/package.json'))('better-sqlite3');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    batch: { type: 'string' },
    out: { type: 'string' },
    'late-indexes': { type: 'boolean' },
    reports: { type: 'string' },
    doc: { type: 'string' },
    'drop-index': { type: 'string' },
    rows: { type: 'string' },
    repeat: { type: 'string' },
    json: { type: 'boolean' },
    'page-size': { type: 'string' },
  },
});
const source = positionals[0];
if (!source) throw new Error('usage: node bench/import-floor.mjs DATA_DIR [--batch 10000] [--late-indexes] [--reports all|maximal|none] …');
const BATCH = Number(values.batch ?? 10_000);
const REPORTS = values.reports ?? 'all';
const ROWS = Number(values.rows ?? 1);
const REPEAT = Number(values.repeat ?? 1);
const DROPPED = new Set((values['drop-index'] ?? '').split(',').filter(Boolean));
if (!['all', 'maximal', 'none'].includes(REPORTS)) throw new Error('--reports all|maximal|none');
if (REPEAT > 1 && REPORTS !== 'none') throw new Error('--repeat needs --reports none (report rows do not grow with the copies)');

/** The tables an import batch writes, in the order the import writes them, and the column naming their complaint. */
const BATCH_TABLES = [
  ['complaints', 'id'],
  ['events', 'complaint_id'],
  ['follow_ups', 'complaint_id'],
  ['complaint_facts', 'id'],
  ['import_sources', 'complaint_id'],
];
const REPORT_TABLES = ['report_cells', 'report_months', 'report_roots'];
/** The dimension sets no other set contains (store/reports/cells.ts CELL_PLAN's `from: null`). */
const MAXIMAL = new Set(['intake_channel', 'severity', 'business_category,business_major,province,prefecture', 'business_category,business_major,cause,business_channel']);

const srcFile = join(source, 'complaintkit.sqlite');
const src = new SQLite(srcFile, { readonly: true });
const tmp = values.out ? undefined : mkdtempSync(join(tmpdir(), 'ck-floor-'));
const outFile = values.out ?? join(tmp, 'complaintkit.sqlite');
for (const f of [outFile, `${outFile}-wal`, `${outFile}-shm`]) rmSync(f, { force: true });
const dst = new SQLite(outFile);
// (before the WAL: a WAL database keeps its page size)
if (values['page-size']) dst.pragma(`page_size = ${Number(values['page-size'])}`);
dst.pragma('journal_mode = WAL');
dst.pragma('synchronous = NORMAL');
// The import session's settings (packages/server/src/store/import-session.ts IMPORT_PRAGMAS).
for (const p of ['cache_size = -262144', 'wal_autocheckpoint = 64000', 'temp_store = 2', 'mmap_size = 1073741824', 'threads = 2']) dst.pragma(p);

// The schema, as the source keeps it: tables, then indexes (some later or never), then triggers.
const master = src.prepare("select type, name, tbl_name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by case type when 'table' then 0 when 'index' then 1 else 2 end, rowid").all();
const replayed = new Set([...BATCH_TABLES.map(([t]) => t), ...REPORT_TABLES, 'report_dirty']);
const lateIndexes = [];
for (const m of master) {
  if (m.type === 'index' && DROPPED.has(m.name)) continue;
  if (m.type === 'index' && values['late-indexes'] && replayed.has(m.tbl_name)) {
    lateIndexes.push(m);
    continue;
  }
  dst.exec(m.sql);
}
for (const name of DROPPED) if (!master.some((m) => m.name === name)) throw new Error(`--drop-index: no index ${name}`);

// The complaints of the import, in its order: complaint id → batch.
const imported = src.prepare('select complaint_id from import_sources order by rowid').pluck().all();
const batchOf = new Map(imported.map((id, i) => [id, Math.floor(i / BATCH)]));
const batches = Math.ceil(imported.length / BATCH);

// Everything else (organisations, staff, counters, the seed's complaints) copied untimed.
dst.exec(`attach database '${srcFile.replaceAll("'", "''")}' as s`);
dst.exec('begin');
for (const { name } of src.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all()) {
  const key = BATCH_TABLES.find(([t]) => t === name)?.[1];
  if (key) dst.exec(`insert into main.${name} select * from s.${name} where ${key} not in (select complaint_id from s.import_sources)`);
  else if (!replayed.has(name)) dst.exec(`insert into main.${name} select * from s.${name}`);
}
dst.exec('commit');
dst.exec('detach database s');
dst.pragma('wal_checkpoint(truncate)');

const columnsOf = (t) => src.prepare(`select name from pragma_table_info('${t}')`).pluck().all();
/** An insert of `n` rows of table `t`'s columns. */
const insertSql = (t, cols, n) => `insert into ${t} (${cols.join(', ')}) values ${Array.from({ length: n }, () => `(${cols.map(() => '?').join(', ')})`).join(', ')}`;
const statementsOf = (t, cols) => ({ one: dst.prepare(insertSql(t, cols, 1)), many: ROWS > 1 ? dst.prepare(insertSql(t, cols, ROWS)) : undefined });
/** Binds and runs: the timed part. `rows` are arrays in column order (or flattened already for `many`). */
function insertAll(st, rows) {
  let i = 0;
  if (st.many) {
    for (; i + ROWS <= rows.length; i += ROWS) st.many.run(rows.flatRows[i / ROWS]);
  }
  for (; i < rows.length; i++) st.one.run(rows[i]);
}
/** Rows flattened for the multi-row statement ahead of the timed part (no JS work while timing). */
function prepareRows(rows) {
  if (ROWS > 1) {
    rows.flatRows = [];
    for (let i = 0; i + ROWS <= rows.length; i += ROWS) rows.flatRows.push(rows.slice(i, i + ROWS).flat());
  }
  return rows;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000; // ms
};
const totals = new Map(); // phase → { rows, ms }
const add = (phase, rows, ms) => {
  const t = totals.get(phase) ?? { rows: 0, ms: 0 };
  t.rows += rows;
  t.ms += ms;
  totals.set(phase, t);
};
const walFd = () => openSync(`${outFile}-wal`, 'r+');
let wal = walFd();
const commit = () => {
  const c0 = cpu();
  dst.exec('commit');
  // WalSync: the WAL flushed before the next batch (the file may have been restarted by a checkpoint).
  closeSync(wal);
  wal = walFd();
  fdatasyncSync(wal);
  add('commit', 0, cpu() - c0);
};

// The batch tables, read in insertion (rowid) order, a batch at a time; their statements prepared once.
const tables = BATCH_TABLES.map(([t, key]) => {
  const cols = columnsOf(t);
  const select = cols.map((c) => (t === 'complaints' && c === 'document' && values.doc === 'no-timeline' ? "json_remove(document, '$.timeline')" : c));
  const reader = new SQLite(srcFile, { readonly: true });
  const it = reader.prepare(`select ${select.join(', ')} from ${t} order by rowid`).raw().iterate();
  return { t, cols, keyAt: cols.indexOf(key), st: statementsOf(t, cols), it, pending: undefined };
});
if (values.doc !== undefined && values.doc !== 'no-timeline') throw new Error('--doc no-timeline');
const dirtyIns = dst.prepare('insert into report_dirty (day, org_path) values (?, ?) on conflict do nothing');
const factCols = columnsOf('complaint_facts');
const fi = (c) => factCols.indexOf(c);

/** A batch's rows of one table (the source's rows of the complaints of batch `b`). */
function rowsOfBatch(tab, b) {
  const out = [];
  for (;;) {
    let row = tab.pending;
    tab.pending = undefined;
    if (row === undefined) {
      const n = tab.it.next();
      if (n.done) return out;
      row = n.value;
    }
    const k = batchOf.get(row[tab.keyAt]);
    if (k === undefined) continue; // the seed's rows, copied already
    if (k < b) throw new Error(`${tab.t}: a row of batch ${k} after batch ${b} began (not in batch order)`);
    if (k > b) {
      tab.pending = row;
      return out;
    }
    out.push(row);
  }
}

/** Key rewriting for copy r of --repeat (outside the timed part). */
const KEY_COLUMNS = { complaints: { id: 's', row_seq: 'n' }, events: { seq: 'n', complaint_id: 's' }, follow_ups: { complaint_id: 's' }, complaint_facts: { id: 's' }, import_sources: { source_id: 's', complaint_id: 's' } };
function copyRows(tab, rows, r) {
  if (r === 0) return rows;
  const keys = Object.entries(KEY_COLUMNS[tab.t]).map(([c, kind]) => [tab.cols.indexOf(c), kind]);
  return rows.map((row) => {
    const x = row.slice();
    for (const [i, kind] of keys) x[i] = kind === 's' ? `${x[i]}-${r}` : x[i] + r * 100_000_000;
    return x;
  });
}

const wall0 = performance.now();
let complaints = 0;
const perBatch = [];
// With --repeat, the source's batches are read once and kept (rewritten per copy).
const kept = [];
for (let r = 0; r < REPEAT; r++) {
  for (let b = 0; b < batches; b++) {
    let rowsByTable;
    if (r === 0) {
      rowsByTable = tables.map((tab) => rowsOfBatch(tab, b));
      if (REPEAT > 1) kept.push(rowsByTable);
    } else rowsByTable = kept[b];
    rowsByTable = rowsByTable.map((rows, i) => prepareRows(copyRows(tables[i], rows, r)));
    // The cells the batch lists dirty (writeFacts' touchCells): its facts' received, decided and rated days.
    const facts = rowsByTable[3];
    const dirty = new Map();
    if (REPORTS !== 'none') {
      for (const f of facts) for (const d of [f[fi('received_day')], f[fi('decided_day')], f[fi('rated_day')]]) if (d !== null) dirty.set(`${d}\u0000${f[fi('org_path')]}`, [d, f[fi('org_path')]]);
    }
    const dirtyRows = [...dirty.keys()].sort().map((k) => dirty.get(k));
    const b0 = cpu();
    dst.exec('begin');
    for (const [i, tab] of tables.entries()) {
      const c0 = cpu();
      insertAll(tab.st, rowsByTable[i]);
      add(tab.t, rowsByTable[i].length, cpu() - c0);
    }
    if (dirtyRows.length > 0) {
      const c0 = cpu();
      for (const row of dirtyRows) dirtyIns.run(row);
      add('report_dirty', dirtyRows.length, cpu() - c0);
    }
    commit();
    complaints += rowsByTable[0].length;
    perBatch.push({ batch: perBatch.length, complaints: rowsByTable[0].length, ms: cpu() - b0 });
  }
  if (REPEAT > 1) {
    const part = perBatch.slice(r * batches);
    const us = (part.reduce((s, p) => s + p.ms, 0) * 1000) / part.reduce((s, p) => s + p.complaints, 0);
    console.error(`copy ${r + 1}/${REPEAT}: ${complaints.toLocaleString('en')} complaints written, this copy's batches ${us.toFixed(1)} µs CPU per complaint (load ${loadavg()[0].toFixed(1)})`);
  }
}
for (const tab of tables) if (tab.pending !== undefined || !tab.it.next().done) throw new Error(`${tab.t}: rows left after the last batch`);

// The report tables, whole, in their key order (as the recomputation leaves them), one transaction.
if (REPORTS !== 'none') {
  dst.exec('begin');
  const c0 = cpu();
  dst.exec('delete from report_dirty');
  add('report_dirty', 0, cpu() - c0);
  for (const t of REPORT_TABLES) {
    const cols = columnsOf(t);
    const st = statementsOf(t, cols);
    const where = REPORTS === 'maximal' ? `where dims in (${[...MAXIMAL].map((d) => `'${d}'`).join(', ')})` : '';
    const pk = src.prepare(`select name from pragma_table_info('${t}') where pk > 0 order by pk`).pluck().all();
    const it = src.prepare(`select * from ${t} ${where} order by ${pk.join(', ')}`).raw().iterate();
    let chunk = [];
    const flush = () => {
      prepareRows(chunk);
      const c1 = cpu();
      insertAll(st, chunk);
      add(t, chunk.length, cpu() - c1);
      chunk = [];
    };
    for (const row of it) {
      chunk.push(row);
      if (chunk.length === 100_000) flush();
    }
    flush();
  }
  commit();
}

// --late-indexes: the secondary indexes built once from the loaded tables.
if (lateIndexes.length > 0) {
  dst.exec('begin');
  for (const m of lateIndexes) {
    const c0 = cpu();
    dst.exec(m.sql);
    add(`index ${m.name}`, 0, cpu() - c0);
  }
  commit();
}
const wall = (performance.now() - wall0) / 1000;
closeSync(wal);
const size = dst.prepare('select page_count * page_size from pragma_page_count, pragma_page_size').pluck().get();
dst.close();
src.close();
if (tmp) rmSync(tmp, { recursive: true, force: true });

const all = [...totals.values()].reduce((s, t) => s + t.ms, 0);
const us = (ms) => (ms * 1000) / complaints;
const label = [
  values['late-indexes'] ? 'late indexes' : 'indexes kept',
  `reports ${REPORTS}`,
  values.doc ? `doc ${values.doc}` : '',
  DROPPED.size ? `without ${[...DROPPED].join(', ')}` : '',
  ROWS > 1 ? `${ROWS} rows/statement` : '',
  values['page-size'] ? `page size ${values['page-size']}` : '',
  BATCH !== 10_000 ? `batch ${BATCH}` : '',
  REPEAT > 1 ? `×${REPEAT}` : '',
]
  .filter(Boolean)
  .join('; ');
const thirds = [0, 1, 2].map((k) => {
  const part = perBatch.slice(Math.floor((k * perBatch.length) / 3), Math.floor(((k + 1) * perBatch.length) / 3));
  const n = part.reduce((s, p) => s + p.complaints, 0);
  return n === 0 ? 0 : (part.reduce((s, p) => s + p.ms, 0) * 1000) / n;
});
if (values.json) {
  console.log(JSON.stringify({ label, complaints, batch: BATCH, cpuMs: all, usPerComplaint: us(all), wall, bytes: size, tables: Object.fromEntries(totals), batchThirdsUs: thirds, load: loadavg() }));
} else {
  console.log(`\nstorage floor (${label}): ${complaints.toLocaleString('en')} complaints in ${batches * REPEAT} batches of ${BATCH}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| table / step | rows | rows per complaint | CPU s | µs per complaint | µs per row |\n|---|---:|---:|---:|---:|---:|');
  for (const [phase, t] of totals) {
    console.log(`| ${phase} | ${t.rows.toLocaleString('en')} | ${(t.rows / complaints).toFixed(2)} | ${(t.ms / 1000).toFixed(2)} | ${us(t.ms).toFixed(1)} | ${t.rows ? ((t.ms * 1000) / t.rows).toFixed(2) : ''} |`);
  }
  console.log(`| **total** | | | ${(all / 1000).toFixed(2)} | **${us(all).toFixed(1)}** | |`);
  console.log(`wall ${wall.toFixed(1)} s; ${Math.round(complaints / (all / 1000)).toLocaleString('en')} complaints per CPU-second of the writer; database ${(size / 1e6).toFixed(0)} MB; batch CPU by thirds of the import ${thirds.map((x) => x.toFixed(1)).join(' / ')} µs per complaint`);
}
