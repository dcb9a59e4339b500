import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** The changed-since read (`GET /v1/complaint-changes`) through the real service, on each backend. */
describe.each(BACKENDS)('complaint changes since a cursor (%s)', (backend) => {
  let t: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer(backend);
    const sys = await t.token('system');
    for (const [name, org] of [
      ['shenzhen', 'SB-4403'],
      ['guangzhou', 'SB-4401'],
      ['beijing', 'BR-11'],
    ] as const) {
      const res = await t.api('POST', '/v1/complaints', { token: sys, body: registration({ handlingOrgId: org }) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[name] = res.body.id;
    }
  });
  afterAll(() => t?.close());

  const changes = async (since: string, who = 'system', limit = 100) => {
    const res = await t.api('GET', `/v1/complaint-changes?since=${since}&limit=${limit}`, { token: await t.token(who) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { data: { seq: number; complaint: { id: string; complainant: { phone?: string } } }[]; nextCursor: string | null };
  };
  const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

  it('gives every complaint changed after the cursor once, in commit order, masked, and pages exactly', async () => {
    const all = await changes('0');
    expect(all.data.map((d) => name(d.complaint.id))).toEqual(['shenzhen', 'guangzhou', 'beijing']);
    expect(all.nextCursor).toBeNull();
    expect(all.data[0]?.complaint.complainant.phone).toBe('138****5678');
    const first = await changes('0', 'system', 2);
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBe(String(first.data[1]?.seq));
    const second = await changes(first.nextCursor!, 'system', 2);
    expect(second.data.map((d) => name(d.complaint.id))).toEqual(['beijing']);
    expect(second.nextCursor).toBeNull();
  });

  it('brings a complaint again, once, after it changes, and nothing that did not change', async () => {
    const before = await changes('0');
    const cursor = String(before.data.at(-1)!.seq);
    expect((await changes(cursor)).data).toEqual([]);
    const handler = await t.token('u-sb-handler');
    for (const action of ['accept', 'start']) {
      const res = await t.api('POST', `/v1/complaints/${ids.shenzhen}/${action}`, { token: handler, body: {} });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const after = await changes(cursor);
    expect(after.data.map((d) => [name(d.complaint.id), (d.complaint as unknown as { status: string }).status])).toEqual([['shenzhen', 'in_progress']]);
    expect(after.data[0]!.seq).toBe(Number(cursor) + 2);
  });

  it('misses no change committed while a reader pages through (writes race the reads)', async () => {
    const start = String((await changes('0')).data.at(-1)!.seq);
    const sys = await t.token('system');
    const written: string[] = [];
    const writes = (async () => {
      for (let i = 0; i < 12; i++) {
        const res = await t.api('POST', '/v1/complaints', { token: sys, body: registration({ handlingOrgId: 'SB-4401' }) });
        written.push(res.body.id);
      }
    })();
    const seen = new Set<string>();
    let since = start;
    let done = false;
    void writes.then(() => {
      done = true;
    });
    // Read pages of 2 until the writer is done and a read after that finds nothing new.
    for (;;) {
      const wasDone = done;
      const page = await changes(since, 'system', 2);
      for (const d of page.data) seen.add(d.complaint.id);
      if (page.data.length) since = String(page.data.at(-1)!.seq);
      if (wasDone && page.nextCursor === null) break;
    }
    await writes;
    expect(written.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('applies the access rules: staff see their subtree, customers are refused, bad cursors are 400', async () => {
    expect((await changes('0', 'u-sb-handler')).data.map((d) => name(d.complaint.id))).toEqual(['shenzhen']);
    expect((await changes('0', 'u-bj-handler')).data.map((d) => name(d.complaint.id))).toEqual(['beijing']);
    const customer = await t.api('GET', '/v1/complaint-changes', { token: await t.token('customer:C-1001') });
    expect(customer.status).toBe(403);
    const anonymous = await t.api('GET', '/v1/complaint-changes', {});
    expect(anonymous.status).toBe(401);
    const bad = await t.api('GET', '/v1/complaint-changes?since=abc', { token: await t.token('system') });
    expect(bad.status).toBe(400);
  });

  it('reads an empty since as from the beginning, as the list reads an empty cursor', async () => {
    const token = await t.token('system');
    const [absent, empty] = await Promise.all(['/v1/complaint-changes', '/v1/complaint-changes?since='].map((path) => t.api('GET', path, { token })));
    expect(empty?.status).toBe(200);
    expect(empty?.body).toEqual(absent?.body);
  });
});
