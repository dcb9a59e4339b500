import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, issueToken, openStore, type RunningServer, silentLogger, type Store, startServer } from '../src/index.js';
import { FIXTURE_BANK, registration } from './helpers/fixture-bank.js';
import { BACKENDS, freshDatabase, startTestServer, type TestServer } from './helpers/harness.js';

/** The limits of issue #11 that `limits` declared but nothing enforced: rates, timeouts, shutdown. */
describe('per-caller rate limits', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { limits: { reads: { perSecond: 0.5, burst: 3 }, writes: { perSecond: 0.5, burst: 2 } } });
  });
  afterAll(() => t?.close());

  it('refuses reads over the budget with 429 and Retry-After, per caller, and keeps a separate write budget', async () => {
    const handler = await t.token('u-sb-handler');
    for (let i = 0; i < 3; i++) expect((await t.api('GET', '/v1/me', { token: handler })).status).toBe(200);
    const over = await t.api('GET', '/v1/complaints', { token: handler });
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toBe('application/problem+json');
    expect(over.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(over.body.retryAfter).toBe(Number(over.headers.get('retry-after')));
    // Another caller has a budget of their own.
    expect((await t.api('GET', '/v1/me', { token: await t.token('u-sb-manager') })).status).toBe(200);
    // Writes are counted apart: the reader's first two changes go through, the third is refused and not made.
    const frontline = await t.token('u-sb-frontline');
    for (let i = 0; i < 3; i++) expect((await t.api('GET', '/v1/me', { token: frontline })).status).toBe(200);
    const before = await t.server.store.lastEventSeq();
    expect((await t.api('POST', '/v1/complaints', { token: frontline, body: registration() })).status).toBe(201);
    expect((await t.api('POST', '/v1/complaints', { token: frontline, body: registration() })).status).toBe(201);
    const refused = await t.api('POST', '/v1/complaints', { token: frontline, body: registration() });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await t.server.store.lastEventSeq()).toBe(before + 2);
  });

  it('never limits the health endpoints', async () => {
    for (let i = 0; i < 10; i++) expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('request timeouts', () => {
  const secret = 'unit-secret-0123456789abcdef';
  const slowStore = (ms: number) =>
    ({
      getOrganisation: async () => ({ id: 'HO', parentId: null, kind: 'head_office', name: '总行', regionCode: '110000', path: '/HO/' }),
      getStaff: async () => ({ id: 'u-1', orgId: 'HO', role: 'handler', name: '处理' }),
      getComplaint: () => new Promise((resolve) => setTimeout(() => resolve(undefined), ms)),
    }) as unknown as Store;

  it('answers a request still running after requestTimeoutMs with a 503 problem and Retry-After', async () => {
    const app = createApp({ store: slowStore(2_000), jwtSecret: secret, logger: silentLogger, limits: { requestTimeoutMs: 100 } });
    const token = await issueToken({ sub: 'u-1', kind: 'staff', role: 'handler', org: 'HO' }, secret);
    const started = performance.now();
    const res = await app.request('/v1/complaints/CK20260301-000001', { headers: { authorization: `Bearer ${token}` } });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ code: 'unavailable', status: 503 });
  });

  it('answers a request that does not arrive in time with a 408 problem', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-timeout-'));
    const server = await startServer({ port: 0, dataDir, jwtSecret: secret, logger: silentLogger, limits: { requestTimeoutMs: 400 } });
    try {
      const { port, hostname } = new URL(server.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => socket.write('GET /v1/me HTTP/1.1\r\nHost: x\r\n')); // never ends its headers
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        setTimeout(() => socket.destroy(), 5_000);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(answer).toContain('application/problem+json');
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('graceful shutdown (%s)', (backend) => {
  let dataDir: string;
  let databaseUrl: string | undefined;
  let server: RunningServer;
  const secret = 'shutdown-secret-0123456789abcdef';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ck-shutdown-'));
    databaseUrl = backend === 'postgres' ? await freshDatabase() : undefined;
    server = await startServer({ port: 0, dataDir, databaseUrl, jwtSecret: secret, logger: silentLogger, pollMs: 50 });
    await server.store.importDemoBank(FIXTURE_BANK);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes a write in flight, ends event streams with a retry hint, then closes', async () => {
    const token = await server.issueToken({ sub: 'u-sb-frontline', kind: 'staff', role: 'frontline', org: 'SB-4403' });
    const stream = await fetch(`${server.url}/v1/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const streamText = stream.text();
    // Slow the store's writes down, so one is still running when the shutdown begins.
    const store = server.store as Store & { mutate: Store['mutate'] };
    const mutate = store.mutate.bind(store);
    store.mutate = (async (...args: Parameters<Store['mutate']>) => {
      await new Promise((r) => setTimeout(r, 1_500));
      return mutate(...args);
    }) as Store['mutate'];
    const write = fetch(`${server.url}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'shutdown-1' },
      body: JSON.stringify(registration({ description: '关机时提交的投诉' })),
    });
    await new Promise((r) => setTimeout(r, 200));
    const closed = server.close();
    expect((await readyzDuring(server.url)) ?? 'refused').not.toBe(200);
    const res = await write;
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await streamText).toMatch(/retry: \d+/);
    await closed;
    // The write was committed: it is there after the restart.
    const reopened = await openStore({ dataDir, databaseUrl });
    try {
      expect((await reopened.getComplaint(id))?.complaint.description).toBe('关机时提交的投诉');
    } finally {
      await reopened.close();
    }
  });
});

/** The readiness answer while shutting down, or undefined when no new connection is taken. */
async function readyzDuring(url: string): Promise<number | undefined> {
  try {
    return (await fetch(`${url}/readyz`)).status;
  } catch {
    return undefined;
  }
}

describe('a request on a kept connection during shutdown', () => {
  it('is refused with 503, Retry-After and Connection: close', async () => {
    const closing = new AbortController();
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-closing-'));
    const store = await openStore({ dataDir });
    try {
      const app = createApp({ store, jwtSecret: 'unit-secret-0123456789abcdef', logger: silentLogger, closing: closing.signal });
      closing.abort();
      const res = await app.request('/v1/me');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('connection')).toBe('close');
      expect((await res.json()).code).toBe('unavailable');
      expect((await app.request('/readyz')).status).toBe(503);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
