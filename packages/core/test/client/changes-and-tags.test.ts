import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../src/index.js';
import { HttpResponse, http, makeComplaint, server, testClient, url, useServer } from './helpers.js';

useServer();

/** 5 changed complaints after seq 100, served 2 per page; records each request's query. */
function serveChanges() {
  const all = Array.from({ length: 5 }, (_, i) => ({ seq: 101 + i * 3, complaint: makeComplaint(`CK20260302-00000${i + 1}`, i + 1) }));
  const queries: string[] = [];
  server.use(
    http.get(url('/v1/complaint-changes'), ({ request }) => {
      const q = new URL(request.url).searchParams;
      queries.push(q.toString());
      const since = Number(q.get('since') ?? 0);
      const rest = all.filter((c) => c.seq > since);
      const page = rest.slice(0, Number(q.get('limit') ?? 100));
      return HttpResponse.json({ data: page, nextCursor: rest.length > page.length ? String(page.at(-1)!.seq) : null });
    }),
  );
  return queries;
}

describe('client.complaints.changes', () => {
  it('pages on from the last seq until the end, each item carrying its cursor', async () => {
    const queries = serveChanges();
    const { client } = testClient();
    const seen: [number, string][] = [];
    for await (const { seq, complaint } of client.complaints.changes({ since: '100', limit: 2 })) seen.push([seq, complaint.id]);
    expect(seen.map(([s]) => s)).toEqual([101, 104, 107, 110, 113]);
    expect(queries).toEqual(['since=100&limit=2', 'since=104&limit=2', 'since=110&limit=2']);
  });

  it('refuses a cursor that is not a sequence number before sending', async () => {
    const queries = serveChanges();
    const { client } = testClient();
    await expect(client.complaints.changes({ since: 'yesterday' })).rejects.toThrow(/since/);
    expect(queries).toEqual([]);
  });
});

describe('client.tags', () => {
  const tags = {
    customerId: 'C-1001',
    tags: [
      {
        code: 'repeat_complainer',
        status: 'active',
        validFrom: '2026-10-02T01:00:00.000Z',
        validUntil: null,
        evidence: ['CK20260901-000001'],
        version: 'repeat_complainer@1',
        lastEvaluatedAt: '2026-11-29T00:00:00.000Z',
      },
    ],
  };

  it("reads one customer's tags with their evidence, the id escaped in the path", async () => {
    let path = '';
    server.use(
      http.get(url('/v1/customers/:customerId/tags'), ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(tags);
      }),
    );
    const { client } = testClient();
    const got = await client.tags.forCustomer('C 1001');
    expect(got.tags[0]?.evidence).toEqual(['CK20260901-000001']);
    expect(path).toBe('/v1/customers/C%201001/tags');
  });

  it('turns 403 and 404 into typed errors', async () => {
    const problem = (status: number, code: string) => HttpResponse.json({ type: `https://complaintkit.dev/problems/${code}`, title: code, status, code, detail: code }, { status, headers: { 'content-type': 'application/problem+json' } });
    server.use(http.get(url('/v1/customers/C-1/tags'), () => problem(403, 'forbidden')), http.get(url('/v1/customers/C-2/tags'), () => problem(404, 'not_found')));
    const { client } = testClient();
    await expect(client.tags.forCustomer('C-1')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(client.tags.forCustomer('C-2')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('imports a batch, checking it before sending', async () => {
    let sent: unknown;
    server.use(
      http.post(url('/v1/customer-tags'), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ written: 1, deleted: 0 });
      }),
    );
    const { client } = testClient();
    const { customerId, tags: list } = tags;
    expect(await client.tags.import({ assignments: [{ customerId, ...list[0]! } as never] })).toEqual({ written: 1, deleted: 0 });
    expect(sent).toEqual({ assignments: [{ customerId, ...list[0] }], deleted: [] });
    await expect(client.tags.import({ assignments: [{ customerId: 'a|b', ...list[0]! } as never] })).rejects.toThrow(/customerId/);
  });
});
