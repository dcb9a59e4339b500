import { describe, expect, it } from 'vitest';
import { createComplaintClient } from '../../src/index.js';
import { ALL_ENDPOINTS } from '../../src/domain/contract/all-endpoints.js';
import { ENDPOINTS } from '../../src/domain/contract/endpoints.js';
import { COMPLAINT_ACTIONS } from '../../src/domain/lifecycle/states.js';
import { HttpResponse, http, makeComplaint, server, testClient, url, useServer } from './helpers.js';

useServer();

describe('every endpoint is reachable through a resource', () => {
  it('calls each ENDPOINTS and ACTION_ENDPOINTS route through a typed method', async () => {
    const hits = new Set<string>();
    const c = makeComplaint();
    server.use(
      http.all(`${url('')}/*`, ({ request }) => {
        const path = new URL(request.url).pathname;
        const route = path.replace(/CK\d{8}-\d{6}/, '{id}').replace(/\/(AR|AL)-[\w-]+/, '/{id}').replace(/\/customers\/[^/]+\/tags$/, '/customers/{customerId}/tags');
        hits.add(`${request.method} ${route}`);
        if (route === '/v1/events') return new HttpResponse('', { headers: { 'content-type': 'text/event-stream' } });
        if (route === '/v1/complaints') return HttpResponse.json(request.method === 'GET' ? { data: [], nextCursor: null } : c);
        if (route === '/v1/me') return HttpResponse.json({ actor: { kind: 'customer', id: 'C-1' }, organisation: null });
        if (route === '/v1/organisations') return HttpResponse.json({ data: [] });
        if (route === '/v1/complaint-changes') return HttpResponse.json({ data: [], nextCursor: null });
        return HttpResponse.json(c);
      }),
    );
    const { client } = testClient({ validation: 'off' });
    await client.complaints.create({} as never, {}).catch(() => {}); // refused before sending (validation)
    await client.request(ENDPOINTS.createComplaint, { body: (await import('./helpers.js')).input });
    await client.complaints.get(c.id);
    await client.complaints.list();
    await client.identity.me();
    await client.identity.organisations();
    await client.classification.suggest({ description: '信用卡年费被扣' });
    const sub = client.complaints.stream().subscribe();
    for (let i = 0; i < 200 && !hits.has('GET /v1/events'); i++) await new Promise((r) => setTimeout(r, 10));
    sub.unsubscribe();
    for (const action of COMPLAINT_ACTIONS) {
      await client.complaints.transition(c.id, action, {} as never).catch(() => {});
    }
    const bodies: Record<string, unknown> = {
      decline: { reason: 'r' },
      merge: { intoComplaintId: 'CK20260302-000009', reason: 'r' },
      transfer: { toOrgId: 'BR-1', reason: 'r' },
      escalate: { severity: 'major', reason: 'r' },
      hold: { reason: 'r' },
      extend: { reason: 'r', complainantNotifiedAt: '2026-03-10T10:00:00+08:00' },
      respond: { outcome: 'upheld', basis: 'b', remediesOffered: ['review'], notifiedVia: 'sms', notifiedAt: '2026-03-10T10:00:00+08:00' },
      follow_up: { reached: false },
      request_review: { reason: 'r' },
      reopen: { reason: 'r' },
      new_facts: { reason: 'r' },
    };
    const methods = client.complaints as unknown as Record<string, (id: string, body?: unknown) => Promise<unknown>>;
    for (const action of COMPLAINT_ACTIONS) {
      const name = action.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase());
      expect(typeof methods[name]).toBe('function');
      await methods[name]!(c.id, bodies[action] ?? {});
    }
    const range = { from: '2026-03-01', to: '2026-03-31' };
    await client.reports.get(range);
    await client.reports.trend({ ...range, interval: 'month', metric: 'volume' });
    await client.reports.heatMap(range);
    await client.reports.regulator({ quarter: '2026Q1' });
    await client.alerts.rules.list();
    await client.alerts.rules.create({ name: 'n', metric: 'volume', direction: 'above', threshold: 1 });
    await client.alerts.rules.get('AR-1');
    await client.alerts.rules.update('AR-1', { threshold: 2 });
    await client.alerts.rules.remove('AR-1');
    await client.alerts.list();
    await client.alerts.evaluate();
    await client.alerts.acknowledge('AL-1');
    await client.alerts.resolve('AL-1');
    await client.history.import({ format: 'ndjson', data: '' });
    await client.complaints.changes({ since: '0' });
    await client.tags.forCustomer('C-000001').catch(() => {});
    await client.tags.import({ assignments: [] } as never).catch(() => {});
    const expected = ALL_ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect([...hits].sort()).toEqual([...new Set(expected)].sort());
  });

  it('rejects a baseUrl that is not an absolute http(s) URL, saying what to pass', () => {
    expect(() => createComplaintClient({ baseUrl: '/api' })).toThrow(/absolute http/);
  });
});
