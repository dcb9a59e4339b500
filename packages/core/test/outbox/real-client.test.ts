import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createComplaintClient } from '../../src/index.js';
import { registerComplaint } from '../../src/domain/lifecycle/machine.js';
import { ComplaintCreate } from '../../src/domain/schemas/complaint.js';
import { createOutbox, MemoryStorage, type Outbox, type OutboxClient } from '../../src/outbox.js';
import { complaintInput } from './helpers.js';

// The real client against a mocked service: the outbox's structural assumptions about it (the
// Idempotency-Key it sends, `retryable`, `status`, `code`, `fields` on its errors) hold.
const BASE = 'http://ck.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const open: Outbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

function outboxWithRealClient(net = { online: true }) {
  const client: OutboxClient = createComplaintClient({ baseUrl: BASE, token: 'tok', maxRetries: 0 });
  const outbox = createOutbox({ client, storage: new MemoryStorage(), isOnline: () => net.online, onlineEvents: null, visibilityEvents: null, pollMs: 0, autoStart: false, retry: { baseMs: 600_000 } });
  open.push(outbox);
  return outbox;
}

const complaint = (id: string) =>
  registerComplaint(ComplaintCreate.parse(complaintInput(1)), {
    actor: { kind: 'customer', id: 'C-1001' },
    now: Date.parse('2026-03-01T09:00:00+08:00'),
    seq: 1,
    id,
    handlingOrgId: 'BR-44',
  });

describe('outbox with the real client', () => {
  it('sends the item id as Idempotency-Key on every attempt; a network failure retries, the 201 marks it sent', async () => {
    const keys: (string | null)[] = [];
    let first = true;
    server.use(
      http.post(`${BASE}/v1/complaints`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (first) {
          first = false;
          return HttpResponse.error();
        }
        return HttpResponse.json(complaint('CK20260301-000007'), { status: 201 });
      }),
    );
    const net = { online: false };
    const outbox = outboxWithRealClient(net);
    const item = await outbox.add('complaint', complaintInput(1));
    net.online = true;
    await outbox.flush();
    const [waiting] = await outbox.list();
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastError: { code: 'network_error' } });
    await outbox.flush();
    expect(keys).toEqual([item.id, item.id]);
    expect((await outbox.list())[0]).toMatchObject({ state: 'sent', result: { complaintId: 'CK20260301-000007' } });
  });

  it('parks a 400 validation problem with its fields, and retries a 503', async () => {
    server.use(
      http.post(`${BASE}/v1/complaints/:id/follow-up`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Invalid request', status: 400, code: 'validation_failed', errors: [{ path: 'comment', message: 'Too long' }] },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
      http.post(`${BASE}/v1/complaints`, () =>
        HttpResponse.json({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'internal' }, { status: 503, headers: { 'content-type': 'application/problem+json' } }),
      ),
    );
    const outbox = outboxWithRealClient();
    const survey = await outbox.add('survey', { complaintId: 'CK20260301-000042', answer: { reached: true, satisfaction: 2, comment: '太慢' } });
    const later = await outbox.add('complaint', complaintInput(2));
    await outbox.flush();
    const items = await outbox.list();
    expect(items.find((i) => i.id === survey.id)).toMatchObject({
      state: 'failed',
      failure: { status: 400, code: 'validation_failed', fields: [{ path: 'comment', message: 'Too long' }] },
    });
    expect(items.find((i) => i.id === later.id)).toMatchObject({ state: 'queued', lastError: { status: 503 } });
  });
});
