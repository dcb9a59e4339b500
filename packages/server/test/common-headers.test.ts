import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_HEADERS } from '../src/http/common-headers.js';
import { registration } from './helpers/fixture-bank.js';
import { startTestServer, type TestServer } from './helpers/harness.js';

/** Every response carries the security, CORS and request-id headers, now set before the handler runs. */
describe('headers on every response', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t?.close());

  it('lists what hono/secure-headers sets with our options, no more, no less', async () => {
    const probe = new Hono();
    probe.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginEmbedderPolicy: false }));
    probe.get('/', (c) => c.text('x'));
    const theirs = [...(await probe.request('/')).headers].filter(([k]) => k !== 'content-type');
    const ours = [...new Headers(COMMON_HEADERS as [string, string][])].filter(([k]) => !k.startsWith('access-control-'));
    expect(ours.sort()).toEqual(theirs.sort());
  });

  it('puts them on answers, problems, refusals and preflights alike', async () => {
    const token = await t.token('u-sb-frontline');
    const auth = { authorization: `Bearer ${token}` };
    const answers = [
      await fetch(`${t.url}/v1/me`, { headers: auth }),
      await fetch(`${t.url}/v1/complaints`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'hdr-1' }, body: JSON.stringify(registration()) }),
      await fetch(`${t.url}/v1/complaints`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'hdr-1' }, body: JSON.stringify(registration()) }),
      await fetch(`${t.url}/v1/me`),
      await fetch(`${t.url}/v1/nowhere`, { headers: auth }),
      await fetch(`${t.url}/v1/me`, { method: 'DELETE', headers: auth }),
      await fetch(`${t.url}/v1/complaints`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' }),
      await fetch(`${t.url}/openapi.json`),
      await fetch(`${t.url}/healthz`),
      await fetch(`${t.url}/v1/me`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 201, 201, 401, 404, 405, 415, 200, 200, 204]);
    expect(answers[2]?.headers.get('idempotent-replayed')).toBe('true');
    for (const res of answers) {
      await res.arrayBuffer();
      for (const [name, value] of COMMON_HEADERS) expect([res.status, name, res.headers.get(name)]).toEqual([res.status, name, value]);
      expect(res.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
    }
    const echoed = await fetch(`${t.url}/v1/me`, { headers: { ...auth, 'x-request-id': 'req-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-123');
    expect(answers[9]?.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
  });
});
