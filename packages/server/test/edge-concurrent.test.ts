import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAtTheEdge } from '../src/http/client-error.js';

/**
 * Two requests in flight that fail differently outside the app: each answer (and each error logged)
 * names its own request. The error handler used to read the request from a module-level variable set
 * only while a request was being handed to the adapter, so an app that failed after an `await` was
 * answered with a new id instead of the client's, and could not name its request at all.
 */
describe('errors answered outside the app, two requests at once', () => {
  let server: Server;
  let port: number;
  const logged: Record<string, unknown>[] = [];
  let releaseSlow: () => void = () => {};
  let slowStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (slowStarted = resolve));
  beforeAll(async () => {
    // An app whose promise rejects after an await (an error that escapes Hono's own handler).
    const fetch = async (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname === '/slow-failure') {
        slowStarted();
        await new Promise<void>((resolve) => (releaseSlow = resolve));
        throw new Error('the app broke');
      }
      return new Response('ok');
    };
    server = createServer({ requireHostHeader: false }, answerAtTheEdge({ fetch, logger: { info: (e) => logged.push(e), error: (e) => logged.push(e) } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const raw = (text: string): Promise<{ status: number; requestId: string | undefined; body: string }> =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let got = '';
      socket.setEncoding('latin1');
      socket.on('data', (d) => (got += d));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = got.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), requestId: /x-request-id: (.*)\r?$/im.exec(head)?.[1]?.trim(), body });
      });
    });

  it('answers each with its own request id', async () => {
    const slow = raw('GET /slow-failure HTTP/1.1\r\nHost: x\r\nX-Request-Id: req-slow\r\nConnection: close\r\n\r\n');
    await started;
    // While the first is in the app, a second one the adapter refuses (a backslash in the path).
    const refused = await raw('GET /v1/me\\x HTTP/1.1\r\nHost: x\r\nX-Request-Id: req-refused\r\nConnection: close\r\n\r\n');
    releaseSlow();
    const failed = await slow;
    expect([refused.status, refused.requestId, JSON.parse(refused.body).requestId]).toEqual([400, 'req-refused', 'req-refused']);
    expect([failed.status, failed.requestId, JSON.parse(failed.body).requestId]).toEqual([500, 'req-slow', 'req-slow']);
    expect(logged.find((e) => e.msg === 'unhandled error outside the app')?.requestId).toBe('req-slow');
  });
});
