import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, issueToken, type Logger, type Store } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers/harness.js';

describe('HTTP conventions', () => {
  let t: TestServer;
  let pages: string;
  beforeAll(async () => {
    pages = mkdtempSync(join(tmpdir(), 'ck-pages-'));
    writeFileSync(join(pages, 'index.html'), '<h1>examples</h1>');
    t = await startTestServer('sqlite', { staticDir: pages });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(pages, { recursive: true, force: true });
  });

  it('echoes a request id, or makes one, in the header and in problems', async () => {
    const sent = await t.api('GET', '/v1/me', { headers: { 'X-Request-Id': 'req-abc-123' } });
    expect(sent.headers.get('x-request-id')).toBe('req-abc-123');
    expect(sent.body.requestId).toBe('req-abc-123');
    const made = await t.api('GET', '/v1/me');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers.get('x-request-id'));
  });

  it('allows any origin with Authorization and sets security headers', async () => {
    const preflight = await fetch(`${t.url}/v1/complaints`, {
      method: 'OPTIONS',
      headers: { origin: 'https://bank.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const res = await fetch(`${t.url}/openapi.json`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });

  it('lets a page at another origin send every method the contract has (PATCH and DELETE of an alert rule too)', async () => {
    // A dashboard on the bank's portal, another origin, edits and removes alert rules: the browser
    // sends PATCH and DELETE only when the preflight lists them.
    for (const method of ['PATCH', 'DELETE']) {
      const preflight = await fetch(`${t.url}/v1/alert-rules/r-1`, {
        method: 'OPTIONS',
        headers: { origin: 'https://portal.bank.example', 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-methods')?.split(',').map((m) => m.trim())).toContain(method);
    }
  });

  it("names each reader's own origin as the server in the OpenAPI document, not the first reader's forged Host", async () => {
    const { request } = await import('node:http');
    const serverOf = (base: string, host?: string) =>
      new Promise<string>((resolve, reject) => {
        const req = request(`${base}/openapi.json`, { headers: host ? { host } : {} }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve(JSON.parse(body).servers[0].url));
        });
        req.on('error', reject);
        req.end();
      });
    // The first request to a freshly started service: a generated client that reads the document later
    // must not be pointed (with its tokens) at the host a forger named.
    const fresh = await startTestServer('sqlite');
    try {
      expect(await serverOf(fresh.url, 'attacker.example')).toBe('http://attacker.example');
      expect(await serverOf(fresh.url)).toBe(fresh.url);
    } finally {
      await fresh.close();
    }
  });

  it('answers the per-request document with Vary: Host and Cache-Control: no-store, and reads no forwarded header', async () => {
    const res = await fetch(`${t.url}/openapi.json`, { headers: { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('vary')).toBe('Host');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Anyone can send X-Forwarded-*: without a configured public URL they are not believed.
    expect(((await res.json()) as { servers: { url: string }[] }).servers.map((s) => s.url)).toEqual([t.url]);
  });

  it('names only the configured public URL (publicUrl, CK_PUBLIC_URL) as the server behind a proxy, whatever Host or X-Forwarded-Host says', async () => {
    const { request } = await import('node:http');
    const proxied = await startTestServer('sqlite', { fixture: false, publicUrl: 'https://complaints.bank.example/' });
    try {
      const servers = await new Promise<string[]>((resolve, reject) => {
        const req = request(`${proxied.url}/openapi.json`, { headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'http' } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve((JSON.parse(body) as { servers: { url: string }[] }).servers.map((s) => s.url)));
        });
        req.on('error', reject);
        req.end();
      });
      expect(servers).toEqual(['https://complaints.bank.example']);
    } finally {
      await proxied.close();
    }
    const { resolvePublicUrl } = await import('../src/http/public-url.js');
    expect(resolvePublicUrl(undefined, 'https://bank.example/complaints/')).toBe('https://bank.example/complaints');
    expect(resolvePublicUrl(undefined, '')).toBeUndefined();
    // A value that is not an http(s) address stops the start, saying what is expected.
    await expect(startTestServer('sqlite', { fixture: false, publicUrl: 'complaints.bank.example' })).rejects.toThrow(/publicUrl \(CK_PUBLIC_URL\) is not a URL/);
    expect(() => resolvePublicUrl('ftp://bank.example')).toThrow(/http: or https:/);
  });

  it('serves the example pages at /examples/', async () => {
    const res = await fetch(`${t.url}/examples/index.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('examples');
  });

  it('answers an unexpected failure with a bare 500 problem and logs it redacted', async () => {
    const logged: Record<string, unknown>[] = [];
    const infos: Record<string, unknown>[] = [];
    const logger: Logger = { info: (e) => infos.push(e), error: (e) => logged.push(e) };
    const broken = {
      getOrganisation: async () => ({ id: 'HO', parentId: null, kind: 'head_office', name: '总行', regionCode: '110000', path: '/HO/' }),
      getStaff: async () => ({ id: 'u-1', orgId: 'HO', role: 'handler', name: '处理' }),
      getComplaint: async () => {
        throw new Error('database exploded while reading 13812345678');
      },
    } as unknown as Store;
    const secret = 'unit-secret-0123456789abcdef';
    const app = createApp({ store: broken, jwtSecret: secret, logger });
    const token = await issueToken({ sub: 'u-1', kind: 'staff', role: 'handler', org: 'HO' }, secret);
    const res = await app.request('/v1/complaints/CK20260301-000001', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'internal', status: 500 });
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('exploded');
    expect(text).not.toMatch(/at .*\.ts/);
    expect(JSON.stringify(logged)).toContain('138****5678');
    expect(JSON.stringify(logged)).not.toContain('13812345678');
    // Request log lines carry method, path, status, duration and request id: nothing else.
    expect(infos).toHaveLength(1);
    expect(Object.keys(infos[0] as object).sort()).toEqual(['method', 'ms', 'msg', 'path', 'requestId', 'status']);
  });
});
