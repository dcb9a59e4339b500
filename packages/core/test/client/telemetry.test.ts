import { describe, expect, it, vi } from 'vitest';
import type { ClientEvent } from '../../src/index.js';
import { HttpResponse, http, input, makeComplaint, problem, SECRET_NAME, SECRET_PHONE, server, testClient, url, useServer } from './helpers.js';

useServer();

describe('telemetry', () => {
  it('emits request, retry and response events with ids and attempts but no personal data or token', async () => {
    let calls = 0;
    server.use(
      http.post(url('/v1/complaints'), () => (++calls === 1 ? problem(503, 'internal') : HttpResponse.json(makeComplaint(), { status: 201 }))),
      http.get(url('/v1/complaints'), () => problem(404, 'not_found')),
    );
    const onEvent = vi.fn();
    const logLines: unknown[] = [];
    const log = (...a: unknown[]) => logLines.push(a);
    const { client } = testClient({ onEvent, logger: { debug: log, info: log, warn: log, error: log }, logLevel: 'debug', token: 'secret-token-xyz' });
    const events: ClientEvent[] = [];
    const sub = client.events$.subscribe((e) => events.push(e));
    await client.complaints.create(input);
    await client.complaints.list({ q: SECRET_NAME }).catch(() => {});
    sub.unsubscribe();

    expect(events.map((e) => `${e.type}#${e.attempt}`)).toEqual(['request#1', 'retry#1', 'request#2', 'response#2', 'request#1', 'error#1']);
    const create = events.filter((e) => e.operationId === 'complaints.create');
    expect(new Set(create.map((e) => e.requestId)).size).toBe(1);
    expect(new Set(create.map((e) => e.idempotencyKey)).size).toBe(1);
    expect(create[1]).toMatchObject({ type: 'retry', status: 503, errorCode: 'internal', method: 'POST', route: '/v1/complaints' });
    expect(create[3]).toMatchObject({ type: 'response', status: 201 });
    expect(events.at(-1)).toMatchObject({ type: 'error', status: 404, errorCode: 'not_found', errorName: 'NotFoundError' });
    expect(onEvent).toHaveBeenCalledTimes(events.length);

    const everything = JSON.stringify([events, logLines, onEvent.mock.calls]);
    for (const secret of [SECRET_NAME, SECRET_PHONE, 'secret-token-xyz', encodeURIComponent(SECRET_NAME)]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('sends the same X-Request-Id on every attempt of a call and a new one per call', async () => {
    const ids: string[] = [];
    let n = 0;
    server.use(
      http.get(url('/v1/me'), ({ request }) => {
        ids.push(`${request.headers.get('x-request-id')}#${request.headers.get('x-request-attempt')}`);
        return ++n === 1 ? HttpResponse.error() : HttpResponse.json({ actor: { kind: 'customer', id: 'C-1' }, organisation: null });
      }),
    );
    const { client } = testClient();
    await client.identity.me();
    await client.identity.me();
    const [a, b, c] = ids.map((s) => s.split('#'));
    expect(a![0]).toBe(b![0]);
    expect([a![1], b![1], c![1]]).toEqual(['1', '2', '1']);
    expect(c![0]).not.toBe(a![0]);
  });

  it('keeps a throwing listener from breaking a call', async () => {
    server.use(http.get(url('/v1/me'), () => HttpResponse.json({ actor: { kind: 'customer', id: 'C-1' }, organisation: null })));
    const { client } = testClient({
      onEvent: () => {
        throw new Error('boom');
      },
    });
    await expect(client.identity.me()).resolves.toBeTruthy();
  });
});
