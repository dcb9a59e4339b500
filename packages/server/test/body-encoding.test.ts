import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** Bodies a client sends compressed or in another encoding than UTF-8, and odd query keys (outside check, session 6). */
describe.each(BACKENDS)('body encoding and query keys (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const post = (token: string, body: Buffer | string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/v1/complaints`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : (new Uint8Array(body) as unknown as BodyInit) });

  it.each(['gzip', 'br', 'deflate', 'GZIP', 'identity, gzip'])('answers a body sent with Content-Encoding: %s with 415 saying to send it uncompressed, and writes nothing', async (encoding) => {
    const token = await t.token('u-sb-frontline');
    const before = await t.server.store.lastEventSeq();
    const res = await post(token, gzipSync(JSON.stringify(registration())), { 'content-encoding': encoding });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('accept-encoding')).toBe('identity');
    const problem = await res.json();
    expect(problem.code).toBe('unsupported_media_type');
    expect(problem.detail).toMatch(/uncompressed/);
    expect(await t.server.store.lastEventSeq()).toBe(before);
  });

  it('takes a body sent with Content-Encoding: identity', async () => {
    const token = await t.token('u-sb-frontline');
    const res = await post(token, JSON.stringify(registration()), { 'content-encoding': 'identity' });
    expect(res.status).toBe(201);
  });

  it('refuses a body whose bytes are not UTF-8 (a name in GBK) with 400 naming the encoding, and writes nothing', async () => {
    const token = await t.token('u-sb-frontline');
    const before = await t.server.store.lastEventSeq();
    const text = JSON.stringify(registration({ complainant: { name: 'NAME', phone: '13812345678' } }));
    const [head, tail] = text.split('NAME') as [string, string];
    // 张三 in GBK: D5 C5 C8 FD, which is not UTF-8.
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(tail)]);
    const res = await post(token, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem.errors).toEqual([{ path: '', message: 'the body is not valid UTF-8' }]);
    expect(problem.detail).toMatch(/UTF-8/);
    expect(await t.server.store.lastEventSeq()).toBe(before);
  });

  it.each(['gbk', 'GB18030', '"latin1"', 'utf-16'])('answers a body labelled charset=%s with 415 saying JSON is UTF-8, and takes utf-8, UTF8 and "utf-8"', async (charset) => {
    const token = await t.token('u-sb-frontline');
    const before = await t.server.store.lastEventSeq();
    const res = await post(token, JSON.stringify(registration()), { 'content-type': `application/json; charset=${charset}` });
    expect(res.status).toBe(415);
    expect((await res.json()).detail).toMatch(/JSON is UTF-8/);
    expect(await t.server.store.lastEventSeq()).toBe(before);
    for (const ok of ['utf-8', 'UTF8', '"utf-8"']) expect((await post(token, JSON.stringify(registration()), { 'content-type': `application/json;charset=${ok}` })).status).toBe(201);
  });

  it('takes UTF-8 with a leading byte-order mark', async () => {
    const token = await t.token('u-sb-frontline');
    const res = await post(token, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(registration()))]));
    expect(res.status).toBe(201);
  });

  it.each(['q=%E4%B8', 'q=%FF', 'q=%E4%B8%AD%E6', 'status=registered&q=%C0%AF'])('refuses a query value with a broken escape (%s) with 400 naming q, instead of searching for U+FFFD', async (query) => {
    const token = await t.token('u-sb-handler');
    const res = await t.api('GET', `/v1/complaints?${query}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'q', message: expect.stringMatching(/not percent-encoded UTF-8/) }]);
    expect((await t.api('GET', `/v1/complaints?q=${encodeURIComponent('年费')}`, { token })).status).toBe(200);
  });

  it.each(['q=%EF%BF%BD', `q=${encodeURIComponent('年费\uFFFD')}`, 'q=%EF%BF%BD&status=registered', 'q=%EF%BF%BD%zz'])('takes a correctly encoded U+FFFD (%s): it is text, not a broken escape', async (query) => {
    const token = await t.token('u-sb-handler');
    const res = await t.api('GET', `/v1/complaints?${query}`, { token });
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
    // A broken escape beside it is still refused.
    expect((await t.api('GET', `/v1/complaints?${query}&q=%E4%B8`, { token })).status).toBe(400);
  });

  it.each(['?=1', '?=', '?status=registered&=x'])('refuses the empty query key in %s with 400 naming it', async (query) => {
    const token = await t.token('u-sb-handler');
    const res = await t.api('GET', `/v1/complaints${query}`, { token });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).not.toMatch(/the body/);
    expect(res.body.errors).toEqual([{ path: '', message: expect.stringMatching(/^a query parameter has an empty name/) }]);
  });
});
