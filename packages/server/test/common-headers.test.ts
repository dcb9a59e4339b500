import { connect } from 'node:net';
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

  /** Sends `text` as it is on a new connection and reads the answer's status and headers. */
  const raw = (text: string): Promise<{ status: number; headers: Headers; body: string }> =>
    new Promise((resolve, reject) => {
      const url = new URL(t.url);
      const socket = connect(Number(url.port), url.hostname, () => socket.end(text));
      let got = '';
      socket.setEncoding('latin1');
      socket.on('data', (d) => (got += d));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = got.split('\r\n\r\n');
        const [statusLine = '', ...lines] = head.split('\r\n');
        const headers = new Headers();
        for (const l of lines) headers.append(l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim());
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
      });
    });

  it.each([
    ['headers over the limit', `GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a request that is not HTTP', 'NOT HTTP\r\n\r\n', 400],
    ['a backslash in the path', 'GET /v1/me\\x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['no Host header', 'GET /v1/me HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ['a Host header that is not a host', 'GET /v1/me HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n', 400],
  ])('puts them on the problem answered before the app (%s)', async (_, request, status) => {
    const res = await raw(request);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status, code: 'validation_failed', requestId: res.headers.get('x-request-id') });
    for (const [name, value] of COMMON_HEADERS) expect([name, res.headers.get(name)]).toEqual([name, value]);
  });

  it('names the URL too as what may be too long when the request line is over the limit', async () => {
    // Node's parser reports a request line over its limit as it reports headers over it (HPE_HEADER_OVERFLOW),
    // so the answer is a 431 whose detail names both causes.
    const res = await raw(`GET /v1/me?${'a'.repeat(70_000)}=1 HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).detail).toMatch(/URL/);
  });

  it('echoes a valid client request id on every answer given before the app, read as the app reads it', async () => {
    const withId = (request: string, id = 'edge-1'): string => request.replace('\r\n', `\r\nX-Request-Id: ${id}\r\n`);
    for (const request of [
      'GET /v1/me\\x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'GET /v1/me HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n',
      'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'GET /v1/me HTTP/1.1\r\nConnection: close\r\n\r\n',
      'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ]) {
      const res = await raw(withId(request));
      expect([request, res.headers.get('x-request-id')]).toEqual([request, 'edge-1']);
      if (res.body !== '') expect(JSON.parse(res.body).requestId).toBe('edge-1');
    }
    // Two X-Request-Id fields read as one ("a, b", not a plain token): a new id, at the edge as in the app.
    for (const request of ['OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'GET /v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']) {
      const res = await raw(withId(withId(request, 'b'), 'a'));
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('names the Host header, not the target, when the Host is what is wrong', async () => {
    const host = await raw('GET /v1/me HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n');
    expect(JSON.parse(host.body).detail).toMatch(/^the Host header is not a host name/);
    const target = await raw('GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(JSON.parse(target.body).detail).toMatch(/^the request target is not a URL/);
  });

  it('answers OPTIONS * (RFC 9110 §9.3.7, a probe of the whole server) with 204 and Allow listing every method the service takes', async () => {
    const res = await raw('OPTIONS * HTTP/1.1\r\nHost: x\r\nX-Request-Id: probe-1\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect(res.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, POST');
    expect(res.headers.get('x-request-id')).toBe('probe-1');
    for (const [name, value] of COMMON_HEADERS) expect([name, res.headers.get(name)]).toEqual([name, value]);
    // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400, OPTIONS * included.
    const hostless = await raw('OPTIONS * HTTP/1.1\r\nX-Request-Id: probe-2\r\nConnection: close\r\n\r\n');
    expect(hostless.status).toBe(400);
    expect(JSON.parse(hostless.body)).toMatchObject({ status: 400, code: 'validation_failed', requestId: 'probe-2' });
    // The asterisk form is OPTIONS' alone: any other method with it is still a 400 problem.
    const get = await raw('GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(get.status).toBe(400);
    expect(JSON.parse(get.body)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});
