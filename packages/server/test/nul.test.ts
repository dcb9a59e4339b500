/**
 * A NUL character (U+0000) in a path, a query or a JSON string: PostgreSQL cannot hold one in text,
 * so each once answered 500 there (and was stored on SQLite). Now a 400 naming where, on both
 * databases, with nothing written (issue #11, hostile input).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRow } from '../src/history/parse.js';
import { historyRowReader } from '../src/history/rows.js';
import { registration } from './helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)('the NUL character (%s)', (backend) => {
  let t: TestServer;
  let id: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    id = (await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration() })).body.id;
  });
  afterAll(() => t?.close());

  const expect400 = (res: { status: number; body: AnyJson }, path: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(/NUL character \(U\+0000\)/) }]);
  };

  it.each([
    ['a path segment', '/v1/complaints/%00', 'path'],
    ['a customer id in the path', '/v1/customers/C-1%00/tags', 'path'],
    ['a search', '/v1/complaints?q=%00', 'query'],
    ['a filter', '/v1/complaints?assigneeId=u%00', 'query'],
  ])('in %s is a 400, not a 500', async (_, path, where) => {
    expect400(await t.api('GET', path, { token: await t.token('u-sb-handler') }), where);
  });

  it.each([
    ['the description', registration({ description: '年费\u0000被扣' }), 'description'],
    ['the name', registration({ complainant: { name: '张\u0000三' } }), 'complainant.name'],
    ['a key', { ...registration(), 'x\u0000': 1 }, ''],
  ])('in %s of a registration is a 400 naming it, and nothing is written', async (_, body, path) => {
    const before = await t.server.store.lastEventSeq();
    expect400(await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body }), path);
    expect(await t.server.store.lastEventSeq()).toBe(before);
  });

  it('in an organisation id of a transfer is a 400, and the complaint stays where it was', async () => {
    const token = await t.token('u-sb-handler');
    expect400(await t.api('POST', `/v1/complaints/${id}/transfer`, { token, body: { toOrgId: 'BR-44\u0000', reason: '转分行处理' } }), 'toOrgId');
    expect((await t.api('GET', `/v1/complaints/${id}`, { token })).body.handlingOrgId).toBe('SB-4403');
  });

  it('is not found in text that only spells its escape', async () => {
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration({ description: 'the text \\u0000 is not a NUL' }) });
    expect(res.status).toBe(201);
    expect(res.body.description).toBe('the text \\u0000 is not a NUL');
  });
});

describe('a history file holding a NUL', () => {
  /** The errors the import's own reader and row check give a whole file. */
  const parseHistory = (text: string, format: 'csv' | 'ndjson') => {
    const reader = historyRowReader(format);
    const rows = [...reader.push(text), ...reader.end()];
    return { errors: rows.flatMap((row) => { const v = validateRow(row); return 'errors' in v ? v.errors : []; }) };
  };

  it('reports the row and field, and the others still parse', () => {
    const csv = 'sourceId,description\r\nS-1,ok\r\nS-2,年费\u0000被扣\r\n';
    expect(parseHistory(csv, 'csv').errors).toContainEqual({ line: 3, record: 3, field: 'description', message: expect.stringMatching(/NUL/) });
    const nd = `{"sourceId":"S-1"}\n{"sourceId":"S-2","description":"a\\u0000"}\n`;
    const parsed = parseHistory(nd, 'ndjson');
    expect(parsed.errors).toContainEqual({ line: 2, field: 'description', message: expect.stringMatching(/NUL/) });
    expect(parsed.errors.filter((e) => e.line === 2)).toHaveLength(1);
  });
});
