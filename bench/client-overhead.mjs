// Client overhead per call against raw fetch, on the same local reference service.
// Usage: pnpm run bench   (or: node bench/client-overhead.mjs [calls-per-round] [rounds])
// Runs A (raw fetch + JSON.parse) and B (client.complaints.get, strict validation) in alternating rounds
// so machine drift hits both alike, and reports the median ratio B/A with its spread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createComplaintClient } from '@complaintkit/core';
import { silentLogger, startServer } from '@complaintkit/server';

// A benchmark measures the service, not its per-caller rate limits (`limits.reads` / `limits.writes`).
const UNLIMITED = { reads: { perSecond: 1e9, burst: 1e9 }, writes: { perSecond: 1e9, burst: 1e9 } };

const calls = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 15);
const dataDir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
const server = await startServer({ port: 0, dataDir, seed: { seed: 7, months: 1 }, logger: silentLogger, limits: UNLIMITED });
try {
  // A head-office handler sees the whole bank (tokens name a staff member on record).
  await server.store.importDemoBank({ organisations: [], staff: [{ id: 'bench-handler', orgId: 'HO', role: 'handler', name: '基准' }], complaints: [] });
  const token = await server.issueToken({ sub: 'bench-handler', kind: 'staff', role: 'handler', org: 'HO' });
  const headers = { authorization: `Bearer ${token}` };
  const complaint = await createComplaintClient({ baseUrl: server.url, token }).complaints.create(
    {
      intakeChannel: 'hotline',
      businessChannel: 'A010303',
      businessCategory: 'B0302',
      cause: 'C11',
      complainant: { name: '张三', phone: '13812345678' },
      description: '信用卡年费未经告知被扣收',
    },
  );
  const url = `${server.url}/v1/complaints/${complaint.id}`;
  const clients = {
    strict: createComplaintClient({ baseUrl: server.url, token, validation: 'strict' }),
    off: createComplaintClient({ baseUrl: server.url, token, validation: 'off' }),
  };
  const raw = async () => {
    for (let i = 0; i < calls; i++) {
      const r = await fetch(url, { headers });
      if (!r.ok) throw new Error(`raw fetch got ${r.status}`);
      await r.json();
    }
  };
  const viaClient = (c) => async () => {
    for (let i = 0; i < calls; i++) await c.complaints.get(complaint.id);
  };
  const time = async (fn) => {
    const t = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  // Warm-up: JIT, connection pool, SQLite page cache.
  await raw();
  await viaClient(clients.strict)();
  await viaClient(clients.off)();
  const ratios = { strict: [], off: [] };
  const rawMs = [];
  for (let r = 0; r < rounds; r++) {
    const a = await time(raw);
    const s = await time(viaClient(clients.strict));
    const o = await time(viaClient(clients.off));
    rawMs.push(a);
    ratios.strict.push(s / a);
    ratios.off.push(o / a);
  }
  const stats = (xs) => {
    const s = [...xs].sort((x, y) => x - y);
    return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
  };
  const fmt = (x) => x.toFixed(3);
  const rm = stats(rawMs);
  console.log(`client overhead, ${rounds} rounds × ${calls} GET /v1/complaints/{id} (node ${process.version})`);
  console.log(`raw fetch per call: median ${fmt(rm.median / calls)} ms`);
  for (const [k, v] of Object.entries(ratios)) {
    const st = stats(v);
    console.log(`client (validation ${k}) / raw fetch: median ${fmt(st.median)}×  (min ${fmt(st.min)}, max ${fmt(st.max)})`);
  }
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
