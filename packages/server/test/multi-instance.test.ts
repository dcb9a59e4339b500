import { complaintNumber, ENDPOINTS, registerComplaint } from '@complaintkit/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../src/store/sql-store.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream, type SseMessage } from './helpers/sse.js';

/**
 * Issue #11: PostgreSQL writers no longer queue on one global lock, and several service instances on
 * one database behave as one: exactly-once creation through either, and every stream sees every
 * instance's changes, in order, none skipped, while writers commit concurrently and out of order.
 */
describe.runIf(BACKENDS.includes('postgres'))('two instances on one PostgreSQL database', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    // One token sends every write here: this is about ordering and exactly-once, not the rate limits.
    const limits = { writes: { perSecond: 1e9, burst: 1e9 }, reads: { perSecond: 1e9, burst: 1e9 } };
    a = await startTestServer('postgres', { limits });
    b = await startTestServer('postgres', { databaseUrl: a.databaseUrl as string, fixture: false, limits });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const committedSeqsAfter = async (seq: number) =>
    (await (a.server.store as SqlStore).db.selectFrom('events').select('seq').where('seq', '>', seq).orderBy('seq').execute()).map((r) => Number(r.seq));
  const read = async (stream: Awaited<ReturnType<typeof openEventStream>>, n: number) => {
    const got: SseMessage[] = [];
    while (got.length < n) got.push(await stream.next(15_000));
    return got;
  };

  it('creates one complaint when the same key reaches both instances at once', async () => {
    const body = registration({ description: 'two-instances-race-marker' });
    const sends = Array.from({ length: 10 }, async (_, i) => {
      const t = i % 2 === 0 ? a : b;
      return t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body, headers: { 'Idempotency-Key': 'k-two-instances' } });
    });
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    const listed = await b.api('GET', '/v1/complaints?limit=100&q=two-instances-race-marker', { token: await b.token('system') });
    expect(listed.body.data).toHaveLength(1);
  });

  it('streams, on each instance, every change made through both, in order, none skipped, under concurrent writers', async () => {
    const start = await a.server.store.lastEventSeq();
    const onA = await openEventStream(`${a.url}/v1/events`, await a.token('u-ho-auditor'), { 'Last-Event-ID': String(start) });
    const onB = await openEventStream(`${b.url}/v1/events`, await b.token('u-ho-auditor'), { 'Last-Event-ID': String(start) });
    // 96 registrations, 16 at a time, alternating instances: writers commit out of seq order.
    const ids: string[] = [];
    const queue = Array.from({ length: 96 }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const t = i % 2 === 0 ? a : b;
          const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ description: `gapless ${i}` }) });
          expect(res.status).toBe(201);
          ids.push(res.body.id);
        }
      }),
    );
    const committed = await committedSeqsAfter(start);
    expect(committed).toHaveLength(96);
    for (const stream of [onA, onB]) {
      const got = await read(stream, 96);
      expect(got.map((m) => Number(m.id))).toEqual(committed);
      expect(got.map((m) => m.data.complaint.id).sort()).toEqual([...ids].sort());
      stream.close();
    }
  });

  it('takes a step once when two instances are asked for it at the same moment', async () => {
    const created = await a.api('POST', '/v1/complaints', { token: await a.token('u-sb-handler'), body: registration() });
    const [x, y] = await Promise.all(
      [a, b].map(async (t) => t.api('POST', `/v1/complaints/${created.body.id}/accept`, { token: await t.token('u-sb-handler'), body: {} })),
    );
    expect([x?.status, y?.status].sort()).toEqual([200, 409]);
    expect([x?.body.code, y?.body.code]).toContain('invalid_transition');
    expect((await b.api('GET', `/v1/complaints/${created.body.id}`, { token: await b.token('u-sb-handler') })).body.timeline).toHaveLength(2);
  });

  it('holds back a later commit until an earlier-numbered writer on the other instance has finished', async () => {
    const start = await a.server.store.lastEventSeq();
    const stream = await openEventStream(`${b.url}/v1/events`, await b.token('u-ho-auditor'), { 'Last-Event-ID': String(start) });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let drawn = 0;
    let held: Promise<unknown> = Promise.resolve();
    const drew = new Promise<void>((resolve) => {
      // A writer on instance A draws its event number, then stalls before committing.
      held = a.server.store.mutate(undefined, async (tx) => {
        const now = Date.now();
        const id = complaintNumber(now, await tx.nextComplaintNumber());
        drawn = await tx.nextEventSeq();
        resolve();
        await gate;
        const input = ENDPOINTS.createComplaint.body.parse(registration({ description: 'held writer' }));
        const c = registerComplaint(input, { actor: { kind: 'staff', id: 'u-sb-frontline', role: 'frontline', orgId: 'SB-4403' }, now, seq: drawn, id, handlingOrgId: 'SB-4403' });
        await tx.insertComplaint(c);
        return { status: 201, body: c };
      });
    });
    await drew;
    // A later number commits through instance B while the earlier one is still open: no lock to wait for.
    const later = await b.api('POST', '/v1/complaints', { token: await b.token('u-sb-frontline'), body: registration({ description: 'later writer' }) });
    expect(later.status).toBe(201);
    const laterSeq = later.body.timeline[0].seq as number;
    expect(laterSeq).toBeGreaterThan(drawn);
    // Let both feeds poll while the earlier number is open: a reader that moved its head to the later
    // event now would never send the earlier one.
    await new Promise((r) => setTimeout(r, 600));
    release();
    await held;
    const got = await read(stream, 2);
    expect(got.map((m) => Number(m.id))).toEqual([drawn, laterSeq]);
    stream.close();
  });
});
