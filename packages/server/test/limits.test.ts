import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream } from './helpers/sse.js';

/** Limits that keep one client from taking the service from everyone else (issue #11). */
describe.each(BACKENDS)('limits and health (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    // The calendar check passes whatever the year: it depends on today (degraded once no shipped
    // notice covers the current year, docs/domain/clocks.md), so calendar.test.ts tests it at fixed instants.
    t = await startTestServer(backend, { limits: { streamsPerCaller: 2, streamsTotal: 3 }, readinessChecks: { calendar: async () => ({ ok: true }) } });
  });
  afterAll(() => t?.close());

  it('caps event streams per caller (429) and in total (503), with Retry-After, and frees a slot on disconnect', async () => {
    const handler = await t.token('u-sb-handler');
    const a = await openEventStream(`${t.url}/v1/events`, handler);
    const b = await openEventStream(`${t.url}/v1/events`, handler);
    const third = await t.api('GET', '/v1/events', { token: handler });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(third.headers.get('content-type')).toContain('application/problem+json');
    expect(third.body.code).toBe('rate_limited');
    const c = await openEventStream(`${t.url}/v1/events`, await t.token('u-sb-manager'));
    const full = await t.api('GET', '/v1/events', { token: await t.token('u-br-manager') });
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toMatch(/^\d+$/);
    a.close();
    await expect.poll(async () => (await t.api('GET', '/v1/me', { token: handler })).status).toBe(200);
    await expect.poll(async () => {
      const res = await fetch(`${t.url}/v1/events`, { headers: { authorization: `Bearer ${handler}` } });
      const status = res.status;
      await res.body?.cancel();
      return status;
    }).toBe(200);
    b.close();
    c.close();
  });

  it('answers liveness without the database and readiness with the database and migrations', async () => {
    const live = await t.api('GET', '/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await t.api('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: { ok: true }, migrations: { ok: true }, calendar: { ok: true } } });
  });

  it('is not ready when an extra check fails, and says which', async () => {
    const other = await startTestServer(backend, { readinessChecks: { calendar: async () => ({ ok: false, detail: 'no holidays known after 2026-12-31' }) } });
    try {
      const ready = await other.api('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(ready.body.checks.calendar).toEqual({ ok: false, detail: 'no holidays known after 2026-12-31' });
    } finally {
      await other.close();
    }
  });

  it('stays ready, degraded, when only an advisory check fails', async () => {
    const other = await startTestServer(backend, {
      readinessChecks: { calendar: async () => ({ ok: false, critical: false, detail: 'load 2027 with --calendar FILE' }) },
    });
    try {
      const ready = await other.api('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({
        status: 'degraded',
        checks: { database: { ok: true }, migrations: { ok: true }, calendar: { ok: false, critical: false, detail: 'load 2027 with --calendar FILE' } },
      });
    } finally {
      await other.close();
    }
  });
});
