// The floor of the full tag build on two cores (issue #9's "1,000,000 complaints ≥ 200,000/s"): in one
// fresh `node` process, only the work any implementation must do to give the real build's outputs, no
// rules and no checks:
//   start     Node itself
//   parse     the input cut at a line's end near its middle byte, each half read (1 MB chunks, UTF-8
//             decoded, split into lines) and JSON.parse'd line by line on its own worker thread
//   write     on the main thread: the snapshot export (CSV, then NDJSON, formatted from the real build's
//             rows, hashed, written in a temporary folder with its manifest, renamed) and the
//             unlinked report; beside it on a worker: the state file (the real build's customer rows
//             and owners, a hundred rows per insert, indexes after, WAL set, renamed into place), then
//             the event log (the real build's events, each JSON.stringify'd, written, renamed)
// What the rules would have produced (rows, events, state texts) is loaded by each thread before
// the clock runs ("set-up", left out of the sums). It runs alternating with the real command and
// checks that the floor wrote the same snapshot, event log and state content as the real build.
//   node bench/tagging-full-floor.mjs [DIST=packages/tagging/dist] [runs=3] [complaints=1000000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { outputDigest, stateDigest, timedRun } from './tagging-runs.mjs';

const here = new URL('.', import.meta.url).pathname;
const require = createRequire(new URL('../packages/tagging/package.json', import.meta.url));
const AS_OF = '2026-11-29T00:00:00+08:00';
const cpu = (u) => (u.user + u.system) / 1e6;
/** The calling thread's own CPU seconds (utime + stime of /proc/thread-self, in ticks of 10 ms): readFileSync runs on the calling thread. */
const threadCpu = (fs) => {
  const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

if (!isMainThread) await worker(workerData);
else if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]));
else driver();

function driver() {
  const [dist = join(here, '../packages/tagging/dist'), runs = '3', n = '1000000'] = process.argv.slice(2);
  const data = join(here, '.data', `tagging-${n}.ndjson`);
  const work = mkdtempSync(join(tmpdir(), 'ck-tag-full-floor-'));
  const build = (dir) => timedRun(dist, ['build', '--input', data, '--full', '--as-of', AS_OF, '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet']);
  const digest = (dir) => {
    const d = { ...outputDigest(dir), ...stateDigest(join(dir, 'state', 'tags-state.sqlite')) };
    for (const k of Object.keys(d)) if (k.includes('without previous')) delete d[k];
    return d;
  };
  try {
    const ref = join(work, 'ref');
    const f = build(ref);
    console.log(`full build (set-up, the reference): ${f.wall.toFixed(2)} s wall`);
    const refDigest = digest(ref);
    const results = { real: [], floor: [] };
    let same = true;
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (let i = 0; i < Number(runs); i++) {
      for (const name of ['real', 'floor']) {
        const dir = join(work, `${name}-${i}`);
        const load = loadavg()[0];
        let r;
        if (name === 'real') {
          r = build(dir);
          r.phases = /done in [\d.]+ s \(([^)]*)\)/.exec(r.out)?.[1] ?? '';
        } else {
          const cmd = `/usr/bin/time -f '@@ %e %U %S %M' node ${resolve(here, 'tagging-full-floor.mjs')} --child '${JSON.stringify({ ref, data, dir })}' 2>&1`;
          const out = execFileSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 26 });
          const t = /@@ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(out);
          if (!t) throw new Error(out);
          r = { wall: Number(t[1]), user: Number(t[2]), sys: Number(t[3]), rss: Number(t[4]) / 1024, ...JSON.parse(/^@phases (.*)$/m.exec(out)[1]) };
          r.phases = Object.entries(r.times).map(([k, [w, c]]) => `${k} ${w.toFixed(2)}/${c.toFixed(2)}`).join(', ');
        }
        const d = digest(dir);
        const differ = Object.keys(refDigest).filter((k) => refDigest[k] !== d[k]);
        if (differ.length) {
          same = false;
          console.log(`  ${name} run ${i + 1} differs from the reference build: ${differ.join(', ')}`);
        }
        results[name].push({ ...r, load });
        console.log(`  ${name.padEnd(5)} run ${i + 1}: ${r.wall.toFixed(2)} s wall ${(r.user + r.sys).toFixed(2)} s CPU ${r.rss.toFixed(0)} MB (load ${load.toFixed(1)})  ${r.phases}`);
        rmSync(dir, { recursive: true, force: true });
      }
    }
    for (const name of ['real', 'floor']) {
      const rs = results[name];
      console.log(`${name.padEnd(5)} median: ${median(rs.map((r) => r.wall)).toFixed(2)} s wall, ${median(rs.map((r) => r.user + r.sys)).toFixed(2)} s CPU, ${median(rs.map((r) => r.rss)).toFixed(0)} MB (/usr/bin/time, the floor's set-up included)`);
    }
    const fl = results.floor;
    console.log('floor, phase medians (wall / CPU of the process, s; "counted" = without the set-up):');
    for (const k of Object.keys(fl[0].times)) console.log(`  ${k.padEnd(8)} ${median(fl.map((r) => r.times[k][0])).toFixed(2)} / ${median(fl.map((r) => r.times[k][1])).toFixed(2)}`);
    console.log('floor, each thread\'s own CPU in its phase (medians, s):');
    for (const k of Object.keys(fl[0].threads)) console.log(`  ${k.padEnd(14)} ${median(fl.map((r) => r.threads[k])).toFixed(2)}`);
    const counted = median(fl.map((r) => r.times.counted[0]));
    console.log(`floor rate: ${Math.round(Number(n) / counted).toLocaleString('en')} complaints/s (counted wall); real: ${Math.round(Number(n) / median(results.real.map((r) => r.wall))).toLocaleString('en')}/s`);
    console.log(`outputs (snapshot, event log, state content) equal to the real build's in every run: ${same ? 'yes' : 'NO'}`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The floor in a fresh process: each phase's wall and process CPU, and each thread's own CPU, printed as `@phases {json}`. */
async function child({ ref, data, dir }) {
  const fs = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const times = {};
  const threads = {};
  let t = performance.now();
  let c = process.cpuUsage();
  const mark = (name) => {
    const now = performance.now();
    const u = process.cpuUsage();
    times[name] = [(now - t) / 1000, cpu(process.cpuUsage(c))];
    t = now;
    c = u;
  };
  times.start = [t / 1000, cpu(c)];
  const self = new URL(import.meta.url);
  const run = (job) => {
    const w = new Worker(self, { workerData: job });
    const messages = [];
    const waiters = [];
    w.on('message', (m) => (waiters.length ? waiters.shift()(m) : messages.push(m)));
    w.on('error', (e) => {
      console.error(e);
      process.exit(1);
    });
    return { w, next: () => (messages.length ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r))) };
  };

  // Set-up, not counted: the writer loads what the rules would have produced; so does this thread.
  const snapName = readdirSync(join(ref, 'out'))[0];
  const writer = run({ role: 'writer', ref, dir });
  const rows = fs.readFileSync(join(ref, 'out', snapName, 'tags.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const template = JSON.parse(fs.readFileSync(join(ref, 'out', snapName, 'manifest.json'), 'utf8'));
  const reportName = readdirSync(join(ref, 'state', 'reports'))[0];
  const unlinked = fs.readFileSync(join(ref, 'state', 'reports', reportName), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  await writer.next(); // ready
  mark('set-up');

  // Parse: the file cut at a line's end near its middle byte, a worker a half.
  const size = fs.statSync(data).size;
  const fd = fs.openSync(data, 'r');
  const probe = Buffer.alloc(1 << 16);
  fs.readSync(fd, probe, 0, probe.length, Math.floor(size / 2));
  fs.closeSync(fd);
  const cut = Math.floor(size / 2) + probe.indexOf(10) + 1;
  const halves = [run({ role: 'parse', data, from: 0, to: cut }), run({ role: 'parse', data, from: cut, to: size })];
  const parsed = await Promise.all(halves.map((h) => h.next()));
  for (const h of halves) await h.w.terminate();
  threads['parse 1'] = parsed[0].cpu;
  threads['parse 2'] = parsed[1].cpu;
  const lines = parsed[0].lines + parsed[1].lines;
  mark('parse');

  // Write: the state and the event log on the writer, the snapshot and the report here.
  writer.w.postMessage('go');
  let c0 = threadCpu(fs);
  const out = join(dir, 'out');
  fs.mkdirSync(out, { recursive: true });
  const tmpDir = join(out, `.${snapName}.tmp-${process.pid}`);
  fs.mkdirSync(tmpDir);
  const cell = (v) => {
    if (v === null) return '';
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const columns = template.columns;
  const files = [];
  const sinks = ['tags.csv', 'tags.ndjson'].map((name) => ({ name, fd: fs.openSync(join(tmpDir, name), 'w'), hash: createHash('sha256'), bytes: 0, buffer: '' }));
  const flush = (s) => {
    const b = Buffer.from(s.buffer, 'utf8');
    s.buffer = '';
    s.hash.update(b);
    s.bytes += b.length;
    fs.writeSync(s.fd, b);
  };
  const [csv, nd] = sinks;
  // One format after the other, each timed on this thread: what writing one format fewer would save.
  csv.buffer = `${columns.join(',')}\r\n`;
  for (const r of rows) {
    csv.buffer += `${columns.map((k) => cell(k === 'evidence' ? r[k].join(';') : r[k])).join(',')}\r\n`;
    if (csv.buffer.length > 1 << 20) flush(csv);
  }
  flush(csv);
  threads['main: snapshot CSV'] = threadCpu(fs) - c0;
  c0 = threadCpu(fs);
  for (const r of rows) {
    nd.buffer += `${JSON.stringify(r)}\n`;
    if (nd.buffer.length > 1 << 20) flush(nd);
  }
  flush(nd);
  threads['main: snapshot NDJSON'] = threadCpu(fs) - c0;
  c0 = threadCpu(fs);
  for (const s of sinks) {
    fs.closeSync(s.fd);
    files.push({ name: s.name, bytes: s.bytes, sha256: s.hash.digest('hex') });
  }
  fs.writeFileSync(join(tmpDir, 'manifest.json'), `${JSON.stringify({ ...template, files }, null, 2)}\n`);
  fs.renameSync(tmpDir, join(out, snapName));
  fs.mkdirSync(join(dir, 'state', 'reports'), { recursive: true });
  fs.writeFileSync(join(dir, 'state', 'reports', reportName), unlinked.map((u) => JSON.stringify(u)).join('\n') + '\n');
  threads['main: manifest, report'] = threadCpu(fs) - c0;
  const w = await writer.next();
  threads['writer: state'] = w.state;
  threads['writer: events'] = w.events;
  await writer.w.terminate();
  mark('write');
  times.counted = [times.start[0] + times.parse[0] + times.write[0], times.start[1] + times.parse[1] + times.write[1]];
  console.log(`@phases ${JSON.stringify({ times, threads, lines })}`);
}

/** A worker of the floor: `parse` a byte range, or `writer` (the state and the event log). */
async function worker(job) {
  const fs = await import('node:fs');
  const thread = () => threadCpu(fs);
  if (job.role === 'parse') {
    const { StringDecoder } = await import('node:string_decoder');
    const c0 = thread();
    const fd = fs.openSync(job.data, 'r');
    const buf = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    let at = job.from;
    let rest = '';
    let lines = 0;
    while (at < job.to) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, job.to - at), at);
      if (n <= 0) break;
      at += n;
      const text = rest + decoder.write(buf.subarray(0, n));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        if (nl > start) {
          JSON.parse(text.slice(start, nl));
          lines++;
        }
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest) {
      JSON.parse(rest);
      lines++;
    }
    fs.closeSync(fd);
    parentPort.postMessage({ lines, cpu: thread() - c0 });
    return;
  }
  // The writer: set-up first (what the rules would have produced), then the state and the event log.
  const { join } = await import('node:path');
  const Database = require('better-sqlite3');
  const src = new Database(join(job.ref, 'state', 'tags-state.sqlite'), { readonly: true });
  const customers = src.prepare('select c.id, c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id order by c.id').raw().all();
  const owners = src.prepare('select complaint_id, customer_id from owners order by rowid').raw().all();
  const meta = src.prepare('select key, value from meta').raw().all();
  src.close();
  const logName = readdirSync(join(job.ref, 'state', 'events'))[0];
  const events = fs.readFileSync(join(job.ref, 'state', 'events', logName), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  parentPort.postMessage('ready');
  await new Promise((r) => parentPort.once('message', r));

  const c0 = thread();
  const file = join(job.dir, 'state', 'tags-state.sqlite');
  fs.mkdirSync(join(job.dir, 'state', 'events'), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`create table meta (key text primary key, value text not null);
    create table customer_texts (id integer primary key, data text not null);
    create table customers (id text primary key, revisit_at integer, text_id integer not null) without rowid;
    create table owners (complaint_id text not null, customer_id text not null);`);
  const insert = (target, columns) => {
    const one = `(${Array(columns).fill('?').join(', ')})`;
    const many = db.prepare(`insert into ${target} values ${Array(100).fill(one).join(', ')}`);
    const single = db.prepare(`insert into ${target} values ${one}`);
    const values = new Array(100 * columns);
    let n = 0;
    return {
      add(...v) {
        for (const x of v) values[n++] = x;
        if (n === values.length) {
          many.run(values);
          n = 0;
        }
      },
      flush() {
        for (let i = 0; i < n; i += columns) single.run(values.slice(i, i + columns));
        n = 0;
      },
    };
  };
  db.exec('begin');
  const texts = insert('customer_texts (id, data)', 2);
  const dirs = insert('customers (id, revisit_at, text_id)', 3);
  const own = insert('owners (complaint_id, customer_id)', 2);
  for (let i = 0; i < customers.length; i++) {
    const [id, revisit, data] = customers[i];
    texts.add(i + 1, data);
    dirs.add(id, revisit, i + 1);
  }
  for (const [cid, id] of owners) own.add(cid, id);
  texts.flush();
  dirs.flush();
  own.flush();
  for (const [k, v] of meta) db.prepare('insert into meta (key, value) values (?, ?)').run(k, v);
  db.exec('commit');
  db.exec('create unique index owners_complaint on owners (complaint_id); create index customers_revisit on customers (revisit_at);');
  db.pragma('journal_mode = WAL');
  db.close();
  fs.renameSync(tmp, file);
  const c1 = thread();

  const logTmp = join(job.dir, 'state', 'events', `run.tmp-${process.pid}`);
  const fd = fs.openSync(logTmp, 'w');
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
  fs.renameSync(logTmp, join(job.dir, 'state', 'events', logName));
  parentPort.postMessage({ state: c1 - c0, events: thread() - c1 });
}
