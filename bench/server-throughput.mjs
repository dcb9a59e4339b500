// Service throughput against a bare node:http server answering the same client, side by side.
// Usage: node bench/server-throughput.mjs [seconds-per-run=3] [rounds=3]
//   DATABASE_URL=postgres://…/postgres  use that server (databases are created in it), else a
//                                       throwaway PostgreSQL 15 from /usr/lib/postgresql/15/bin
//   CK_SERVER_BASE=/path/to/index.js    another build of @complaintkit/server, run beside this one
//                                       (e.g. the build before a change): creations on both databases
//   CK_BENCH_PG_DURABLE=1               the throwaway PostgreSQL with fsync and synchronous_commit on
//                                       (default off, as the tests run it)
//   CK_BENCH_ONLY=sqlite|postgres       one half only
//   CK_BENCH_CLIENT=http|fetch|both     which load client (default both, side by side)
//   CK_BENCH_CREATE_CLIENTS=8,16,32,64  creations (bare server and SQLite) at each of these numbers of
//                                       concurrent clients, each against the bare server at the same
//                                       number (default 8, issue #11's figure; GET /v1/me and
//                                       PostgreSQL keep their own counts)
//   CK_BENCH_FLOOR=1                    beside SQLite, the floor of a durable creation at each of those
//                                       numbers (bench/server-floor.mjs: a bare node:http server writing
//                                       the rows a real creation writes, group commit and the WAL's
//                                       fdatasync as the service's store), and the same floor with
//                                       synchronous=NORMAL and no fdatasync (NOT durable: what durability
//                                       costs, not a shipping option), and the bare server answering
//                                       the service's answer (its size and headers) with no SQLite
//   CK_BENCH_CUSTOMERS=distinct|N        creations name a retail customer id: a new one each
//                                       (`distinct`), or one of N (N writers of one customer wait
//                                       for each other on PostgreSQL: its repeat flags); default none
// Every server runs in its own process; the load comes from this one, each client sending its next
// request when the previous answer is read, in two ways:
//   http   keep-alive node:http agents: a light client, so the server's own cost shows (the bare server
//          answers it ~15k/s on this machine);
//   fetch  Node's global fetch (undici), as the typed client and our users' code send: a heavier client
//          sharing the same 2 cores, the conditions of issue #11's figures (bare ~2,500/s there).
// Rounds alternate the targets so machine drift hits all alike; the figure is the median of the rounds;
// every ratio is against the bare server with the same client in the same run. Beside the rates: each
// server's own CPU per request and, on PostgreSQL, the CPU of the target database's backends per request.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { pgCpuMeter } from './pg-backend-cpu.mjs';
import { CREATION_BODY as BODY } from './creation-body.mjs';

// pg is the server package's dependency: load the same one.
const pg = createRequire(new URL('../packages/server/package.json', import.meta.url))('pg');

const seconds = Number(process.argv[2] ?? 3);
const rounds = Number(process.argv[3] ?? 3);
const only = process.env.CK_BENCH_ONLY;
const childScript = fileURLToPath(new URL('./server-child.mjs', import.meta.url));
const floorScript = fileURLToPath(new URL('./server-floor.mjs', import.meta.url));

const customers = process.env.CK_BENCH_CUSTOMERS;
/** The numbers of concurrent clients creations run at on the bare server and SQLite (8 first: issue #11's figure). */
const createClients = (process.env.CK_BENCH_CREATE_CLIENTS ?? '8').split(',').map(Number);
if (createClients.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('CK_BENCH_CREATE_CLIENTS: a list of positive integers, e.g. 8,16,32,64');
/** A creation run's name: the plain name at 8 clients (as the results files quote it), else with its count. */
const atClients = (name, n) => (n === 8 ? name : `${name}, ${n} clients`);
/** A creation's body: BODY, with a customer id when CK_BENCH_CUSTOMERS asks for one. */
const bodyOf = (seq) => {
  if (customers === undefined) return BODY;
  const id = customers === 'distinct' ? `C-bench-${process.pid}-${seq}` : `C-bench-${seq % Number(customers)}`;
  const body = JSON.parse(BODY);
  return JSON.stringify({ ...body, complainant: { ...body.complainant, customerId: id } });
};

async function startChild(options, script = childScript) {
  const child = spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const started = await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
  return { ...started, pid: child.pid, stop: async () => { child.kill('SIGTERM'); await once(child, 'exit'); } };
}

/** A server process's own CPU time so far (user + system, ms, from /proc): less swayed by a busy machine than req/s. */
const cpuMsOf = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
};

let keySeq = 0;
/** Every timed run's service CPU per request (ms), for the CPU table. */
const cpuPerRequest = [];
/** Requests per second from `clients` keep-alive clients of the given kind (`http` or `fetch`) for `ms`. */
async function load(target, kind, clients, ms, client = 'http') {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const url = new URL(kind === 'create' ? '/v1/complaints' : '/v1/me', target.url);
  const auth = `Bearer ${target.token}`;
  // As the typed client sends: fetch with the JSON body and headers, the answer read whole.
  const viaFetch = async () => {
    const headers = { authorization: auth };
    let body;
    if (kind === 'create') {
      headers['content-type'] = 'application/json';
      headers['idempotency-key'] = `bench-${process.pid}-${++keySeq}`;
      body = bodyOf(keySeq);
    }
    const res = await fetch(url, { method: kind === 'create' ? 'POST' : 'GET', headers, body });
    await res.arrayBuffer();
    if (res.status !== 201 && res.status !== 200) throw new Error(`${kind} got ${res.status}`);
  };
  const viaHttp = () =>
    new Promise((resolve, reject) => {
      const headers = { authorization: auth };
      let body;
      if (kind === 'create') {
        headers['content-type'] = 'application/json';
        headers['idempotency-key'] = `bench-${process.pid}-${++keySeq}`;
        body = bodyOf(keySeq);
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = request(url, { method: kind === 'create' ? 'POST' : 'GET', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 201 || res.statusCode === 200 ? resolve() : reject(new Error(`${kind} got ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const one = client === 'fetch' ? viaFetch : viaHttp;
  const until = performance.now() + ms;
  let done = 0;
  const pgBefore = await target.pgMeter?.sample(target.pgDatabase);
  const cpuBefore = cpuMsOf(target.pid);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await one();
        done++;
      }
    }),
  );
  const rate = done / ((performance.now() - start) / 1000);
  agent.destroy();
  const cpu = (cpuMsOf(target.pid) - cpuBefore) / done;
  const pgMs = target.pgMeter ? target.pgMeter.since(pgBefore, await target.pgMeter.sample(target.pgDatabase)).database / done : undefined;
  cpuPerRequest.push({ target, kind, clients, client, ms: cpu, pgMs });
  return rate;
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function throwawayPostgres() {
  const bin = '/usr/lib/postgresql/15/bin';
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chown', ['postgres', dir]);
  const run = (cmd) => {
    const r = root ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { encoding: 'utf8' }) : spawnSync('/bin/bash', ['-c', cmd], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
  };
  run(`${bin}/initdb -D ${dir}/data -A trust -U postgres --no-sync >/dev/null`);
  const fast = process.env.CK_BENCH_PG_DURABLE === '1' ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  run(`${bin}/pg_ctl -D ${dir}/data -l ${dir}/log -w start -o "-p ${port} -k /tmp -c listen_addresses=127.0.0.1 ${fast} -c max_connections=200" >/dev/null`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(`${bin}/pg_ctl -D ${dir}/data -m immediate -w stop >/dev/null`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function database(adminUrl, name) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${name}`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dirs = [];
const children = [];
let postgres;
const clientModes = (process.env.CK_BENCH_CLIENT ?? 'both') === 'both' ? ['http', 'fetch'] : [process.env.CK_BENCH_CLIENT];
const runs = []; // { name, target, kind, clients, client }
let pgMeter;
try {
  const bare = await startChild({ mode: 'bare' });
  children.push(bare);
  for (const n of createClients) runs.push({ name: atClients('bare node:http, POST', n), target: bare, kind: 'create', clients: n });
  runs.push({ name: 'bare node:http, GET', target: bare, kind: 'me', clients: 8 });
  if (only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
    dirs.push(dataDir);
    const sqlite = await startChild({ mode: 'service', dataDir });
    children.push(sqlite);
    for (const n of createClients) runs.push({ name: atClients('SQLite: POST /v1/complaints', n), target: sqlite, kind: 'create', clients: n });
    runs.push({ name: 'SQLite: GET /v1/me', target: sqlite, kind: 'me', clients: 8 });
    if (process.env.CK_BENCH_FLOOR === '1') {
      const floors = [
        [{ durable: true }, 'floor: POST'],
        [{ durable: false }, 'floor, NOT durable (synchronous=NORMAL, no fdatasync): POST'],
        [{ answerOnly: true }, "bare node:http with the service's answer, no SQLite: POST"],
      ];
      for (const [options, name] of floors) {
        const floorDir = mkdtempSync(join(tmpdir(), 'ck-bench-floor-'));
        dirs.push(floorDir);
        const floor = await startChild({ dataDir: floorDir, ...options }, floorScript);
        children.push(floor);
        for (const n of createClients) runs.push({ name: atClients(name, n), target: floor, kind: 'create', clients: n });
      }
    }
    if (process.env.CK_SERVER_BASE) {
      const baseDir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
      dirs.push(baseDir);
      const sqliteBase = await startChild({ mode: 'service', dataDir: baseDir, server: process.env.CK_SERVER_BASE });
      children.push(sqliteBase);
      for (const n of createClients) runs.push({ name: atClients('SQLite, CK_SERVER_BASE: POST /v1/complaints', n), target: sqliteBase, kind: 'create', clients: n });
      runs.push({ name: 'SQLite, CK_SERVER_BASE: GET /v1/me', target: sqliteBase, kind: 'me', clients: 8 });
    }
  }
  if (only !== 'sqlite') {
    postgres = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop() {} } : await throwawayPostgres();
    // PostgreSQL's own CPU per request: the backends of each target's database.
    pgMeter = await pgCpuMeter(postgres.url);
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
    dirs.push(dataDir);
    const pgNew = { ...(await startChild({ mode: 'service', dataDir, databaseUrl: await database(postgres.url, 'ck_bench_this') })), pgMeter, pgDatabase: 'ck_bench_this' };
    children.push(pgNew);
    runs.push({ name: 'PostgreSQL: POST /v1/complaints', target: pgNew, kind: 'create', clients: 8 });
    runs.push({ name: 'PostgreSQL: GET /v1/me', target: pgNew, kind: 'me', clients: 8 });
    runs.push({ name: 'PostgreSQL: POST /v1/complaints, 32 clients', target: pgNew, kind: 'create', clients: 32 });
    if (process.env.CK_SERVER_BASE) {
      const baseDir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
      dirs.push(baseDir);
      const pgBase = { ...(await startChild({ mode: 'service', dataDir: baseDir, server: process.env.CK_SERVER_BASE, databaseUrl: await database(postgres.url, 'ck_bench_base') })), pgMeter, pgDatabase: 'ck_bench_base' };
      children.push(pgBase);
      runs.push({ name: 'PostgreSQL, CK_SERVER_BASE: POST /v1/complaints', target: pgBase, kind: 'create', clients: 8 });
      runs.push({ name: 'PostgreSQL, CK_SERVER_BASE: POST /v1/complaints, 32 clients', target: pgBase, kind: 'create', clients: 32 });
    }
  }
  // Every target with every client mode: `name` stays the target, `id` tells the modes apart.
  const all = clientModes.flatMap((client) => runs.map((r) => ({ ...r, client, id: `${client}|${r.name}` })));
  // Warm-up: JIT, connection pools, page caches.
  for (const r of all) await load(r.target, r.kind, r.clients, 500, r.client);
  const rates = new Map(all.map((r) => [r.id, []]));
  for (let i = 0; i < rounds; i++) {
    for (const r of all) rates.get(r.id).push(await load(r.target, r.kind, r.clients, seconds * 1000, r.client));
  }
  const mc = (client, name) => median(rates.get(`${client}|${name}`));
  console.log(`\n${rounds} rounds × ${seconds} s, Node ${process.version}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores; median requests/s (min–max):\n`);
  const head = clientModes.map((c) => (c === 'http' ? 'node:http client req/s (min–max) | × bare' : 'fetch client req/s (min–max) | × bare')).join(' | ');
  console.log(`| target | clients | ${head} |`);
  console.log(`|---|---:|${clientModes.map(() => '---:|---:').join('|')}|`);
  for (const r of runs) {
    const cells = clientModes.map((client) => {
      const xs = rates.get(`${client}|${r.name}`);
      // The bare server with the same client and, for creations, the same number of clients when it ran
      // at that number (else at 8, as PostgreSQL's 32 clients always were).
      const bareAt = atClients('bare node:http, POST', r.clients);
      const base = mc(client, r.kind !== 'create' ? 'bare node:http, GET' : rates.has(`${client}|${bareAt}`) ? bareAt : 'bare node:http, POST');
      const ratio = r.name.startsWith('bare') ? '' : `${(mc(client, r.name) / base).toFixed(2)}×`;
      return `${mc(client, r.name).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}) | ${ratio}`;
    });
    console.log(`| ${r.name} | ${r.clients} | ${cells.join(' | ')} |`);
  }
  // The service's own CPU per request (median over the rounds, warm-up excluded): what a cut saves,
  // comparable between builds even when the machine is busy.
  const timed = cpuPerRequest.slice(all.length);
  console.log(`\nservice CPU per request (ms, median of the rounds; the server process's user + system time / requests):\n`);
  console.log(`| target | clients | ${clientModes.map((c) => (c === 'http' ? 'node:http client' : 'fetch client')).join(' | ')} |`);
  console.log(`|---|---:|${clientModes.map(() => '---:').join('|')}|`);
  for (const r of runs) {
    const cells = clientModes.map((client) => median(timed.filter((t) => t.target === r.target && t.kind === r.kind && t.clients === r.clients && t.client === client).map((t) => t.ms)).toFixed(3));
    console.log(`| ${r.name} | ${r.clients} | ${cells.join(' | ')} |`);
  }
  const pgRuns = runs.filter((r) => r.target.pgMeter);
  if (pgRuns.length > 0) {
    console.log(`\nPostgreSQL CPU per request (ms, median of the rounds; user + system time of the target database's backends / requests):\n`);
    console.log(`| target | clients | ${clientModes.map((c) => (c === 'http' ? 'node:http client' : 'fetch client')).join(' | ')} |`);
    console.log(`|---|---:|${clientModes.map(() => '---:').join('|')}|`);
    for (const r of pgRuns) {
      const cells = clientModes.map((client) => median(timed.filter((t) => t.target === r.target && t.kind === r.kind && t.clients === r.clients && t.client === client).map((t) => t.pgMs)).toFixed(3));
      console.log(`| ${r.name} | ${r.clients} | ${cells.join(' | ')} |`);
    }
  }
  const has = (name) => runs.some((r) => r.name === name);
  for (const client of clientModes) {
    const x = (a, b) => (mc(client, a) / mc(client, b)).toFixed(2);
    if (has('floor: POST') || has(atClients('floor: POST', createClients[0]))) {
      const cpuOf = (name, n) => median(timed.filter((t) => t.target === runs.find((r) => r.name === name).target && t.kind === 'create' && t.clients === n && t.client === client).map((t) => t.ms));
      console.log(`\n${client} client, the floor of a durable creation:\n`);
      console.log("| clients | floor × bare | service × floor | not durable × bare | the service's answer, no SQLite × bare | CPU ms per creation: service / floor / not durable / answer only |");
      console.log('|---:|---:|---:|---:|---:|---:|');
      for (const n of createClients) {
        const [floor, loose, answerOnly, service, bareAt] = [atClients('floor: POST', n), atClients('floor, NOT durable (synchronous=NORMAL, no fdatasync): POST', n), atClients("bare node:http with the service's answer, no SQLite: POST", n), atClients('SQLite: POST /v1/complaints', n), atClients('bare node:http, POST', n)];
        console.log(`| ${n} | ${x(floor, bareAt)}× | ${x(service, floor)}× | ${x(loose, bareAt)}× | ${x(answerOnly, bareAt)}× | ${[service, floor, loose, answerOnly].map((t) => cpuOf(t, n).toFixed(3)).join(' / ')} |`);
      }
    }
    if (has('SQLite, CK_SERVER_BASE: GET /v1/me')) {
      const creations = createClients.map((n) => `${x(atClients('SQLite: POST /v1/complaints', n), atClients('SQLite, CK_SERVER_BASE: POST /v1/complaints', n))}× (${n} clients)`).join(', ');
      console.log(`\n${client} client, SQLite, this build / CK_SERVER_BASE: creations ${creations}, GET /v1/me ${x('SQLite: GET /v1/me', 'SQLite, CK_SERVER_BASE: GET /v1/me')}×`);
    }
    if (has('PostgreSQL, CK_SERVER_BASE: POST /v1/complaints, 32 clients')) {
      console.log(`${client} client, PostgreSQL creations, this build / CK_SERVER_BASE: 8 clients ${x('PostgreSQL: POST /v1/complaints', 'PostgreSQL, CK_SERVER_BASE: POST /v1/complaints')}×, 32 clients ${x('PostgreSQL: POST /v1/complaints, 32 clients', 'PostgreSQL, CK_SERVER_BASE: POST /v1/complaints, 32 clients')}×`);
    }
  }
} finally {
  for (const c of children) await c.stop().catch(() => {});
  await pgMeter?.close().catch(() => {});
  postgres?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
