import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)('smoke on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  it('registers and reads a complaint', async () => {
    const token = await t.token('u-sb-frontline');
    const created = await t.api('POST', '/v1/complaints', { token, body: registration() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.id).toMatch(/^CK\d{8}-\d{6}$/);
    const read = await t.api('GET', `/v1/complaints/${created.body.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.complainant.phone).toBe('13812345678');
    const list = await t.api('GET', '/v1/complaints', { token });
    expect(list.body.data[0].complainant.phone).toBe('138****5678');
  });
});
