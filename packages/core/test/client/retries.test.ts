import { describe, expect, it } from 'vitest';
import { AbortError, NetworkError, ServerError, TimeoutError } from '../../src/index.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, retryAfterMs } from '../../src/internal/retry/backoff.js';
import { HttpResponse, http, input, makeComplaint, problem, server, testClient, url, useServer } from './helpers.js';

useServer();

describe('retries', () => {
  it('retries a GET on 503 and 500 with exponential backoff and full jitter, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(url('/v1/complaints/:id'), () => {
        calls++;
        return calls < 3 ? problem(calls === 1 ? 503 : 500, 'internal') : HttpResponse.json(makeComplaint());
      }),
    );
    const { client, delays } = testClient({ random: () => 1 });
    const c = await client.complaints.get('CK20260302-000001');
    expect(c.id).toBe('CK20260302-000001');
    expect(calls).toBe(3);
    expect(delays).toEqual([500, 1000]); // random()=1 gives the cap of each step
  });

  it('gives up after maxRetries (default 2) with a ServerError that is retryable', async () => {
    let calls = 0;
    server.use(http.get(url('/v1/complaints/:id'), () => {
        calls++;
        return problem(502, 'internal');
      }));
    const { client } = testClient();
    const e = await client.complaints.get('CK20260302-000001').catch((x) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect(e.retryable).toBe(true);
    expect(e.status).toBe(502);
    expect(calls).toBe(3);
  });

  it('retries on 408 and 429 and network errors, but not on 400/404/409', async () => {
    const seen: number[] = [];
    for (const status of [408, 429, 400, 404, 409]) {
      let calls = 0;
      server.use(http.get(url('/v1/me'), () => {
        calls++;
        return problem(status, 'x');
      }));
      const { client } = testClient({ maxRetries: 1 });
      await client.identity.me().catch(() => {});
      seen.push(calls);
    }
    expect(seen).toEqual([2, 2, 1, 1, 1]);
    let calls = 0;
    server.use(http.get(url('/v1/me'), () => {
        calls++;
        return HttpResponse.error();
      }));
    const { client } = testClient({ maxRetries: 1 });
    await expect(client.identity.me()).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(2);
  });

  it('waits what Retry-After asks for (seconds, HTTP date), capped at maxRetryAfterMs', async () => {
    let calls = 0;
    server.use(
      http.get(url('/v1/me'), () => {
        calls++;
        if (calls === 1) return problem(429, 'rate_limited', {}, { 'retry-after': '3' });
        if (calls === 2) return problem(503, 'internal', {}, { 'retry-after': new Date(Date.now() + 10_000).toUTCString() });
        return problem(429, 'rate_limited', {}, { 'retry-after': '3600' });
      }),
    );
    const { client, delays } = testClient({ maxRetries: 3, retry: { maxRetryAfterMs: 20_000 } });
    await client.identity.me().catch(() => {});
    expect(delays[0]).toBe(3000);
    expect(delays[1]).toBeGreaterThan(8000);
    expect(delays[1]).toBeLessThanOrEqual(10_000);
    expect(delays[2]).toBe(20_000);
  });

  it('computes full-jitter backoff from 0.5 s up to 8 s and reads Retry-After', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, DEFAULT_RETRY_POLICY, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });

  it('honours X-Should-Retry: false from the service', async () => {
    let calls = 0;
    server.use(http.get(url('/v1/me'), () => {
        calls++;
        return problem(503, 'internal', {}, { 'x-should-retry': 'false' });
      }));
    const { client } = testClient();
    await expect(client.identity.me()).rejects.toBeInstanceOf(ServerError);
    expect(calls).toBe(1);
  });
});

describe('idempotency', () => {
  it('sends one Idempotency-Key on a create and reuses it on every retry, with one X-Request-Id and rising attempts', async () => {
    const seen: { key: string | null; rid: string | null; attempt: string | null }[] = [];
    server.use(
      http.post(url('/v1/complaints'), ({ request }) => {
        seen.push({
          key: request.headers.get('idempotency-key'),
          rid: request.headers.get('x-request-id'),
          attempt: request.headers.get('x-request-attempt'),
        });
        return seen.length < 3 ? HttpResponse.error() : HttpResponse.json(makeComplaint(), { status: 201 });
      }),
    );
    const { client } = testClient();
    await client.complaints.create(input);
    expect(seen).toHaveLength(3);
    expect(seen[0]!.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(new Set(seen.map((s) => s.rid)).size).toBe(1);
    expect(seen.map((s) => s.attempt)).toEqual(['1', '2', '3']);
  });

  it('puts a key on every lifecycle action and a fresh one per call; a given key is used as is', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(url('/v1/complaints/:id/:action'), ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return HttpResponse.json(makeComplaint());
      }),
    );
    const { client } = testClient({ validation: 'off' });
    await client.complaints.accept('CK20260302-000001');
    await client.complaints.accept('CK20260302-000001');
    await client.complaints.followUp('CK20260302-000001', { reached: false }, { idempotencyKey: 'outbox-item-42' });
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBeTruthy();
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('outbox-item-42');
  });

  it('never sends a key on GET, and never retries a POST sent without a key', async () => {
    let posts = 0;
    let getKey: string | null = 'unset';
    server.use(
      http.post(url('/v1/complaints'), () => {
        posts++;
        return problem(503, 'internal');
      }),
      http.get(url('/v1/me'), ({ request }) => {
        getKey = request.headers.get('idempotency-key');
        return problem(404, 'not_found');
      }),
    );
    const { client } = testClient();
    const e = await client.complaints.create(input, { idempotencyKey: null }).catch((x) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect(e.idempotencyKey).toBeUndefined();
    expect(posts).toBe(1);
    await client.identity.me().catch(() => {});
    expect(getKey).toBeNull();
  });
});

describe('abort and timeout', () => {
  it('maps a per-attempt timeout to TimeoutError and retries it', async () => {
    let calls = 0;
    server.use(
      http.get(url('/v1/me'), async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 200));
        return problem(404, 'not_found');
      }),
    );
    const { client } = testClient({ timeout: 20, maxRetries: 1 });
    const e = await client.identity.me().catch((x) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.retryable).toBe(true);
    expect(calls).toBe(2);
  });

  it('counts a body that stops arriving against the same timeout, and retries it', async () => {
    let calls = 0;
    server.use(
      http.get(url('/v1/me'), () => {
        calls++;
        // Headers at once, then half a JSON body and silence.
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"actor":'));
          },
        });
        return new HttpResponse(body, { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const { client } = testClient({ timeout: 30, maxRetries: 1 });
    const e = await client.identity.me().catch((x) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(calls).toBe(2);
  });

  it('maps an abort by the caller to AbortError and never retries it', async () => {
    let calls = 0;
    server.use(
      http.get(url('/v1/me'), async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 200));
        return problem(503, 'internal');
      }),
    );
    const { client } = testClient();
    const ac = new AbortController();
    const p = client.identity.me({ signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    const e = await p.catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(e.retryable).toBe(false);
    expect(calls).toBe(1);
  });

  it('stops waiting between retries when the caller aborts', async () => {
    server.use(http.get(url('/v1/me'), () => problem(503, 'internal')));
    const ac = new AbortController();
    const { client } = testClient({
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
          ac.abort();
        }),
    });
    await expect(client.identity.me({ signal: ac.signal })).rejects.toBeInstanceOf(AbortError);
  });
});
