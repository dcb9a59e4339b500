import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { startTestServer, type TestServer } from './helpers/harness.js';

describe('unsupported methods and validation messages', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t?.close());

  it.each([
    ['DELETE', '/v1/complaints', 'GET, HEAD, POST'],
    ['PUT', '/v1/complaints/CK20260302-000042/accept', 'POST'],
    ['PATCH', '/v1/complaints/CK20260302-000042', 'GET, HEAD'],
    ['POST', '/openapi.json', 'GET, HEAD'],
  ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    const res = await t.api(method, path, { token: await t.token('u-sb-handler') });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('method_not_allowed');
  });

  it('still answers 404 for an unknown path', async () => {
    expect((await t.api('DELETE', '/v1/nothing-here', { token: await t.token('u-sb-handler') })).status).toBe(404);
  });

  it('names each bad field and what it expects, in errors[] and in the detail', async () => {
    const res = await t.api('POST', '/v1/complaints', {
      token: await t.token('u-sb-frontline'),
      body: registration({ description: 42, intakeChannel: 'pigeon' }),
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath.description).toMatch(/expected string, received number/);
    expect(byPath.intakeChannel).toMatch(/expected one of .*"outlet"/);
    expect(res.body.detail).toContain('description: ');
    expect(res.body.detail).not.toContain('Invalid input.');
    expect(res.body.detail).not.toContain('(body)');
  });
});
