// The floor of the incremental tag run (issue #9's "10,000 new complaints ≤ 0.5 s"): in one fresh
// `node` process, only the work any implementation must do to give the real run's outputs, no rules
// and no checks:
//   start     Node itself and loading better-sqlite3
//   read      read the 10,000 new rows and JSON.parse each
//   state     open the state (the run's pragmas), look up the owners of the rows' complaint numbers,
//             read the texts of the customers the rows touch and of those due (revisit_at <= as-of)
//   events    the run's events (taken from a real run's log, parsed before the clock runs), each
//             JSON.stringify'd and written to a temporary file renamed into place
//   delta     the delta's CSV, then its NDJSON (rows taken from a real run's delta), formatted, hashed,
//             written in a temporary folder; then ("delta end") the manifest, the rename, the unlinked report
//   save      the changed customers' new texts (taken from the real run's state) appended, the
//             directory, dropped customers, owners and header, in one transaction
//   close     the state closed: SQLite's checkpoint of the WAL into the file, as the real run's close
// "floor-2" is the same with the save (and close) on a worker thread, started before the clock, written
// while the main thread writes the events and the delta, and committed after them: the floor on two cores.
// The taken-from-a-real-run inputs are loaded in the child before its phases are timed ("set-up",
// left out of the sums). It runs alternating with the real command, each on a fresh copy of one full
// build's state, and checks that the floor wrote the same bytes (delta files, event log) and the same
// state content as the real run.
//   node bench/tagging-incremental-floor.mjs [DIST=packages/tagging/dist] [runs=5] [complaints=1000000] [new=10000]
import { execFileSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { outputDigest, stateDigest, timedRun } from './tagging-runs.mjs';

const here = new URL('.', import.meta.url).pathname;
const require = createRequire(new URL('../packages/tagging/package.json', import.meta.url));
const AS_OF = '2026-11-30T00:00:00+08:00';

if (!isMainThread) await saveAside(workerData);
else if (process.argv[2] === '--child') await child(process.argv[3]);
else driver();

function driver() {
  const [dist = join(here, '../packages/tagging/dist'), runs = '5', n = '1000000', m = '10000'] = process.argv.slice(2);
  const data = join(here, '.data', `tagging-${n}.ndjson`);
  const fresh = join(here, '.data', `tagging-${n}-new-${m}.ndjson`);
  const work = mkdtempSync(join(tmpdir(), 'ck-tag-floor-'));
  try {
    const full = join(work, 'full');
    const f = timedRun(dist, ['build', '--input', data, '--full', '--as-of', '2026-11-29T00:00:00+08:00', '--state', join(full, 'state'), '--out', join(full, 'out'), '--quiet']);
    console.log(`full build (set-up): ${f.wall.toFixed(2)} s wall`);
    const copy = (name) => {
      const dir = join(work, name);
      mkdirSync(join(dir, 'state', 'events'), { recursive: true });
      mkdirSync(join(dir, 'out'));
      copyFileSync(join(full, 'state', 'tags-state.sqlite'), join(dir, 'state', 'tags-state.sqlite'));
      for (const e of readdirSync(join(full, 'state', 'events'))) linkSync(join(full, 'state', 'events', e), join(dir, 'state', 'events', e));
      return dir;
    };
    const before = new Set(readdirSync(join(full, 'state', 'events')));
    // One real run gives what the floor writes: its events, its delta's rows, its state's changes.
    const ref = copy('ref');
    timedRun(dist, ['build', '--input', fresh, '--as-of', AS_OF, '--state', join(ref, 'state'), '--out', join(ref, 'out'), '--quiet']);
    const fixture = join(work, 'fixture');
    mkdirSync(fixture);
    const logName = readdirSync(join(ref, 'state', 'events')).find((e) => !before.has(e));
    const deltaName = readdirSync(join(ref, 'out'))[0];
    const reports = readdirSync(join(ref, 'state', 'reports'));
    writeFileSync(join(fixture, 'changes.json'), JSON.stringify(stateChanges(join(full, 'state', 'tags-state.sqlite'), join(ref, 'state', 'tags-state.sqlite'))));
    writeFileSync(join(fixture, 'names.json'), JSON.stringify({ logName, deltaName, report: reports[0] ?? null }));
    copyFileSync(join(ref, 'state', 'events', logName), join(fixture, 'events.ndjson'));
    copyFileSync(join(ref, 'out', deltaName, 'tags.ndjson'), join(fixture, 'delta.ndjson'));
    copyFileSync(join(ref, 'out', deltaName, 'manifest.json'), join(fixture, 'manifest.json'));
    if (reports[0]) copyFileSync(join(ref, 'state', 'reports', reports[0]), join(fixture, 'unlinked.ndjson'));
    const refDigest = { ...outputDigest(ref), ...stateDigest(join(ref, 'state', 'tags-state.sqlite')) };

    const kinds = ['real', 'floor', 'floor-2'];
    const results = Object.fromEntries(kinds.map((k) => [k, []]));
    let same = true;
    for (let i = 0; i < Number(runs); i++) {
      for (const name of kinds) {
        const dir = copy(`${name}-${i}`);
        const load = loadavg()[0];
        let r;
        if (name === 'real') {
          r = timedRun(dist, ['build', '--input', fresh, '--as-of', AS_OF, '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet']);
          r.phases = /done in [\d.]+ s \(([^)]*)\)/.exec(r.out)?.[1] ?? '';
        } else {
          const cmd = `/usr/bin/time -f '@@ %e %U %S %M' node ${resolve(here, 'tagging-incremental-floor.mjs')} --child '${JSON.stringify({ fixture, fresh, dir, asOf: AS_OF, aside: name === 'floor-2' })}' 2>&1`;
          const out = execFileSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 26 });
          const t = /@@ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(out);
          if (!t) throw new Error(out);
          r = { wall: Number(t[1]), user: Number(t[2]), sys: Number(t[3]), rss: Number(t[4]) / 1024, ...JSON.parse(/^@phases (.*)$/m.exec(out)[1]) };
          r.phases = Object.entries(r.times).map(([k, [w, c]]) => `${k} ${w.toFixed(3)}/${c.toFixed(3)}`).join(', ');
        }
        const d = { ...outputDigest(dir), ...stateDigest(join(dir, 'state', 'tags-state.sqlite')) };
        const differ = Object.keys(refDigest).filter((k) => refDigest[k] !== d[k]);
        if (differ.length) {
          same = false;
          console.log(`  ${name} run ${i + 1} differs from the reference run: ${differ.join(', ')}`);
        }
        results[name].push({ ...r, load });
        console.log(`  ${name.padEnd(5)} run ${i + 1}: ${r.wall.toFixed(2)} s wall ${(r.user + r.sys).toFixed(2)} s CPU ${r.rss.toFixed(0)} MB (load ${load.toFixed(1)})  ${r.phases}`);
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const name of kinds) {
      const rs = results[name];
      console.log(`${name.padEnd(5)} median: ${median(rs.map((r) => r.wall)).toFixed(3)} s wall, ${median(rs.map((r) => r.user + r.sys)).toFixed(3)} s CPU, ${median(rs.map((r) => r.rss)).toFixed(0)} MB (/usr/bin/time, the floor's set-up included)`);
    }
    for (const name of ['floor', 'floor-2']) {
      const fl = results[name];
      console.log(`${name}, phase medians (wall / process CPU, s; "counted" = the process without its set-up):`);
      for (const k of Object.keys(fl[0].times)) console.log(`  ${k.padEnd(12)} ${median(fl.map((r) => r.times[k][0])).toFixed(3)} / ${median(fl.map((r) => r.times[k][1])).toFixed(3)}`);
      console.log(`  evaluated customers: ${fl[0].evaluated} (${fl[0].newCustomers} not yet saved), events ${fl[0].events}, changed customers ${fl[0].changed}`);
    }
    console.log(`outputs (delta, event log, state content) equal to the real run's in every run: ${same ? 'yes' : 'NO'}`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What the real run changed in the state: the customers it wrote (their new texts), dropped, the owners, the header. */
function stateChanges(beforeFile, afterFile) {
  const Database = require('better-sqlite3');
  const db = new Database(afterFile, { readonly: true });
  try {
    db.prepare('attach database ? as b').run(beforeFile);
    const maxText = db.prepare('select max(id) as m from b.customer_texts').get().m;
    const changed = db.prepare('select c.id, c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id where c.text_id > ? order by c.id').all(maxText);
    // Customers whose revisit time alone changed keep their text (the real save gives them a new one all the same).
    const dropped = db.prepare('select id from b.customers except select id from main.customers').all().map((r) => r.id);
    const added = db.prepare('select complaint_id, customer_id from main.owners except select complaint_id, customer_id from b.owners').all();
    const gone = db.prepare('select complaint_id from b.owners except select complaint_id from main.owners').all();
    const meta = Object.fromEntries(db.prepare('select key, value from main.meta').all().map((r) => [r.key, r.value]));
    return {
      ids: changed.map((r) => r.id),
      revisits: changed.map((r) => r.revisit_at),
      texts: changed.map((r) => r.data),
      dropped,
      owners: [...added.map((r) => [r.complaint_id, r.customer_id]), ...gone.map((r) => [r.complaint_id, null])],
      meta,
    };
  } finally {
    db.close();
  }
}

/** The floor itself, in a fresh process: each phase's wall and CPU seconds, printed as `@phases {json}`. */
async function child(arg) {
  const times = {};
  let t = performance.now();
  let c = process.cpuUsage();
  const cpu = (u) => (u.user + u.system) / 1e6;
  // From the process's start (performance's time origin) to here: Node's own start.
  const mark = (name) => {
    const now = performance.now();
    const u = process.cpuUsage();
    times[name] = [(now - t) / 1000, cpu(process.cpuUsage(c))];
    t = now;
    c = u;
  };
  times.start = [t / 1000, cpu(c)];
  const fs = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const Database = require('better-sqlite3');
  const { fixture, fresh, dir, asOf, aside } = JSON.parse(arg);
  mark('load');
  const file = join(dir, 'state', 'tags-state.sqlite');
  let saver = null;
  if (aside) {
    const w = new Worker(new URL(import.meta.url), { workerData: { fixture, file } });
    const queue = [];
    const waiting = [];
    w.on('message', (m) => (waiting.length ? waiting.shift()(m) : queue.push(m)));
    w.on('error', (e) => {
      console.error(e);
      process.exit(1);
    });
    saver = { w, next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiting.push(r))) };
    await saver.next(); // its set-up done
  }
  // Set-up, not counted: what the rules would have produced.
  const names = JSON.parse(fs.readFileSync(join(fixture, 'names.json'), 'utf8'));
  const events = fs.readFileSync(join(fixture, 'events.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const deltaRows = fs.readFileSync(join(fixture, 'delta.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const template = JSON.parse(fs.readFileSync(join(fixture, 'manifest.json'), 'utf8'));
  const unlinked = names.report ? fs.readFileSync(join(fixture, 'unlinked.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const changes = aside ? null : JSON.parse(fs.readFileSync(join(fixture, 'changes.json'), 'utf8'));
  mark('set-up');

  const rows = fs.readFileSync(fresh, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  mark('read');

  const db = new Database(file, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -16384');
  const sorted = (xs) => [...new Set(xs)].sort();
  const owners = new Map();
  for (const r of db.prepare('select o.complaint_id, o.customer_id from json_each(?) j join owners o on o.complaint_id = j.value').iterate(JSON.stringify(sorted(rows.map((r) => r.id))))) {
    owners.set(r.complaint_id, r.customer_id);
  }
  const touched = sorted([...rows.map((r) => r.customerId).filter((id) => id !== null), ...owners.values()]);
  const held = new Map();
  for (const r of db.prepare('select c.id, c.revisit_at, t.data from json_each(?) j join customers c on c.id = j.value join customer_texts t on t.id = c.text_id').iterate(JSON.stringify(touched))) {
    held.set(r.id, r);
  }
  for (const r of db.prepare('select c.id, c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id where c.revisit_at <= ?').iterate(Date.parse(asOf))) {
    if (!held.has(r.id)) held.set(r.id, r);
  }
  const fresh_ = touched.filter((id) => !held.has(id)).length;
  if (saver) {
    db.close();
    saver.w.postMessage('go');
  }
  mark('state');

  const eventsDir = join(dir, 'state', 'events');
  const tmp = join(eventsDir, `run.tmp-${process.pid}-${Date.now()}`);
  const fd = fs.openSync(tmp, 'w');
  let buffer = '';
  for (const e of events) {
    buffer += `${JSON.stringify(e)}\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  fs.renameSync(tmp, join(eventsDir, names.logName));
  mark('events');

  const out = join(dir, 'out');
  const tmpDir = join(out, `.${names.deltaName}.tmp-${process.pid}`);
  fs.mkdirSync(tmpDir);
  const cell = (v) => {
    if (v === null) return '';
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const columns = template.columns;
  const files = [];
  const put = (name, text) => {
    const bytes = Buffer.from(text, 'utf8');
    fs.writeFileSync(join(tmpDir, name), bytes);
    files.push({ name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  };
  // One format after the other, each its own phase: what writing one format fewer would save.
  let csv = `${columns.join(',')}\r\n`;
  for (const r of deltaRows) {
    if (r.op === 'upsert') {
      csv += `upsert,${columns.slice(1).map((k) => cell(k === 'evidence' ? r[k].join(';') : r[k])).join(',')}\r\n`;
    } else {
      csv += `delete,${cell(r[columns[1]])}${','.repeat(columns.length - 2)}\r\n`;
    }
  }
  put('tags.csv', csv);
  mark('delta CSV');
  let ndjson = '';
  for (const r of deltaRows) ndjson += `${JSON.stringify(r)}\n`;
  put('tags.ndjson', ndjson);
  mark('delta NDJSON');
  fs.writeFileSync(join(tmpDir, 'manifest.json'), `${JSON.stringify({ ...template, files }, null, 2)}\n`);
  fs.renameSync(tmpDir, join(out, names.deltaName));
  if (names.report) {
    fs.mkdirSync(join(dir, 'state', 'reports'), { recursive: true });
    fs.writeFileSync(join(dir, 'state', 'reports', names.report), unlinked.map((u) => JSON.stringify(u)).join('\n') + '\n');
  }
  mark('delta end');

  let changed;
  if (saver) {
    // Written beside the events and the delta; committed (and closed) after them, the commit point last.
    changed = (await saver.next()).changed;
    saver.w.postMessage('commit');
    await saver.next();
    mark('save');
    await saver.w.terminate();
  } else {
    db.exec('begin');
    writeChanges(db, changes);
    db.exec('commit');
    changed = changes.ids.length;
    mark('save');
    // Closing the last connection checkpoints the WAL into the file (and syncs it), as the real run's close does.
    db.close();
    mark('close');
  }

  const counted = Object.entries(times).filter(([k]) => k !== 'set-up');
  times.counted = [counted.reduce((s, [, [w]]) => s + w, 0), counted.reduce((s, [, [, u]]) => s + u, 0)];
  console.log(`@phases ${JSON.stringify({ times, evaluated: held.size + fresh_, newCustomers: fresh_, events: events.length, changed })}`);
}

/** The save's statements: the changed customers' texts appended, the directory, dropped customers, owners, the header. */
function writeChanges(db, changes) {
  const text = db.prepare('insert into customer_texts (data) values (?)');
  const put = db.prepare('insert or replace into customers (id, revisit_at, text_id) values (?, ?, ?)');
  const del = db.prepare('delete from customers where id = ?');
  const own = db.prepare('insert or replace into owners (complaint_id, customer_id) values (?, ?)');
  const disown = db.prepare('delete from owners where complaint_id = ?');
  const setMeta = db.prepare('insert or replace into meta (key, value) values (?, ?)');
  const { ids, revisits, texts } = changes;
  for (let i = 0; i < ids.length; i++) put.run(ids[i], revisits[i], text.run(texts[i]).lastInsertRowid);
  for (const id of changes.dropped) del.run(id);
  for (const [cid, owner] of changes.owners) {
    if (owner === null) disown.run(cid);
    else own.run(cid, owner);
  }
  for (const [k, v] of Object.entries(changes.meta)) setMeta.run(k, v);
}

/** floor-2's worker: loads the changes (set-up), then on `go` writes them in an immediate transaction, commits on `commit`, closes. */
async function saveAside({ fixture, file }) {
  const { readFileSync } = await import('node:fs');
  const Database = require('better-sqlite3');
  const changes = JSON.parse(readFileSync(join(fixture, 'changes.json'), 'utf8'));
  const next = () => new Promise((r) => parentPort.once('message', r));
  parentPort.postMessage('ready');
  await next();
  const db = new Database(file, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -16384');
  db.exec('begin immediate');
  writeChanges(db, changes);
  parentPort.postMessage({ changed: changes.ids.length });
  await next();
  db.exec('commit');
  db.close();
  parentPort.postMessage('done');
}
