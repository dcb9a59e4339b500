// CPU profile of the service under a creation (or `GET /v1/me`) load: where a request spends its time.
// Usage: node bench/server-profile.mjs [seconds=8] [clients=8] [create|me]   (SQLite; CK_SERVER=<index.js> for another build;
//   DATABASE_URL=postgres://… for PostgreSQL: a fresh database of that name is made)
// Runs the service in a child, profiles it (the inspector's CPU profiler, as `node --cpu-prof`) only
// while this process loads it, and prints
// the self time grouped by what it belongs to (JWT, validation, idempotency hash, SQLite, JSON, Hono,
// node:http, logging, GC) and the top functions. The .cpuprofile stays in the printed folder.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CREATION_BODY as body } from './creation-body.mjs';

const seconds = Number(process.argv[2] ?? 8);
const clients = Number(process.argv[3] ?? 8);
const kind = process.argv[4] === 'me' ? 'me' : 'create';
const dir = mkdtempSync(join(tmpdir(), 'ck-prof-'));
const childScript = fileURLToPath(new URL('./server-child.mjs', import.meta.url));
const profileFile = join(dir, `${kind}.cpuprofile`);
let databaseUrl;
let pgMeter;
let pgDatabase;
if (process.env.DATABASE_URL) {
  // pg is the server package's dependency: load the same one.
  const pg = (await import('node:module')).createRequire(new URL('../packages/server/package.json', import.meta.url))('pg');
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `ck_prof_${process.pid}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  // PostgreSQL's CPU per request too (its backends of this database, and all of its processes).
  pgMeter = await (await import('./pg-backend-cpu.mjs')).pgCpuMeter(process.env.DATABASE_URL);
  pgDatabase = name;
}
const child = spawn(process.execPath, [childScript, JSON.stringify({ mode: 'service', dataDir: join(dir, 'data'), databaseUrl, profile: profileFile, ...(process.env.CK_SERVER && { server: process.env.CK_SERVER }) })], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
const { url, token } = await new Promise((resolve) => {
  child.stdout.on('data', (c) => {
    out += c;
    if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
  });
});
const agent = new Agent({ keepAlive: true, maxSockets: clients });
let n = 0;
const one = () =>
  new Promise((resolve, reject) => {
    const create = kind === 'create';
    const req = request(new URL(create ? '/v1/complaints' : '/v1/me', url), {
      method: create ? 'POST' : 'GET', agent,
      headers: create
        ? { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `prof-${++n}`, 'content-length': Buffer.byteLength(body) }
        : (++n, { authorization: `Bearer ${token}` }),
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === (create ? 201 : 200) ? resolve() : reject(new Error(String(res.statusCode)))));
    });
    req.on('error', reject);
    req.end(create ? body : undefined);
  });
// The child's own CPU time (user + system, from /proc), which a busy machine inflates far less than
// the profile's wall-clock samples: the figure to compare between builds.
const cpuMs = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
};
const cpuBefore = cpuMs();
const pgBefore = await pgMeter?.sample(pgDatabase);
const clientBefore = process.cpuUsage();
const until = Date.now() + seconds * 1000;
await Promise.all(Array.from({ length: clients }, async () => { while (Date.now() < until) await one(); }));
agent.destroy();
const clientCpu = process.cpuUsage(clientBefore);
const cpu = cpuMs() - cpuBefore;
const pgCpu = pgMeter?.since(pgBefore, await pgMeter.sample(pgDatabase));
await pgMeter?.close();
child.kill('SIGTERM');
await once(child, 'exit');
const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
// Self time per node from the samples.
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const groups = [
  ['JWT (jose)', /jose/], ['zod (validation)', /zod/], ['Hono', /hono/], ['better-sqlite3 / pg / Kysely', /better-sqlite3|kysely|\/pg[@/]|pg-protocol/],
  ['@complaintkit/core', /packages\/core|@complaintkit\/core/], ['@complaintkit/server', /packages\/server\/(dist|src)/],
  ['node:http / net', /node:_http|node:net|node:internal\/(http|stream|streams)|_http_/], ['crypto', /node:crypto|node:internal\/crypto/],
];
const byGroup = new Map();
const byFn = new Map();
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  if (!t) continue;
  const u = node.callFrame.url;
  const name = node.callFrame.functionName || '(anonymous)';
  const g = name === '(garbage collector)' ? 'GC' : name === '(idle)' ? 'idle' : name === '(program)' ? 'program (native)' : (groups.find(([, re]) => re.test(u))?.[0] ?? (u ? 'other JS' : 'native / builtins'));
  byGroup.set(g, (byGroup.get(g) ?? 0) + t);
  const key = `${name} ${u.replace(/^.*node_modules\/(\.pnpm\/)?/, '').replace(/^file:\/\/.*\/packages\//, '')}:${node.callFrame.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
}
const busy = total - (byGroup.get('idle') ?? 0);
const what = kind === 'create' ? 'creation' : 'GET /v1/me';
console.log(`${n} × ${what} in ${seconds} s (${(n / seconds).toFixed(0)}/s); service CPU ${cpu.toFixed(0)} ms = ${(cpu / n).toFixed(3)} ms per ${what} (profile's busy samples ${(busy / n / 1000).toFixed(3)} ms); load ${loadavg()[0].toFixed(1)}; profile in ${dir}\n`);
console.log(`load client CPU: ${((clientCpu.user + clientCpu.system) / 1000 / n).toFixed(3)} ms per request`);
if (pgCpu) console.log(`PostgreSQL CPU: ${(pgCpu.database / n).toFixed(3)} ms per ${kind === 'create' ? 'creation' : 'GET /v1/me'} in this database's backends, ${(pgCpu.all / n).toFixed(3)} ms in all of its processes\n`);
console.log(`| part | share of busy CPU | ms per ${what} |\n|---|---:|---:|`);
for (const [g, t] of [...byGroup].filter(([g]) => g !== 'idle').sort((a, b) => b[1] - a[1])) console.log(`| ${g} | ${((100 * t) / busy).toFixed(1)}% | ${(t / n / 1000).toFixed(3)} |`);
console.log('\ntop functions (self time):');
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((100 * t) / busy).toFixed(1).padStart(5)}%  ${k}`);
