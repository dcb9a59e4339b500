/**
 * `@hono/node-server` replaces the global `Request` with its own class. When another copy of it runs in
 * the same process (a host's own Hono app, or two builds of this service side by side, as the 1M report
 * benchmark runs them), the global is replaced again, and this server's requests are no longer
 * `instanceof Request`: the routes that read their JSON body through `c.req.raw` then answered 500.
 * Every JSON body must still be read, whatever the global `Request` is.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)('JSON bodies with the global Request replaced by another copy of it (%s)', (backend) => {
  let t: TestServer;
  const original = globalThis.Request;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());
  afterEach(() => {
    globalThis.Request = original;
  });

  it('creates and evaluates an alert rule, and refuses a bad body with a 400, never a 500', async () => {
    globalThis.Request = class OtherCopy extends original {};
    const manager = await t.token('u-br-manager');
    const rule = await t.api('POST', '/v1/alert-rules', { token: manager, body: { name: '信用卡投诉上升', metric: 'volume', direction: 'above', threshold: 1 } });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const evaluated = await t.api('POST', '/v1/alerts/evaluate', { token: manager, body: { ruleId: rule.body.id } });
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
    expect(evaluated.body.rules).toBe(1);
    const bad = await t.api('POST', '/v1/alert-rules', { token: manager, body: { name: 'x', metric: 'volume', direction: 'sideways', threshold: 1 } });
    expect(bad.status).toBe(400);
  });
});
