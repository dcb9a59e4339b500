import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream } from './helpers/sse.js';

// One month of demo data: what matters here is that the generator's bank imports and serves, not its volume.
describe.each(BACKENDS)('seeding the demo bank (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { fixture: false, seed: { seed: 1, months: 1 } });
  });
  afterAll(() => t?.close());

  it('imports the bank and serves it to the demo actors', async () => {
    const seeded = t.server.seeded;
    if (!seeded.seeded) throw new Error('expected the empty database to be seeded');
    expect(seeded.complaints).toBeGreaterThan(0);
    const { customer, handler } = seeded.demoActors;
    const mine = await t.api('GET', '/v1/complaints?limit=100', { token: await t.server.issueToken({ sub: customer.id, kind: 'customer' }) });
    expect(mine.status).toBe(200);
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((c: { complainant: { customerId: string } }) => c.complainant.customerId === customer.id)).toBe(true);

    const token = await t.server.issueToken({ sub: handler.id, kind: 'staff', role: handler.role, org: handler.orgId });
    const before = await t.server.store.lastEventSeq();
    expect(before).toBeGreaterThan(0);
    const created = await t.api('POST', '/v1/complaints', { token, body: registration({ complainant: { name: '王五' } }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Counters continue past the imported data: a new number, a later event.
    expect(created.body.timeline[0].seq).toBe(before + 1);
    const again = await t.api('GET', `/v1/complaints?q=${created.body.id}`, { token });
    expect(again.body.data).toHaveLength(1);

    // Imported history replays through the stream too.
    const stream = await openEventStream(`${t.url}/v1/events`, await t.token('system'), { 'Last-Event-ID': '0' });
    const first = await stream.next();
    expect(first.data.complaint.timeline.every((e: { seq: number }) => e.seq <= Number(first.id))).toBe(true);
    stream.close();
  });

  it('leaves a database with data alone', async () => {
    const { seedIfEmpty } = await import('../src/jobs/seed-if-empty.js');
    expect(await seedIfEmpty(t.server.store, { seed: 2, months: 1 })).toEqual({ seeded: false });
  });
});
