import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { expect, it } from 'vitest';
import { createApp, issueToken, openStore, silentLogger } from '../src/index.js';
import { FIXTURE_BANK } from './helpers/fixture-bank.js';

it('stops an event stream when its client disconnects', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-disconnect-'));
  const store = await openStore({ dataDir });
  await store.importDemoBank(FIXTURE_BANK);
  const secret = 'disconnect-secret-0123456789';
  let running = 0;
  const app = createApp({
    store,
    jwtSecret: secret,
    logger: silentLogger,
    pollMs: 50,
    track: (p) => {
      running++;
      void p.then(() => running--);
    },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/v1/events`, {
    headers: { authorization: `Bearer ${await issueToken({ sub: 'sys', kind: 'system' }, secret)}` },
    signal: abort.signal,
  });
  await res.body?.getReader().read();
  expect(running).toBe(1);
  abort.abort();
  await expect.poll(() => running, { timeout: 3000 }).toBe(0);
  await new Promise((r) => server.close(r));
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});
