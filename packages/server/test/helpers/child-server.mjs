// A service in its own process, for tests that must not share the test's event loop (load, replay
// storms) or that kill it (kill -9). Runs the built package (dist/): `pnpm -r build` first.
// Usage: node child-server.mjs '<ServerOptions as JSON>'; prints one JSON line { url, actors } when
// listening; SIGTERM closes it gracefully.
import { silentLogger, startServer } from '../../dist/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startServer({ port: 0, logger: silentLogger, ...options });
if (options.bank) await server.store.importDemoBank(options.bank);
const head = await server.store.lastEventSeq();
process.stdout.write(`${JSON.stringify({ url: server.url, head, actors: server.seeded.seeded ? server.seeded.demoActors : null })}\n`);
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
