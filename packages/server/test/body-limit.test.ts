import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { startTestServer, type TestServer } from './helpers/harness.js';

/**
 * The body is read straight from Node's request (no web Request built): the 1 MiB limit must hold
 * whether the client sends a Content-Length or streams the body chunked without one.
 */
describe('request bodies over the wire', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t?.close());

  /** POSTs `chunks` as a chunked body (no Content-Length); resolves status, body and Connection. */
  const chunked = (token: string, chunks: string[]) =>
    new Promise<{ status: number; body: { code?: string; id?: string }; connection: string | undefined }>((resolve, reject) => {
      const req = request(`${t.url}/v1/complaints`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), connection: res.headers.connection }));
      });
      req.on('error', reject);
      const write = (i: number): void => {
        if (i === chunks.length) return void req.end();
        // Stop sending once the server has answered (it closes the connection after a 413).
        if (!req.write(chunks[i])) req.once('drain', () => write(i + 1));
        else setImmediate(() => write(i + 1));
      };
      write(0);
    });

  it('registers from a chunked body, and refuses a chunked body over 1 MiB with a 413 problem', async () => {
    const token = await t.token('u-sb-frontline');
    const body = JSON.stringify(registration({ description: '分块发送的投诉' }));
    const ok = await chunked(token, [body.slice(0, 20), body.slice(20)]);
    expect(ok.status).toBe(201);
    expect(ok.body.id).toMatch(/^CK/);
    const big = JSON.stringify(registration({ description: 'x'.repeat(1_100_000) }));
    const refused = await chunked(token, Array.from({ length: Math.ceil(big.length / 65_536) }, (_, i) => big.slice(i * 65_536, (i + 1) * 65_536))).catch((e: Error) => e);
    // The service answers 413 and closes; a client still writing may see the reset instead.
    if (refused instanceof Error) expect(refused.message).toMatch(/EPIPE|ECONNRESET|socket hang up/);
    else {
      expect(refused.status).toBe(413);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.connection).toBe('close');
    }
    const listed = await t.api('GET', '/v1/complaints?limit=100', { token: await t.token('system') });
    expect(listed.body.data.filter((c: { description: string }) => c.description.startsWith('xxxx'))).toHaveLength(0);
  });
});
