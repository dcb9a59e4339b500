import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/index.js';
import { type ChildServer, startChildServer } from './helpers/child.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream } from './helpers/sse.js';

/** Resuming the event stream from far behind (issue #11: one `Last-Event-ID: 0` stalled the service). */
describe.each(BACKENDS)('bounded replay (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { limits: { replayMaxEvents: 5 } });
    const token = await t.token('u-sb-frontline');
    for (let i = 0; i < 8; i++) expect((await t.api('POST', '/v1/complaints', { token, body: registration({ description: `replay ${i}` }) })).status).toBe(201);
  });
  afterAll(() => t?.close());

  it('tells a client further behind than the replay window to refetch, then goes on live', async () => {
    const head = await t.server.store.lastEventSeq();
    const stream = await openEventStream(`${t.url}/v1/events`, await t.token('u-sb-handler'), { 'Last-Event-ID': '0' });
    const first = await stream.next();
    expect(first.event).toBe('refetch');
    expect(first.id).toBe(String(head));
    expect(first.data).toMatchObject({ code: 'replay_window_exceeded', lastEventId: String(head) });
    const created = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ description: 'after refetch' }) });
    const live = await stream.next();
    expect(live.event).toBe('change');
    expect(live.data.complaint.id).toBe(created.body.id);
    stream.close();
  });

  it('tells a client whose Last-Event-ID is ahead of every event (a database restored from a backup) to refetch, instead of skipping every event up to it', async () => {
    const head = await t.server.store.lastEventSeq();
    const token = await t.token('u-sb-handler');
    for (const url of [`${t.url}/v1/events`, `${t.url}/v1/events?lastEventId=${head + 1000}&complaintId=CK20990101-000001`]) {
      const stream = await openEventStream(url, token, url.includes('lastEventId') ? {} : { 'Last-Event-ID': String(head + 1000) });
      const first = await stream.next();
      expect(first.event).toBe('refetch');
      expect(first.id).toBe(String(head));
      expect(first.data).toMatchObject({ code: 'replay_window_exceeded', lastEventId: String(head) });
      expect(first.data.detail).toContain(String(head + 1000));
      stream.close();
    }
    const stream = await openEventStream(`${t.url}/v1/events`, token, { 'Last-Event-ID': String(head + 1000) });
    expect((await stream.next()).event).toBe('refetch');
    const created = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ description: 'after a restore' }) });
    const live = await stream.next();
    expect(live.event).toBe('change');
    expect(live.data.complaint.id).toBe(created.body.id);
    stream.close();
  });

  it('replays what was missed within the window, in order', async () => {
    const head = await t.server.store.lastEventSeq();
    const stream = await openEventStream(`${t.url}/v1/events`, await t.token('u-sb-handler'), { 'Last-Event-ID': String(head - 3) });
    const got = [await stream.next(), await stream.next(), await stream.next()];
    expect(got.map((m) => [m.event, Number(m.id)])).toEqual([
      ['change', head - 2],
      ['change', head - 1],
      ['change', head],
    ]);
    stream.close();
  });
});

describe('20 full replays at once', () => {
  let child: ChildServer;
  let dataDir: string;
  const secret = 'replay-secret-0123456789abcdef';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ck-replay-'));
    child = await startChildServer({ dataDir, jwtSecret: secret, seed: { seed: 7, months: 1 }, limits: { streamsPerCaller: 20 } });
  }, 120_000);
  afterAll(async () => {
    await child?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the health check answering within 200 ms while 20 head-office streams replay everything', async () => {
    const a = child.actors.leadership;
    const token = await issueToken({ sub: a.id, kind: 'staff', role: a.role, org: a.orgId }, secret, '1h');
    // Ready (degraded, not 503, from 1 January of a year no shipped notice covers: calendar.test.ts).
    const readyz = await fetch(`${child.url}/readyz`);
    expect(readyz.status).toBe(200);
    expect((await readyz.json()).checks).toMatchObject({ database: { ok: true }, migrations: { ok: true } });
    // Each replay reads the whole history, looking only for the last `id:` of each chunk (natively, on
    // bytes), so this process stays light and the latency measured is the service's.
    const replay = async () => {
      const ctrl = new AbortController();
      const res = await fetch(`${child.url}/v1/events`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' }, signal: ctrl.signal });
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let lastId = 0;
      let bytes = 0;
      let carry = Buffer.alloc(0);
      while (lastId < child.head) {
        const { value, done } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        const chunk = Buffer.concat([carry, Buffer.from(value.buffer, value.byteOffset, value.byteLength)]);
        const at = chunk.lastIndexOf('\nid: ');
        const end = at < 0 ? -1 : chunk.indexOf('\n', at + 5);
        if (end > 0) lastId = Number(chunk.subarray(at + 5, end).toString());
        carry = chunk.subarray(Math.max(0, chunk.length - 32));
      }
      ctrl.abort();
      return { lastId, bytes };
    };
    let replaying = true;
    const latencies: number[] = [];
    const probe = (async () => {
      while (replaying) {
        const started = performance.now();
        const res = await fetch(`${child.url}/healthz`);
        await res.text();
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const counts = await Promise.all(Array.from({ length: 20 }, replay));
    replaying = false;
    await probe;
    expect(counts.map((c) => c.lastId)).toEqual(counts.map(() => child.head));
    expect(Math.min(...counts.map((c) => c.bytes))).toBeGreaterThan(500_000);
    expect(latencies.length).toBeGreaterThan(5);
    // Before the fix one such storm stalled the process for seconds. The 95th percentile must stay
    // under 200 ms; the ceiling allows for a machine whose cores other work shares.
    const sorted = [...latencies].sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length * 0.95)]).toBeLessThan(200);
    expect(sorted[sorted.length - 1]).toBeLessThan(1000);
  }, 120_000);
});
