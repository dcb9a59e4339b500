/**
 * The service reads request headers from Node's raw header list (`requestHeader`) instead of the web
 * `Headers` that `c.req.header` builds: every value must be the one `Headers` gives, above all for a
 * field sent twice, where Node's own `incoming.headers` keeps only the first `Authorization`.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/http/env.js';
import { requestHeader } from '../src/http/request-header.js';
import { startTestServer, type TestServer } from './helpers/harness.js';

/** Sends `head` (request line and header lines, CRLF-separated, without the blank line) and returns the raw answer. */
async function raw(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  let answer = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    answer += chunk;
  });
  await once(socket, 'close');
  return answer;
}

const NAMES = ['authorization', 'content-type', 'content-length', 'x-request-id', 'idempotency-key', 'x-dup', 'x-spaced', 'x-absent', 'cookie'];

describe('requestHeader', () => {
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    const app = new Hono<AppEnv>();
    app.all('*', (c) => c.json(Object.fromEntries(NAMES.map((n) => [n, { ours: requestHeader(c, n) ?? null, hono: c.req.header(n) ?? null }]))));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close?.());

  it('gives what c.req.header gives: fields sent twice joined, any case, whitespace at the ends dropped', async () => {
    const answer = await raw(
      url,
      [
        'GET /x HTTP/1.1',
        `Host: ${new URL(url).host}`,
        'AUTHORIZATION: Bearer one',
        'authorization: Bearer two',
        'Content-Type: application/json',
        'content-type: text/plain',
        'X-Request-ID: abc',
        'Idempotency-Key:\tk-1\t',
        'X-Dup: a',
        'x-dup:   b  ',
        'X-Spaced:  in  the  middle  ',
        'Cookie: a=1',
        'cookie: b=2',
      ].join('\r\n'),
    );
    const seen = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, { ours: string | null; hono: string | null }>;
    for (const name of NAMES) expect(seen[name]?.ours, name).toBe(seen[name]?.hono);
    expect(seen.authorization?.ours).toBe('Bearer one, Bearer two');
    expect(seen['content-type']?.ours).toBe('application/json, text/plain');
    expect(seen['idempotency-key']?.ours).toBe('k-1');
    expect(seen['x-dup']?.ours).toBe('a, b');
    expect(seen['x-spaced']?.ours).toBe('in  the  middle');
    expect(seen['x-absent']?.ours).toBeNull();
    expect(seen.cookie?.ours).toBe('a=1; b=2');
  });
});

describe('a request sending Authorization twice', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t?.close());

  it('is refused with 401 even when both carry the same valid token (not read as its first one)', async () => {
    const token = await t.token('u-sb-handler');
    const host = `Host: ${new URL(t.url).host}`;
    const once1 = await raw(t.url, ['GET /v1/me HTTP/1.1', host, `Authorization: Bearer ${token}`].join('\r\n'));
    expect(once1.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    const twice = await raw(t.url, ['GET /v1/me HTTP/1.1', host, `Authorization: Bearer ${token}`, `Authorization: Bearer ${token}`].join('\r\n'));
    expect(twice.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(twice).toContain('application/problem+json');
  });
});
