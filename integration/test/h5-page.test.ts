import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, silentLogger, startServer } from '@complaintkit/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { BANK } from '../src/fixture.js';

// The demo H5 page in real Chromium against the real service: what a mobile-banking user sees.
const pages = fileURLToPath(new URL('../../examples/web/public', import.meta.url));
let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
const errors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ck-h5-'));
  server = await startServer({ port: 0, dataDir, staticDir: pages, logger: silentLogger });
  await server.store.importDemoBank(BANK);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on('pageerror', (e) => errors.push(e.message));
  const token = await server.issueToken({ sub: 'C-000001', kind: 'customer' } as never);
  await page.goto(`${server.url}/examples/#token=${token}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo H5 page in Chromium', () => {
  it('registers a complaint typed by the customer and lists it with its status', async () => {
    await page.fill('input[name=name]', '张三');
    await page.fill('input[name=phone]', '13812345678');
    await page.fill('textarea[name=description]', '<img src=x onerror="window.__pwned=1">年费被扣');
    await page.click('#new button[type=submit]');
    await expect.poll(() => page.textContent('#new-status')).toMatch(/已提交，编号 CK\d{8}-\d+/);
    const row = page.locator('#mine li').first();
    await expect.poll(() => row.textContent()).toContain('<img src=x');
    // The badge is the widget, rendering the state label from the service as text.
    await expect.poll(() => row.locator('ck-status-badge').evaluate((el) => el.shadowRoot?.textContent)).toBe('已登记');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#mine img').count()).toBe(0);
  });

  it('shows each change live and takes the satisfaction survey once the bank has responded', async () => {
    const id = (await page.textContent('#new-status'))?.match(/CK\d{8}-\d+/)?.[0] as string;
    await expect.poll(() => page.locator('#badge').getAttribute('status')).toBe('registered');
    // No region given on the page, so the service routes it to head office.
    const handler = await server.issueToken({ sub: 'u-ho-handler', kind: 'staff', role: 'handler', org: 'HO' } as never);
    const act = (action: string, body: object) =>
      fetch(`${server.url}/v1/complaints/${id}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${handler}`, 'content-type': 'application/json', 'idempotency-key': `${id}-${action}` },
        body: JSON.stringify(body),
      }).then((r) => expect(r.status).toBe(200));
    await act('accept', {});
    await act('start', {});
    await act('respond', {
      outcome: 'upheld', basis: '章程', remediesOffered: ['review'], notifiedVia: 'app', notifiedAt: new Date().toISOString(),
    });
    await expect.poll(() => page.locator('#badge').getAttribute('status'), { timeout: 10_000 }).toBe('responded');
    await expect.poll(() => page.locator('#survey').isVisible()).toBe(true);
    await page.check('input[name=score][value="4"]');
    await page.click('#survey button[type=submit]');
    await expect.poll(() => page.textContent('#survey-status')).toContain('感谢您的评价');
    await expect.poll(() => page.locator('#badge').getAttribute('status'), { timeout: 10_000 }).toBe('followed_up');
    expect(errors).toEqual([]);
  });

  it('saves a complaint typed while offline and submits it when the network returns', async () => {
    await page.context().setOffline(true);
    await page.fill('input[name=name]', '李四');
    await page.fill('textarea[name=description]', '地铁里没有信号时提交的投诉');
    await page.click('#new button[type=submit]');
    await expect.poll(() => page.textContent('#new-status')).toContain('已保存，联网后自动提交');
    await page.context().setOffline(false);
    await expect.poll(() => page.textContent('#new-status'), { timeout: 15_000 }).toMatch(/已提交，编号 CK\d{8}-\d+/);
    expect(errors).toEqual([]);
  });
});
