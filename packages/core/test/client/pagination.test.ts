import { describe, expect, it } from 'vitest';
import { HttpResponse, http, makeComplaint, server, testClient, url, useServer } from './helpers.js';

useServer();

/** 7 complaints, served 3 per page; records each request's query. */
function serveList() {
  const all = Array.from({ length: 7 }, (_, i) => makeComplaint(`CK20260302-00000${i + 1}`, i + 1));
  const queries: string[] = [];
  server.use(
    http.get(url('/v1/complaints'), ({ request }) => {
      const q = new URL(request.url).searchParams;
      queries.push(q.toString());
      const start = Number(q.get('cursor') ?? 0);
      const end = Math.min(start + 3, all.length);
      return HttpResponse.json({ data: all.slice(start, end), nextCursor: end < all.length ? String(end) : null });
    }),
  );
  return queries;
}

describe('pagination', () => {
  it('await gives the first page with data, nextCursor, hasNextPage() and getNextPage()', async () => {
    const queries = serveList();
    const { client } = testClient();
    const page = await client.complaints.list({ status: ['accepted', 'in_progress'], overdue: true, limit: 3 });
    expect(page.data.map((c) => c.id)).toEqual(['CK20260302-000001', 'CK20260302-000002', 'CK20260302-000003']);
    expect(page.nextCursor).toBe('3');
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.data[0]?.id).toBe('CK20260302-000004');
    expect(queries[0]).toBe('status=accepted&status=in_progress&overdue=true&limit=3');
    expect(queries[1]).toContain('cursor=3');
    expect(queries[1]).toContain('status=accepted&status=in_progress');
  });

  it('for await yields every item across pages, then stops', async () => {
    const queries = serveList();
    const { client } = testClient();
    const ids: string[] = [];
    for await (const c of client.complaints.list({ limit: 3 })) ids.push(c.id);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect(queries).toHaveLength(3);
  });

  it('toArray requires a limit and stops fetching at it', async () => {
    const queries = serveList();
    const { client } = testClient();
    // @ts-expect-error limit is required
    await expect(client.complaints.list().toArray({})).rejects.toThrow(/limit/);
    const four = await client.complaints.list({ limit: 3 }).toArray({ limit: 4 });
    expect(four).toHaveLength(4);
    expect(queries).toHaveLength(2);
  });

  it('fetches nothing until awaited or iterated', async () => {
    const queries = serveList();
    const { client } = testClient();
    const pending = client.complaints.list();
    await new Promise((r) => setTimeout(r, 10));
    expect(queries).toHaveLength(0);
    await pending;
    expect(queries).toHaveLength(1);
  });
});
