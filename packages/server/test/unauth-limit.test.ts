import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/harness.js';

/** Issue #11: requests without a valid token are limited per remote address (each cost a token check). */
describe('requests without a valid token, per remote address', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { limits: { unauthenticated: { perSecond: 1, burst: 4 } } });
  });
  afterAll(() => t?.close());

  const get = (authorization?: string) => fetch(`${t.url}/v1/me`, { headers: authorization ? { authorization } : {} });

  it('answers 401 within the budget, then 429 with Retry-After and a problem document; a valid token still passes', async () => {
    const within = [await get(), await get('Bearer not-a-token'), await get('Bearer a.b.c'), await get('Basic dXNlcjpwYXNz')];
    expect(within.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    const over = await get('Bearer still-not-a-token');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(over.headers.get('content-type')).toBe('application/problem+json');
    const problem = await over.json();
    expect(problem.code).toBe('rate_limited');
    expect(problem.detail).toMatch(/without a valid token/);
    // The budget is for refusals only: a caller with a valid token from the same address is served.
    const ok = await get(`Bearer ${await t.token('u-sb-handler')}`);
    expect(ok.status).toBe(200);
    // A removed subject's token counts as no valid token.
    expect((await get(`Bearer ${await t.server.issueToken({ sub: 'u-nobody', kind: 'staff', role: 'handler', org: 'SB-4403' })}`)).status).toBe(429);
    // The bucket refills at perSecond.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await get()).status).toBe(401);
  });
});
