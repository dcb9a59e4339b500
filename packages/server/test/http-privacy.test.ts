import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PAGES_CSP } from '../src/http/example-pages.js';
import { registration } from './helpers/fixture-bank.js';
import { startTestServer, type TestServer } from './helpers/harness.js';

/** What reaches the log and the problem documents when a client puts personal data in the path (issue #11). */
describe('personal data sent in a path', () => {
  let t: TestServer;
  const logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    t = await startTestServer('sqlite', { logger: { info: (e) => logged.push(e), error: (e) => logged.push(e) } });
  });
  afterAll(() => t?.close());

  it.each([
    ['GET', '/v1/complaints/13911112222', '13911112222', '/v1/complaints/139****2222'],
    ['GET', '/v1/complaints/%31%33%39%31%31%31%31%32%32%32%32', '13911112222', '/v1/complaints/139****2222'],
    ['POST', '/v1/complaints/11010519491231002X/accept', '11010519491231002X', '/v1/complaints/110***********002X/accept'],
    ['GET', '/v1/nothing/13911112222/<b>x</b>', '13911112222', '/v1/nothing/139****2222/<b>x</b>'],
    // A name: no id of this API has letters outside ASCII, so such a run is masked as a name is.
    ['GET', '/v1/complaints/%E5%BC%A0%E4%B8%89138%201111%202222', '张三', '/v1/complaints/张*138****2222'],
    ['GET', '/v1/customers/欧阳娜娜/tags', '欧阳娜娜', '/v1/customers/欧***/tags'],
  ])('%s %s is logged masked and not echoed in the 404', async (method, path, secret, masked) => {
    logged.length = 0;
    const res = await t.api(method, path, { token: await t.token('u-sb-handler'), ...(method === 'POST' && { body: {} }) });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('not_found');
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(res.body.detail).not.toContain('<b>');
    const line = logged.find((e) => e.msg === 'request');
    expect(line?.path).toBe(masked);
    expect(JSON.stringify(logged)).not.toContain(secret);
  });

  it.each([
    ['GET', '/v1/customers/<b>x/tags', 'u-sb-handler'],
    ['GET', '/v1/alert-rules/<b>x', 'u-br-manager'],
    ['POST', '/v1/alerts/<b>x/acknowledge', 'u-br-manager'],
  ])('%s %s: the 404 does not echo the path\u2019s id', async (method, path, who) => {
    const res = await t.api(method, path, { token: await t.token(who), ...(method === 'POST' && { body: {} }) });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect(res.body.detail).not.toMatch(/<b>|%3Cb%3E/i);
  });

  it('names the field of an unknown organisation id in the body, and quotes no part of it', async () => {
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ subjectOrgId: '13911112222' }) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['subjectOrgId']);
    expect(JSON.stringify(res.body)).not.toMatch(/139\*{0,4}1{0,4}2222/);
  });

  it('a report of an organisation outside the caller’s subtree and of one that does not exist answer the same 404, quoting neither id', async () => {
    const token = await t.token('u-br-manager');
    const [outside, unknown] = await Promise.all(
      ['BR-11', '<b>x'].map((orgId) => t.api('GET', `/v1/reports?from=2026-03-01&to=2026-04-30&orgId=${encodeURIComponent(orgId)}`, { token })),
    );
    expect([outside?.status, unknown?.status]).toEqual([404, 404]);
    expect(outside?.body.detail).toBe(unknown?.body.detail);
    expect(JSON.stringify([outside?.body, unknown?.body])).not.toMatch(/BR-11|<b>/);
  });

  it('a complaint list of an organisation outside the caller’s subtree answers the report’s 404, as one that does not exist, not an empty page', async () => {
    const token = await t.token('u-br-manager');
    const report = await t.api('GET', '/v1/reports?from=2026-03-01&to=2026-04-30&orgId=BR-11', { token });
    const [outside, unknown] = await Promise.all(['BR-11', '<b>x'].map((orgId) => t.api('GET', `/v1/complaints?orgId=${encodeURIComponent(orgId)}`, { token })));
    expect([report.status, outside?.status, unknown?.status]).toEqual([404, 404, 404]);
    const { requestId: _r, instance: _i, ...reportProblem } = report.body;
    for (const res of [outside, unknown]) {
      if (!res) throw new Error('no answer');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const { requestId: _, ...problem } = res.body;
      expect(problem).toEqual({ ...reportProblem, instance: '/v1/complaints' });
    }
    // Inside the subtree, the list is filtered as before.
    const inside = await t.api('GET', '/v1/complaints?orgId=SB-4403', { token });
    expect(inside.status).toBe(200);
  });

  it.each([
    ['subjectOrgId', 'POST', '', () => registration({ subjectOrgId: '<b>x' })],
    ['toOrgId', 'POST', '/transfer', () => ({ toOrgId: '<b>x', reason: '属地管理' })],
    ['assigneeId', 'POST', '/start', () => ({ assigneeId: '<b>x' })],
    ['leaderId', 'POST', '/escalate', () => ({ severity: 'complex', leaderId: '<b>x', reason: '涉及多笔交易' })],
  ])('a 422 for an unknown %s names the field and does not echo what was sent', async (field, method, action, body) => {
    const token = await t.token('u-sb-handler');
    let path = '/v1/complaints';
    if (action) {
      const created = await t.api('POST', path, { token, body: registration() });
      await t.api('POST', `${path}/${created.body.id}/accept`, { token, body: {} });
      path = `${path}/${created.body.id}${action}`;
    }
    const res = await t.api(method, path, { token, body: body() });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    expect(JSON.stringify(res.body)).not.toContain('<b>');
  });

  it('still names a well-formed complaint number that does not exist', async () => {
    const res = await t.api('GET', '/v1/complaints/CK20260301-000999', { token: await t.token('u-sb-handler') });
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('CK20260301-000999');
  });
});

describe('requests Node refuses before any route', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { fixture: false });
  });
  afterAll(() => t?.close());

  const raw = (headers: Record<string, string>, path = '/v1/me'): Promise<{ status: number; type: string | undefined; body: string; requestId?: string }> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${t.url}/v1/me`);
      const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body, requestId: res.headers['x-request-id'] as string | undefined }));
      });
      req.on('error', reject);
      req.end();
    });

  it('answers headers over the limit with a 431 problem document, not an empty answer', async () => {
    const res = await raw({ authorization: `Bearer ${'x'.repeat(20_000)}` });
    expect(res.status).toBe(431);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'validation_failed', errors: [{ path: 'headers' }] });
  });

  it('answers GET * (the asterisk form is OPTIONS\u2019 alone) with a 400 problem document, not an empty text/plain 400', async () => {
    const res = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const url = new URL(t.url);
      const req = request({ host: url.hostname, port: url.port, path: '*', method: 'GET' }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, type: r.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'validation_failed', detail: expect.stringMatching(/request target/) });
  });

  it.each(['/v1/me\\x', '/examples/app/..\\..\\package.json'])('answers a backslash in the path (%s) with a 400 problem document saying so, not an empty text/plain 400', async (path) => {
    const res = await raw({}, path);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'validation_failed', detail: expect.stringMatching(/backslash/), requestId: res.requestId });
  });
});

describe('answers given before the app', () => {
  let t: TestServer;
  const logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    t = await startTestServer('sqlite', { fixture: false, logger: { info: (e) => logged.push(e), error: (e) => logged.push(e) } });
  });
  afterAll(() => t?.close());

  /** Sends `text` as it is on a new connection and waits for the server to close it. */
  const raw = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const url = new URL(t.url);
      const socket = connect(Number(url.port), url.hostname, () => socket.end(text));
      socket.on('data', () => {});
      socket.on('error', reject);
      socket.on('close', () => resolve());
    });

  it.each([
    ['a bad Host', 'GET /v1/complaints/13911112222?phone=13911112222 HTTP/1.1\r\nHost: a b\r\n', 'GET', '/v1/complaints/139****2222', 400],
    ['a backslash in the path', 'GET /v1/customers/%E5%BC%A0%E4%B8%89\\tags HTTP/1.1\r\nHost: x\r\n', 'GET', '/v1/customers/张*\\tags', 400],
    ['no Host header', 'POST /v1/complaints/13911112222/accept HTTP/1.1\r\n', 'POST', '/v1/complaints/139****2222/accept', 400],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: x\r\n', 'OPTIONS', '*', 204],
    ['headers over the limit', `GET /v1/complaints/13911112222 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n`, undefined, undefined, 431],
  ])('logs %s as every answer is: method, masked path, status, duration, request id', async (_, head, method, path, status) => {
    logged.length = 0;
    await raw(`${head}X-Request-Id: edge-log-1\r\nConnection: close\r\n\r\n`);
    const line = logged.find((e) => e.msg === 'request');
    const requestId = status === 431 ? expect.stringMatching(/^[0-9a-f-]{36}$/) : 'edge-log-1';
    expect(line).toMatchObject({ method, path, status, requestId });
    if (status !== 431) expect(line?.ms).toEqual(expect.any(Number));
    expect(JSON.stringify(logged)).not.toMatch(/13911112222|张三|%E5%BC%A0/);
  });
});

describe('the example pages', () => {
  let t: TestServer;
  let pages: string;
  beforeAll(async () => {
    pages = mkdtempSync(join(tmpdir(), 'ck-pages-'));
    mkdirSync(join(pages, 'app', 'public', 'dist'), { recursive: true });
    writeFileSync(join(pages, 'app', 'public', 'index.html'), '<script type="module" src="dist/app.js"></script>');
    writeFileSync(join(pages, 'app', 'public', 'dist', 'app.js'), 'console.log(1)\n//# sourceMappingURL=app.js.map');
    writeFileSync(join(pages, 'app', 'public', 'dist', 'app.js.map'), '{"version":3,"sources":["../src/app.ts"]}');
    writeFileSync(join(pages, 'index.html'), '<h1>examples</h1>');
    writeFileSync(join(pages, 'page-build.ts'), 'export const secretBuildStep = 1;');
    writeFileSync(join(pages, 'package.json'), '{"name":"secret-examples"}');
    mkdirSync(join(pages, 'app', 'src'), { recursive: true });
    writeFileSync(join(pages, 'app', 'src', 'app.ts'), 'export const secretSource = 1;');
    t = await startTestServer('sqlite', { fixture: false, staticDir: pages });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(pages, { recursive: true, force: true });
  });

  it('are served with the strict Content-Security-Policy of the widgets guide', async () => {
    for (const path of ['/examples/app/', '/examples/app/dist/app.js', '/examples/app/missing.css']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toBe(EXAMPLE_PAGES_CSP);
    }
    expect(EXAMPLE_PAGES_CSP).toContain("script-src 'self'");
    expect(EXAMPLE_PAGES_CSP).not.toContain('unsafe');
  });

  it('serve the index at the root but no source file there, nor outside public/, however the path is encoded', async () => {
    expect((await fetch(`${t.url}/examples/`)).status).toBe(200);
    expect((await fetch(`${t.url}/examples/index.html`)).status).toBe(200);
    for (const path of [
      '/examples/page-build.ts',
      '/examples/package.json',
      '/examples/app/src/app.ts',
      '/examples/app/..%2fsrc%2fapp.ts',
      '/examples/app/%2e%2e/src/app.ts',
      '/examples/app/%252e%252e/src/app.ts',
      '/examples/..%2f..%2fpackage.json',
      '/examples/%2e%2e%2f%2e%2e%2fpackage.json',
      '/examples/..%252f..%252fpackage.json',
      '/examples/app/public/../../package.json',
    ]) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      expect(await res.text(), path).not.toMatch(/secret/);
    }
  });

  it('never serves source maps', async () => {
    expect((await fetch(`${t.url}/examples/app/dist/app.js`)).status).toBe(200);
    const map = await fetch(`${t.url}/examples/app/dist/app.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('sources');
  });
});
