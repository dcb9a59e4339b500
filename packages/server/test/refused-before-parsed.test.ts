import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** A body no schema accepts, and text that is not JSON at all. */
const NONSENSE = [{ description: 42, complainant: 'nobody' }, '{not json'];

describe.each(BACKENDS)('a role is refused before its body is read (%s)', (backend) => {
  let t: TestServer;
  let id: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const res = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration() });
    id = res.body.id;
  });
  afterAll(() => t?.close());

  it.each(NONSENSE)('an auditor posting %j gets 403, not 400', async (body) => {
    const token = await t.token('u-ho-auditor');
    const create = await t.api('POST', '/v1/complaints', { token, body });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('forbidden');
    const act = await t.api('POST', `/v1/complaints/${id}/accept`, { token, body });
    expect(act.status).toBe(403);
    expect(act.body.code).toBe('forbidden');
  });

  it.each(NONSENSE)('a role that may never take the step gets 403 role_not_allowed for %j', async (body) => {
    const create = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-manager'), body });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('role_not_allowed');
    const decline = await t.api('POST', `/v1/complaints/${id}/decline`, { token: await t.token('u-sb-frontline'), body });
    expect(decline.status).toBe(403);
    expect(decline.body).toMatchObject({ code: 'role_not_allowed' });
    expect(decline.body.allowedActions).toEqual(expect.arrayContaining(['accept', 'withdraw']));
  });

  it('still answers 404 for a complaint the caller cannot see, and 400 to a role that may act', async () => {
    const hidden = await t.api('POST', '/v1/complaints/CK20260101-999999/accept', { token: await t.token('u-ho-auditor'), body: '{not json' });
    expect(hidden.status).toBe(404);
    const bad = await t.api('POST', `/v1/complaints/${id}/accept`, { token: await t.token('u-sb-frontline'), body: { note: 42 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('note');
  });
});
