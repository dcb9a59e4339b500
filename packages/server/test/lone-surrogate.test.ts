/**
 * A lone UTF-16 surrogate (`"\uD800"` with no partner) in a JSON body: not Unicode text, it was
 * stored as sent on both databases and turned into U+FFFD by every UTF-8 export (the CRM file, CSV
 * reports, logs). Now a 400 naming the field, with nothing written; a character sent as an escaped
 * surrogate pair (an emoji) still passes. Found by an outside hostile-client check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)('a lone UTF-16 surrogate in a JSON body (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  it.each([
    ['the description (a high surrogate)', registration({ description: '年费\uD800被扣' }), 'description'],
    ['the name (a low surrogate)', registration({ complainant: { name: '张\uDC00三' } }), 'complainant.name'],
    ['the end of the description (half an emoji cut off)', registration({ description: `${'😀'.repeat(3)}\uD83D` }), 'description'],
    ['a key', { ...registration(), 'x\uDFFF': 1 }, ''],
  ])('in %s is a 400 naming it, and nothing is written', async (_, body, path) => {
    const before = await t.server.store.lastEventSeq();
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(/lone UTF-16 surrogate/) }]);
    expect(await t.server.store.lastEventSeq()).toBe(before);
  });

  it('in a lifecycle step is a 400 too', async () => {
    const id = (await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration() })).body.id;
    const res = await t.api('POST', `/v1/complaints/${id}/accept`, { token: await t.token('u-sb-frontline'), body: { note: '已核实\uDBFF' } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors[0].path).toBe('note');
  });

  it('is not found in whole characters sent as escaped pairs', async () => {
    const text = JSON.stringify(registration({ description: '年费被扣 😀' })).replace('😀', '\\ud83d\\ude00');
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: text });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.description).toBe('年费被扣 😀');
  });
});
