import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@complaintkit/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { axeViolations, EXAMPLES, imagesIn, screenshot, sidewaysOverflow, XSS } from '../src/widgets-page.js';

// <ck-complaint-dashboard> (examples/dashboard) in real Chromium over the demo bank (two years of
// complaints), against the real service: each part shows the reports API's own figures.
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let token: string;

type Metrics = Record<string, number | null>;
type Report = { total: { metrics: Metrics }; rows: { key: Record<string, string>; metrics: Metrics; aggregates: Record<string, number> }[] };
const api = async <T>(method: string, path: string, body?: object): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ck-dash-'));
  server = await startServer({ port: 0, dataDir, seed: 42, staticDir: EXAMPLES, logger: { info: () => {}, error: () => {} } });
  if (!server.seeded.seeded) throw new Error('demo bank not seeded');
  const m = server.seeded.demoActors.manager;
  token = await server.issueToken({ sub: m.id, kind: 'staff', role: 'manager', org: m.orgId } as Parameters<RunningServer['issueToken']>[0]);
  // An alert whose rule name carries the XSS payload: it must show as text. The rule fires at any
  // hour: in the first minutes of a month (Asia/Shanghai) the month to date holds no complaint yet, so
  // "above 0" fired on every day but the 1st (CI failed at 00:05 on 1 December).
  await api('POST', '/v1/alert-rules', { name: `本月投诉量 ${XSS}`, metric: 'volume', window: 'month', direction: 'above', threshold: -1, level: 'alert' });
  await api('POST', '/v1/alerts/evaluate', {});
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const open = async (width: number): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('dialog', () => {
    throw new Error('a dialog opened: service text ran as script');
  });
  await page.goto(`${server.url}/examples/dashboard/#token=${token}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
  return page;
};
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(v));
const num = (v: number | null | undefined) => (v === null || v === undefined ? '–' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(v));

describe('the management dashboard in Chromium, over the demo bank', () => {
  it("shows the service's figures in every part", async () => {
    const page = await open(1280);
    const range = await page.evaluate(() => {
      const el = document.querySelector('ck-complaint-dashboard')?.shadowRoot?.querySelector('ck-dashboard-rates') as unknown as { range(): { from: string; to: string } };
      return el.range();
    });
    const q = `from=${range.from}&to=${range.to}`;
    const total = await api<Report>('GET', `/v1/reports?${q}`);
    expect(total.total.metrics.volume).toBeGreaterThan(10);
    const rates = 'ck-complaint-dashboard ck-dashboard-rates';
    expect(await text(page, `${rates} [data-metric=volume] dd`)).toBe(num(total.total.metrics.volume));
    expect(await text(page, `${rates} [data-metric=timeliness] dd`)).toBe(pct(total.total.metrics.timeliness));
    expect(await text(page, `${rates} [data-metric=repeatRate] dd`)).toBe(pct(total.total.metrics.repeatRate));
    expect(await text(page, `${rates} [data-metric=satisfactionRate] dd`)).toBe(pct(total.total.metrics.satisfactionRate));

    const byChannel = await api<Report>('GET', `/v1/reports?${q}&groupBy=intakeChannel`);
    const top = [...byChannel.rows].sort((a, b) => (b.metrics.volume ?? 0) - (a.metrics.volume ?? 0))[0];
    const topRow = `ck-complaint-dashboard ck-dashboard-shares[by=intakeChannel] li[data-code="${top?.key.intakeChannel}"]`;
    expect(await text(page, `${topRow} .share`)).toBe(pct(top?.metrics.share));
    expect(await text(page, `${topRow} .bar-figure`)).toContain(`${num(top?.metrics.volume)} 件`);
    const causes = await api<Report>('GET', `/v1/reports?${q}&groupBy=cause`);
    expect(await page.locator('ck-complaint-dashboard ck-dashboard-shares[by=cause] li').count()).toBe(Math.min(causes.rows.length, 9));

    const byOrg = await api<Report>('GET', `/v1/reports?${q}&groupBy=organisation`);
    const org = byOrg.rows.find((r) => r.metrics.timeliness !== null);
    expect(await text(page, `ck-complaint-dashboard ck-dashboard-timeliness li[data-org="${org?.key.organisation}"] .rate`)).toBe(pct(org?.metrics.timeliness));

    const trendFrom = await page.evaluate(() => {
      const el = document.querySelector('ck-complaint-dashboard')?.shadowRoot?.querySelector('ck-dashboard-trend') as unknown as { range(): { from: string; to: string } };
      return el.range();
    });
    const trend = await api<{ periods: { key: string; value: number | null; mom: { percent: number | null }; yoy: { percent: number | null } }[] }>(
      'GET',
      `/v1/reports/trend?from=${trendFrom.from}&to=${trendFrom.to}&interval=month&metric=volume`,
    );
    expect(trend.periods.length).toBeGreaterThanOrEqual(24);
    const last = trend.periods.at(-1);
    const latest = await text(page, 'ck-complaint-dashboard ck-dashboard-trend .latest');
    expect(latest).toContain(`${last?.key}：${num(last?.value)}`);
    const monthBefore = trend.periods.at(-2);
    const trendRow = await text(page, `ck-complaint-dashboard ck-dashboard-trend tr[data-period="${monthBefore?.key}"]`);
    expect(trendRow).toContain(num(monthBefore?.value));
    if (monthBefore?.yoy.percent != null) expect(trendRow).toContain(`${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(monthBefore.yoy.percent)}%`);

    const heat = await api<{ cells: { region: string; volume: number }[] }>('GET', `/v1/reports/heat-map?${q}&level=province`);
    const province = [...heat.cells].filter((c) => c.region !== 'not_regional').sort((a, b) => b.volume - a.volume)[0];
    expect(province?.volume).toBeGreaterThan(0);
    const tile = `ck-complaint-dashboard ck-dashboard-heat-map g[data-region="${province?.region}"]`;
    expect(await text(page, `${tile} .n`)).toBe(num(province?.volume));
    expect(await page.locator(tile).getAttribute('data-step')).toBe('4'); // the largest is the darkest

    const alerts = await api<{ data: { id: string; ruleName: string }[] }>('GET', '/v1/alerts?status=open&status=acknowledged');
    expect(alerts.data.length).toBeGreaterThan(0);
    expect(await page.locator('ck-complaint-dashboard ck-dashboard-alerts li.alert').count()).toBe(alerts.data.length);
    expect(await text(page, 'ck-complaint-dashboard ck-dashboard-alerts .rule')).toContain(XSS);
    expect(await imagesIn(page)).toBe(0);
    await page.close();
  });

  it('passes axe, fits 360 px without scrolling sideways, and leaves screenshots', async () => {
    for (const width of [360, 1280]) {
      const page = await open(width);
      expect(await axeViolations(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBe(0);
      await screenshot(page, 'dashboard');
      await page.close();
    }
  });

  it('uses a part alone, and loads the dashboard chunk only on a page that has one', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    // The staff page (no dashboard) never fetches the dashboard's chunk.
    await page.goto(`${server.url}/examples/staff-mobile/#token=${token}`);
    await page.locator('ck-staff-inbox h2').waitFor();
    const before = new Set(scripts);
    // Adding a part alone later loads it, and it shows the service's figure.
    await page.evaluate(() => {
      const el = document.createElement('ck-dashboard-rates');
      document.body.append(el);
    });
    await page.locator('ck-dashboard-rates [data-metric=volume] dd').waitFor({ timeout: 30_000 });
    const loaded = scripts.filter((s) => !before.has(s));
    expect(loaded.length).toBeGreaterThan(0);
    expect(await text(page, 'ck-dashboard-rates [data-metric=volume] dd')).toMatch(/^[\d,]+$/);
    await page.close();
  });
});
