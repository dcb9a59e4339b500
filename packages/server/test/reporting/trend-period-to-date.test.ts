/**
 * A trend's last period is usually not over: on 1 December the month holds one day. Its change is
 * read on the same days of the previous period and of a year earlier (docs/domain/metrics.md, "over
 * the immediately preceding period of the same length"), as alert rules read it; against the whole of
 * November the dashboard showed "环比 -93%" on the first of every month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from '../helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';

const NOW = Date.parse('2026-12-01T15:00:00+08:00');

describe.each(BACKENDS)("a trend's period not yet over (%s)", (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { now: () => NOW });
    // 1 November: 2; 5–14 November: 10; Friday 27 November: 3; 1 December (today): 1; 15 September: 2;
    // 1 December 2025: 4.
    const days = [
      ...Array<string>(2).fill('2026-11-01T10:00:00+08:00'),
      ...Array.from({ length: 10 }, (_, i) => `2026-11-${String(i + 5).padStart(2, '0')}T10:00:00+08:00`),
      ...Array<string>(3).fill('2026-11-27T10:00:00+08:00'),
      ...Array<string>(2).fill('2026-09-15T10:00:00+08:00'),
      '2026-12-01T09:00:00+08:00',
      ...Array<string>(4).fill('2025-12-01T10:00:00+08:00'),
    ];
    for (const receivedAt of days) {
      const res = await t.api('POST', '/v1/complaints', {
        token: await t.token('system'),
        body: registration({ intakeChannel: 'letter', handlingOrgId: 'SB-4403', receivedAt }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(() => t?.close());

  const trend = async (query: string) => {
    const res = await t.api('GET', `/v1/reports/trend?${query}`, { token: await t.token('u-sb-manager') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.periods as AnyJson[];
  };

  it('compares 1 December with 1 November and 1 December a year earlier, not with the whole of November', async () => {
    const periods = await trend('from=2026-11-01&to=2026-12-01&interval=month&metric=volume');
    expect(periods.map((p) => [p.key, p.value])).toEqual([['2026-11', 15], ['2026-12', 1]]);
    const december = periods[1];
    expect(december.mom).toMatchObject({ current: 1, base: 2, absolute: -1, percent: -50, status: 'ok' });
    expect(december.yoy).toMatchObject({ current: 1, base: 4, absolute: -3, percent: -75, status: 'ok' });
    // A period that is over keeps its whole previous period as the base.
    expect(periods[0].mom.current).toBe(15);
  });

  it('does the same for a quarter and a week not yet over', async () => {
    const quarter = await trend('from=2026-10-01&to=2026-12-01&interval=quarter&metric=volume');
    // 1 October–1 December against 1 July–1 September (not the 15 September two): nothing, so "new".
    expect(quarter.at(-1)).toMatchObject({ key: '2026Q4', value: 16, mom: { current: 16, base: 0, status: 'new' } });
    const week = await trend('from=2026-11-30&to=2026-12-01&interval=week&metric=volume');
    // Monday 30 November–Tuesday 1 December against Monday 23–Tuesday 24 November (not Friday 27th's three).
    expect(week.at(-1)).toMatchObject({ value: 1, mom: { current: 1, base: 0, status: 'new' } });
  });
});
