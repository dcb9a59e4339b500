// The reference service (or a bare node:http server) in its own process, for server-throughput.mjs.
// Usage: node bench/server-child.mjs '<json>'  with { mode: 'service' | 'bare', server?: path to the
// server package's index.js (default: the built @complaintkit/server), databaseUrl?, dataDir? }.
// Prints one JSON line { url, token } when listening; exits on SIGTERM.
import { createServer } from 'node:http';

const o = JSON.parse(process.argv[2] ?? '{}');
if (o.mode === 'bare') {
  // The floor: read the body, answer a small JSON document, keep the connection alive.
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({ ok: true, method: req.method, bytes: Buffer.concat(chunks).length });
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}`, token: 'none' })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const { silentLogger, startServer } = await import(o.server ?? '@complaintkit/server');
  const server = await startServer({
    port: 0,
    dataDir: o.dataDir,
    databaseUrl: o.databaseUrl,
    seed: { seed: 7, months: 1 },
    logger: silentLogger,
    jwtSecret: 'bench-secret-0123456789abcdef',
    // The benchmark measures the service, not its per-caller rate limits (one token sends everything).
    limits: { reads: { perSecond: 1e9, burst: 1e9 }, writes: { perSecond: 1e9, burst: 1e9 } },
  });
  // A head-office handler: registers anywhere, reads the whole bank.
  await server.store.importDemoBank({ organisations: [], staff: [{ id: 'bench-handler', orgId: 'HO', role: 'handler', name: '基准' }], complaints: [] });
  const token = await server.issueToken({ sub: 'bench-handler', kind: 'staff', role: 'handler', org: 'HO' }, '2h');
  // { profile: FILE }: a CPU profile of what runs from now (the load) until SIGTERM, not of the start.
  let stopProfile = async () => {};
  if (o.profile) {
    const { Session } = await import('node:inspector/promises');
    const { writeFileSync } = await import('node:fs');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
    stopProfile = async () => writeFileSync(o.profile, JSON.stringify((await session.post('Profiler.stop')).profile));
  }
  process.stdout.write(`${JSON.stringify({ url: server.url, token })}\n`);
  process.on('SIGTERM', () => stopProfile().then(() => server.close()).then(() => process.exit(0)));
}
