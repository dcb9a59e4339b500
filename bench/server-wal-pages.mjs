// Which b-trees a keyed creation's commits write on SQLite: the WAL pages per creation, by table and
// index, for one or more builds of the server (side by side, same load). Page counts, not times: no
// bench lock needed.
// Usage: node bench/server-wal-pages.mjs [creations=80] [clients=8] [SERVER_INDEX_JS ...]
//   (default: this checkout's packages/server/dist/index.js). Each build starts in this process on a
//   fresh data directory, takes 200 warm-up creations, checkpoints the WAL, then `creations` keyed
//   creations from `clients` concurrent fetch clients (the group commit batches them as the service
//   does); the WAL's frames are then mapped to their b-tree through SQLite's `dbstat`.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CREATION_BODY as BODY } from './creation-body.mjs';

const [creations = '80', clients = '8', ...builds] = process.argv.slice(2);
const N = Number(creations);
const C = Number(clients);
const here = fileURLToPath(new URL('.', import.meta.url));
if (builds.length === 0) builds.push(join(here, '../packages/server/dist/index.js'));
const Database = createRequire(join(here, '../packages/server/package.json'))('better-sqlite3');

/** The WAL pages of N creations of one build: { frames, commits, byTree: Map<name, frames> }. */
async function pagesOf(serverPath) {
  const { silentLogger, startServer } = await import(serverPath);
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-wal-pages-'));
  const server = await startServer({
    port: 0,
    dataDir,
    seed: { seed: 7, months: 1 },
    logger: silentLogger,
    jwtSecret: 'bench-secret-0123456789abcdef',
    limits: { reads: { perSecond: 1e9, burst: 1e9 }, writes: { perSecond: 1e9, burst: 1e9 } },
  });
  try {
    await server.store.importDemoBank({ organisations: [], staff: [{ id: 'bench-handler', orgId: 'HO', role: 'handler', name: '基准' }], complaints: [] });
    const token = await server.issueToken({ sub: 'bench-handler', kind: 'staff', role: 'handler', org: 'HO' }, '2h');
    let seq = 0;
    const send = async () => {
      const res = await fetch(`${server.url}/v1/complaints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `k-${process.pid}-${seq++}` },
        body: BODY,
      });
      if (res.status !== 201) throw new Error(`creation answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    for (let i = 0; i < 200; i++) await send();
    const file = join(dataDir, 'complaintkit.sqlite');
    const side = new Database(file);
    side.pragma('wal_checkpoint(TRUNCATE)');
    let left = N;
    await Promise.all(Array.from({ length: C }, async () => {
      while (left-- > 0) await send();
    }));
    const wal = readFileSync(`${file}-wal`);
    copyFileSync(file, join(dataDir, 'copy.sqlite'));
    copyFileSync(`${file}-wal`, join(dataDir, 'copy.sqlite-wal'));
    side.close();
    const pageSize = wal.readUInt32BE(8);
    const pages = [];
    let commits = 0;
    for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
      pages.push(wal.readUInt32BE(off));
      if (wal.readUInt32BE(off + 4) !== 0) commits++;
    }
    const copy = new Database(join(dataDir, 'copy.sqlite'));
    const owner = new Map(copy.prepare('select name, pageno from dbstat').all().map((r) => [r.pageno, r.name]));
    copy.close();
    const byTree = new Map();
    for (const p of pages) {
      const name = owner.get(p) ?? '(free or new pages)';
      byTree.set(name, (byTree.get(name) ?? 0) + 1);
    }
    return { frames: pages.length, commits, byTree };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (const b of builds) results.push([b, await pagesOf(pathToFileURL(resolve(b)).href)]);
console.log(`${N} keyed creations from ${C} fetch clients per build; WAL pages per creation\n`);
console.log(`| b-tree | ${results.map(([b]) => b.replace(/\/index\.js$/, '')).join(' | ')} |`);
console.log(`|---|${results.map(() => '---:').join('|')}|`);
const names = [...new Set(results.flatMap(([, r]) => [...r.byTree.keys()]))].sort((a, b) => (results[0][1].byTree.get(b) ?? 0) - (results[0][1].byTree.get(a) ?? 0));
for (const n of names) console.log(`| ${n} | ${results.map(([, r]) => ((r.byTree.get(n) ?? 0) / N).toFixed(2)).join(' | ')} |`);
console.log(`| **all** | ${results.map(([, r]) => `**${(r.frames / N).toFixed(2)}**`).join(' | ')} |`);
console.log(`| creations per commit | ${results.map(([, r]) => (N / r.commits).toFixed(2)).join(' | ')} |`);
