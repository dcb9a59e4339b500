// The service's CPU by thread under load: which thread is busy, and whether the machine has idle time.
// Usage: node bench/server-threads.mjs [seconds=5] [create|me] [SERVER_INDEX_JS]   (no lock needed to
// read it, but hold the bench lock when comparing builds: the figures are swayed by other load)
// Starts the service child of server-throughput.mjs (SQLite, a fresh data folder), sends 8 fetch
// clients' creations (or GET /v1/me) for 2 s of warm-up and then `seconds`, and prints the rate, the
// machine's idle share (/proc/stat), the load client's own CPU, and each service thread's CPU
// (/proc/<pid>/task/*/stat) per request. On Node 20 every thread is named "node": the main thread
// is the one whose id is the process id; V8's GC helpers and libuv's pool are the others.
// CK_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p' profiles the service (a file per thread).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CREATION_BODY as BODY } from './creation-body.mjs';

const secs = Number(process.argv[2] ?? 5);
const kind = process.argv[3] ?? 'create';
const server = process.argv[4];
const dataDir = mkdtempSync(join(tmpdir(), 'ck-threads-'));
const childScript = fileURLToPath(new URL('./server-child.mjs', import.meta.url));
const nodeArgs = process.env.CK_BENCH_NODE_ARGS ? process.env.CK_BENCH_NODE_ARGS.split(' ') : [];
const child = spawn(process.execPath, [...nodeArgs, childScript, JSON.stringify({ mode: 'service', dataDir, server })], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const { url, token } = await new Promise((resolve) =>
  child.stdout.on('data', (c) => {
    out += c;
    if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
  }),
);
/** Each thread's CPU so far (ms), by `tid:name`. */
const threads = () =>
  Object.fromEntries(
    readdirSync(`/proc/${child.pid}/task`).map((tid) => {
      const s = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return [`${tid}${Number(tid) === child.pid ? ' (main)' : ''}`, (Number(f[11]) + Number(f[12])) * 10];
    }),
  );
const machine = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
let seq = 0;
const one = async () => {
  const headers = { authorization: `Bearer ${token}` };
  let body;
  if (kind === 'create') {
    headers['content-type'] = 'application/json';
    headers['idempotency-key'] = `threads-${process.pid}-${++seq}`;
    body = BODY;
  }
  const res = await fetch(new URL(kind === 'create' ? '/v1/complaints' : '/v1/me', url), { method: kind === 'create' ? 'POST' : 'GET', headers, body });
  await res.arrayBuffer();
  if (res.status !== 201 && res.status !== 200) throw new Error(`${kind} got ${res.status}`);
};
const drive = async (ms, count) => {
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < until) {
        await one();
        count();
      }
    }),
  );
};
try {
  await drive(2000, () => {});
  const t0 = threads();
  const m0 = machine();
  const c0 = process.cpuUsage();
  let done = 0;
  const start = performance.now();
  await drive(secs * 1000, () => done++);
  const elapsed = performance.now() - start;
  const t1 = threads();
  const m = machine().map((v, i) => v - (m0[i] ?? 0));
  const c = process.cpuUsage(c0);
  const clientMs = (c.user + c.system) / 1000;
  const pct = (ms) => `${((ms / elapsed) * 100).toFixed(1)}% of a core`;
  console.log(`${kind}: ${((done / elapsed) * 1000).toFixed(0)}/s; machine idle ${((100 * ((m[3] ?? 0) + (m[4] ?? 0))) / m.reduce((a, b) => a + b, 0)).toFixed(1)}% (2 cores = 100%); load client ${pct(clientMs)}, ${(clientMs / done).toFixed(3)} ms per request`);
  let total = 0;
  for (const [name, ms] of Object.entries(t1)) {
    const d = ms - (t0[name] ?? 0);
    total += d;
    if (d > 0) console.log(`  thread ${name}: ${pct(d)}, ${(d / done).toFixed(3)} ms per request`);
  }
  console.log(`  service: ${pct(total)}, ${(total / done).toFixed(3)} ms per request; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
