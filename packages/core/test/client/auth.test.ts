import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/index.js';
import { HttpResponse, http, makeComplaint, problem, server, testClient, url, useServer } from './helpers.js';

useServer();

describe('token provider and refresh', () => {
  it('refreshes once for 5 concurrent 401s and retries only the requests sent with the old token', async () => {
    let valid = 'tok-1';
    const calls: string[] = [];
    let providerCalls = 0;
    server.use(
      http.get(url('/v1/complaints/:id'), async ({ request }) => {
        const auth = request.headers.get('authorization');
        calls.push(auth ?? '');
        await new Promise((r) => setTimeout(r, 5));
        return auth === `Bearer ${valid}` ? HttpResponse.json(makeComplaint()) : problem(401, 'unauthenticated');
      }),
    );
    const { client } = testClient({
      token: async ({ reason }) => {
        providerCalls++;
        await new Promise((r) => setTimeout(r, 10));
        return reason === 'initial' ? 'tok-1' : 'tok-2';
      },
    });
    await client.complaints.get('CK20260302-000001'); // token tok-1 in use
    expect(providerCalls).toBe(1);
    valid = 'tok-2'; // tok-1 expires at the service
    calls.length = 0;
    const results = await Promise.all(Array.from({ length: 5 }, () => client.complaints.get('CK20260302-000001')));
    expect(results).toHaveLength(5);
    expect(providerCalls).toBe(2); // one refresh for all five
    expect(calls.filter((c) => c === 'Bearer tok-1')).toHaveLength(5);
    expect(calls.filter((c) => c === 'Bearer tok-2')).toHaveLength(5);
  });

  it('fails with AuthenticationError when the new token is refused too, without refreshing again', async () => {
    let providerCalls = 0;
    let requests = 0;
    server.use(http.get(url('/v1/me'), () => {
        requests++;
        return problem(401, 'unauthenticated');
      }));
    const { client } = testClient({ token: () => `tok-${++providerCalls}` });
    const errors = await Promise.all(Array.from({ length: 3 }, () => client.identity.me().catch((e) => e)));
    for (const e of errors) expect(e).toBeInstanceOf(AuthenticationError);
    expect(providerCalls).toBe(2); // initial + a single refresh
    expect(requests).toBe(6); // each request: old token, then new token, then gives up
  });

  it('fails a request sent with the just-refreshed token that still gets 401, without another refresh', async () => {
    let providerCalls = 0;
    let valid = 'tok-1';
    server.use(
      http.get(url('/v1/me'), ({ request }) =>
        request.headers.get('authorization') === `Bearer ${valid}`
          ? HttpResponse.json({ actor: { kind: 'customer', id: 'C-1' }, organisation: null })
          : problem(401, 'unauthenticated'),
      ),
    );
    const { client } = testClient({ token: () => `tok-${++providerCalls}` });
    await client.identity.me();
    valid = 'tok-2';
    await client.identity.me(); // 401 with tok-1, one refresh, retried with tok-2
    expect(providerCalls).toBe(2);
    valid = 'revoked';
    await expect(client.identity.me()).rejects.toBeInstanceOf(AuthenticationError); // tok-2 is the new token
    expect(providerCalls).toBe(2);
  });

  it('does not retry a 401 with a static token', async () => {
    let requests = 0;
    server.use(http.get(url('/v1/me'), () => {
        requests++;
        return problem(401, 'unauthenticated');
      }));
    const { client } = testClient({ token: 'static' });
    await expect(client.identity.me()).rejects.toBeInstanceOf(AuthenticationError);
    expect(requests).toBe(1);
  });

  it('reports a failing token provider as an AuthenticationError and asks again next time', async () => {
    let n = 0;
    server.use(http.get(url('/v1/me'), () => HttpResponse.json({ actor: { kind: 'customer', id: 'C-1' }, organisation: null })));
    const { client } = testClient({
      token: () => {
        if (++n === 1) throw new Error('keychain locked');
        return 'tok';
      },
    });
    await expect(client.identity.me()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.identity.me()).resolves.toMatchObject({ actor: { id: 'C-1' } });
  });
});
