// The floor of a durable creation on SQLite (issue #11): what ANY implementation of today's record costs
// on this machine, beside the bare node:http server and the service, with the same client
// (bench/server-throughput.mjs with CK_BENCH_FLOOR=1 runs it; it prints { url, token } as
// server-child.mjs does and exits on SIGTERM).
//
// A bare node:http server that, for each POST, reads the body and JSON.parses it, then writes to SQLite
// exactly the rows a real creation writes, and answers the real answer (the stored document: same size,
// status 201, the service's headers). No validation, no authentication, no idempotency lookup, no Hono.
//
// The rows: before serving, a child of this script runs the real service (this checkout's build, or
// `server`) on the data folder with the bench's seed and handler, sends 300 creations of the bench's
// body through HTTP, traces the statements of the last one (better-sqlite3's run/get/all) and keeps
// the rows those creations wrote. Today a creation (keyed, no customer) writes: `counters` (three
// rows: complaint_no, event_seq, complaint_row, one `update … returning`), one `complaints` row (its
// document, search text, creation key), one `events` row (its event and masked snapshot), one
// `complaint_facts` row, one `report_dirty` row (`on conflict do nothing`); no idempotency record on
// SQLite since 0028, no flags for a creation naming no customer. The floor runs those statements, the
// same text, prepared once, with the last creation's row values and only the keys (complaint id and
// number, row and event numbers, creation key) and times made new; the id and event number inside
// the document, event and snapshot are put in by joining the template's pieces (same bytes).
// The same file, schema (tables, indexes, triggers) and pragmas as the service (journal_mode = WAL,
// busy_timeout = 5000, synchronous = NORMAL); the same group commit (writes that arrive while a batch
// runs join the next; a batch of at most 64 in one `begin immediate … commit`, started from
// setImmediate) and the same flush (`fdatasync` of the WAL on the thread pool through a FileHandle,
// the WAL's identity checked with statSync, one flush for every commit made before it began, each
// answer sent only after the flush covering its commit).
//
// Options (JSON in argv[2]): { dataDir, server?: path to the server's index.js for the preparation,
//   durable?: false  → synchronous = NORMAL and no fdatasync at all: answered at commit. NOT a
//                      shipping option (an acknowledged creation can be lost in a power cut); shown
//                      only to say what durability costs;
//   answerOnly?: true → no SQLite at all: the real answer (the traced creation's document, status and
//                      headers) right after the body is parsed: the bare server with the service's
//                      answer instead of its small one, to tell the answer's cost from the storage's. }
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const o = JSON.parse(process.argv[2] ?? '{}');
const here = fileURLToPath(new URL('.', import.meta.url));
const serverIndex = o.server ?? join(here, '../packages/server/dist/index.js');
const file = join(o.dataDir, 'complaintkit.sqlite');
const captured = join(o.dataDir, 'floor-rows.json');
const PREPARED_CREATIONS = 300;

if (o.prepare) {
  // The preparation (its own process, so the service's modules do not sit in the floor's heap).
  const { CREATION_BODY: BODY } = await import('./creation-body.mjs');
  const { silentLogger, startServer } = await import(serverIndex);
  const server = await startServer({
    port: 0,
    dataDir: o.dataDir,
    seed: { seed: 7, months: 1 },
    logger: silentLogger,
    jwtSecret: 'bench-secret-0123456789abcdef',
    limits: { reads: { perSecond: 1e9, burst: 1e9 }, writes: { perSecond: 1e9, burst: 1e9 } },
  });
  await server.store.importDemoBank({ organisations: [], staff: [{ id: 'bench-handler', orgId: 'HO', role: 'handler', name: '基准' }], complaints: [] });
  const token = await server.issueToken({ sub: 'bench-handler', kind: 'staff', role: 'handler', org: 'HO' }, '2h');
  const Database = createRequire(join(here, '../packages/server/package.json'))('better-sqlite3');
  const Statement = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
  let trace;
  for (const m of ['run', 'get', 'all']) {
    const original = Statement[m];
    Statement[m] = function (...args) {
      trace?.push({ sql: this.source, reader: this.reader, values: args[0] ?? [] });
      return original.apply(this, args);
    };
  }
  let answer;
  for (let i = 0; i < PREPARED_CREATIONS; i++) {
    if (i === PREPARED_CREATIONS - 1) trace = [];
    const res = await fetch(`${server.url}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `floor-prepare-${i}` },
      body: BODY,
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`the service answered ${res.status}: ${text}`);
    answer = { status: res.status, headers: [...res.headers], body: text };
  }
  await server.close();
  // The statements between the creation's `begin immediate` and `commit` that write.
  const begin = trace.findIndex((t) => t.sql === 'begin immediate');
  const end = trace.findIndex((t) => t.sql === 'commit');
  const writes = trace.slice(begin + 1, end).filter((t) => !t.reader || /^\s*(insert|update|delete)/i.test(t.sql));
  writeFileSync(captured, JSON.stringify({ writes, answer }));
  process.exit(0);
}

const prepared = spawnSync(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify({ ...o, prepare: true })], { stdio: ['ignore', 'ignore', 'inherit'] });
if (prepared.status !== 0) throw new Error(`the floor's preparation failed (${prepared.status})`);
const { writes, answer } = JSON.parse(readFileSync(captured, 'utf8'));

const SQLite = createRequire(join(here, '../packages/server/package.json'))('better-sqlite3');
const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const durable = o.durable !== false;

// The last prepared creation's keys, to be made new in every row.
const counterWrite = writes.find((w) => /^update "counters"/.test(w.sql));
const complaintWrite = writes.find((w) => /^insert into "complaints"/.test(w.sql));
const eventWrite = writes.find((w) => /^insert into "events"/.test(w.sql));
if (!counterWrite || !complaintWrite || !eventWrite) throw new Error(`unexpected creation statements: ${writes.map((w) => w.sql.slice(0, 40)).join('; ')}`);
const others = writes.filter((w) => w !== counterWrite && w !== complaintWrite && w !== eventWrite);
const columnsOf = (sql) => sql.slice(sql.indexOf('(') + 1, sql.indexOf(')')).split(',').map((c) => c.trim().replaceAll('"', ''));
const cIdx = Object.fromEntries(columnsOf(complaintWrite.sql).map((c, i) => [c, i]));
const eIdx = Object.fromEntries(columnsOf(eventWrite.sql).map((c, i) => [c, i]));
const tId = complaintWrite.values[cIdx.id];
const tSeq = eventWrite.values[eIdx.seq];
const tAt = complaintWrite.values[cIdx.received_at];
const day = tId.slice(0, tId.lastIndexOf('-') + 1);
const TIME_COLUMNS = new Set(['received_at', 'due_at', 'warn_at', 'updated_at', 'at']);
/** A template string's pieces around the complaint id and `"seq":<n>`, joined again with new ones. */
const pieces = (text) => text.split(tId).map((p) => p.split(`"seq":${tSeq}`));
const joinPieces = (ps, id, seq) => ps.map((p) => p.join(`"seq":${seq}`)).join(id);
/** One row's values: a function per column (new keys and times) or the template's value. */
function rowMaker(values, index, keyed) {
  const makers = values.map((v, i) => {
    const column = Object.keys(index).find((c) => index[c] === i);
    if (keyed[column]) return keyed[column];
    if (TIME_COLUMNS.has(column) && typeof v === 'number') return (k) => v + k.shift;
    if (typeof v === 'string' && (v.includes(tId) || v.includes(`"seq":${tSeq}`))) {
      const ps = pieces(v);
      return (k) => joinPieces(ps, k.id, k.seq);
    }
    return () => v;
  });
  return (k) => makers.map((m) => m(k));
}
const complaintRow = rowMaker(complaintWrite.values, cIdx, { id: (k) => k.id, row_seq: (k) => k.row, creation_key: (k) => k.key });
const eventRow = rowMaker(eventWrite.values, eIdx, { seq: (k) => k.seq, complaint_id: (k) => k.id });
const otherRows = others.map((w) => {
  const idx = Object.fromEntries(columnsOf(w.sql).map((c, i) => [c, i]));
  return { statement: db.prepare(w.sql), row: rowMaker(w.values, idx, 'id' in idx ? { id: (k) => k.id } : {}) };
});
const counters = db.prepare(counterWrite.sql);
const insertComplaint = db.prepare(complaintWrite.sql);
const insertEvent = db.prepare(eventWrite.sql);
const begin = db.prepare('begin immediate');
const commit = db.prepare('commit');
const complaintDocument = complaintWrite.values[cIdx.document];
if (complaintDocument.length !== answer.body.length) throw new Error('the service no longer answers a creation with its stored document');

/** The rows of one creation: what the service's insertComplaint writes. Returns the answer's body. */
function create(key) {
  const n = Object.fromEntries(counters.all(counterWrite.values).map((r) => [r.name, r.value]));
  const k = { id: `${day}${String(n.complaint_no).padStart(6, '0')}`, seq: n.event_seq, row: n.complaint_row, key, shift: Date.now() - tAt };
  const row = complaintRow(k);
  insertComplaint.run(row);
  insertEvent.run(eventRow(k));
  for (const w of otherRows) w.statement.run(w.row(k));
  return row[cIdx.document];
}

// The WAL flush, as packages/server/src/store/wal-sync.ts: one fdatasync on the thread pool for every
// commit made before it began; the WAL's identity checked with statSync before each.
let next = [];
let running = false;
let wal;
let walIdentity = '';
async function flushOnce() {
  const now = statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (!now) return;
  if (!wal || `${now.dev}:${now.ino}` !== walIdentity) {
    await wal?.close();
    wal = await open(`${file}-wal`, 'r');
    walIdentity = `${now.dev}:${now.ino}`;
  }
  await wal.datasync();
}
function flush(done) {
  next.push(done);
  if (!running) startFlush();
}
function startFlush() {
  running = true;
  const covered = next;
  next = [];
  flushOnce().then(() => {
    for (const done of covered) done();
    running = false;
    if (next.length > 0) startFlush();
  }, (error) => {
    console.error(error);
    process.exit(1);
  });
}

// Group commit, as packages/server/src/store/group-commit.ts: the writes parsed in one turn of the
// event loop (and those arriving while a batch runs) share a transaction of at most 64.
const queue = [];
let draining = false;
function drain() {
  while (queue.length > 0) {
    const batch = queue.splice(0, 64);
    begin.run();
    const bodies = batch.map((w) => create(w.key));
    commit.run();
    const answerAll = () => {
      for (let i = 0; i < batch.length; i++) batch[i].answer(bodies[i]);
    };
    if (durable) flush(answerAll);
    else answerAll();
  }
  draining = false;
}
function submit(key, answerWith) {
  queue.push({ key, answer: answerWith });
  if (!draining) {
    draining = true;
    setImmediate(drain);
  }
}

// The service's answer headers, but for the ones node:http writes itself and the request id.
const OWN = new Set(['date', 'connection', 'keep-alive', 'content-length', 'x-request-id']);
const headers = answer.headers.filter(([name]) => !OWN.has(name)).flat();
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (o.answerOnly) {
      res.writeHead(answer.status, [...headers, 'x-request-id', randomUUID(), 'content-length', String(Buffer.byteLength(complaintDocument))]);
      res.end(complaintDocument);
      return;
    }
    submit(req.headers['idempotency-key'] ?? randomUUID(), (body) => {
      res.writeHead(answer.status, [...headers, 'x-request-id', randomUUID(), 'content-length', String(Buffer.byteLength(body))]);
      res.end(body);
    });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}`, token: 'none', rows: writes.map((w) => w.sql.split(' (')[0]) })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
