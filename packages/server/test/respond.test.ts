import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/http/env.js';
import { sendResult } from '../src/routes/respond.js';

describe('sendResult', () => {
  const answer = async (result: Parameters<typeof sendResult>[1]) => {
    const app = new Hono<AppEnv>();
    app.post('/', (c) => sendResult(c, result));
    const res = await app.request('/', { method: 'POST' });
    return { status: res.status, type: res.headers.get('content-type'), replayed: res.headers.get('idempotent-replayed'), text: await res.text() };
  };

  it("sends the store's text of a written result as it is, as JSON, without serialising the body again", async () => {
    // The text the store compared with the document it stored (spacing kept: it is not made again).
    const stored = '{"id": "CK20261201-000001","version":1}';
    expect(await answer({ status: 201, body: { id: 'CK20261201-000001', version: 1 }, bodyText: stored, replayed: false })).toEqual({
      status: 201,
      type: 'application/json',
      replayed: null,
      text: stored,
    });
  });

  it('serialises a result without text, and marks a replay', async () => {
    expect(await answer({ status: 200, body: { id: 'CK20261201-000002' }, replayed: true })).toEqual({
      status: 200,
      type: 'application/json',
      replayed: 'true',
      text: '{"id":"CK20261201-000002"}',
    });
  });
});
