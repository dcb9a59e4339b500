import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { complaintInput } from '../src/fixture.js';
import { axeViolations, imagesIn, screenshot, serveExamples, sidewaysOverflow, XSS } from '../src/widgets-page.js';

// The staff inbox (examples/staff-mobile) in real Chromium against the real service.
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;
let handler: string;
const ids: string[] = [];

const api = async (token: string, method: string, path: string, body?: object) => {
  const res = await fetch(`${svc.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as { id: string; status: string; handlingOrgId: string; timeline: { type: string; reason: string | null }[] };
};

beforeAll(async () => {
  svc = await serveExamples();
  handler = await svc.token('u-handler', 'handler', 'BR-GD');
  const customer = await svc.token('C-000001');
  for (const n of [1, 2]) ids.push((await api(customer, 'POST', '/v1/complaints', { ...complaintInput(n), description: `收件箱测试 ${n} ${XSS}` })).id);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

const open = async (width = 360): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  page.on('dialog', () => {
    throw new Error('a dialog opened: service text ran as script');
  });
  await page.goto(`${svc.server.url}/examples/staff-mobile/#token=${handler}`);
  await page.locator('ck-staff-inbox li.item').first().waitFor();
  return page;
};

describe('the staff inbox in Chromium, against the service', () => {
  // Once on a phone and once on a desktop screen (each with its own complaint): the run leaves the
  // transfer state's screenshot at both widths for the docs.
  it.each([
    [360, 0],
    [1280, 1],
  ])('at %i px: lists open complaints with countdowns and reminders, finds one by number, and accepts then transfers it with a reason', async (width, n) => {
    const id = ids[n] as string;
    const page = await open(width);
    const inbox = page.locator('ck-staff-inbox');
    await expect.poll(() => inbox.locator('li.item').count()).toBeGreaterThanOrEqual(2);
    expect(await inbox.locator('.countdown').first().textContent()).toMatch(/剩余 \d+ (天|小时)|已超期/);
    expect(await inbox.locator('[part=reminders]').textContent()).toMatch(/已超期 \d+.*即将到期 \d+/s);
    await inbox.locator('#q').fill(id);
    await expect.poll(() => inbox.locator('li.item').count()).toBe(1);
    const item = inbox.locator('li.item').first();
    expect(await item.locator('.desc').textContent()).toContain(XSS);
    await item.locator('button.summary').click();
    await item.locator('[part=actions] button', { hasText: '受理' }).click();
    await item.locator('.action-form button[type=submit]').click();
    await expect.poll(async () => (await api(handler, 'GET', `/v1/complaints/${id}`)).status).toBe('accepted');
    await expect.poll(() => inbox.locator('.notice[role=status]').textContent()).toContain('已受理');

    // The complaint stays open after an action, with what its new state allows.
    expect(await inbox.locator('li.item button.summary').first().getAttribute('aria-expanded')).toBe('true');
    await inbox.locator('[part=actions] button', { hasText: '转办' }).click();
    const target = await inbox.locator('#toOrgId option').first().getAttribute('value');
    await inbox.locator('#reason').fill(`属地管理 ${XSS}`);
    // The transfer form is what the screenshot shows: its organisation picker filled, the reason typed.
    expect(target).toMatch(/\S/);
    expect(await inbox.locator('#reason').inputValue()).toBe(`属地管理 ${XSS}`);
    await expect.poll(() => inbox.locator('.action-form').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'staff-mobile-transfer');
    await inbox.locator('.action-form button[type=submit]').click();
    await expect.poll(async () => (await api(handler, 'GET', `/v1/complaints/${id}`)).handlingOrgId).toBe(target);
    const after = await api(handler, 'GET', `/v1/complaints/${id}`);
    expect(after.timeline.find((e) => e.type === 'transfer')?.reason).toBe(`属地管理 ${XSS}`);
    expect(await imagesIn(page)).toBe(0);
    await page.close();
  });

  it('passes axe (WCAG 2.1 AA, no serious or critical finding), fits 360 px, and leaves screenshots', async () => {
    for (const width of [360, 1280]) {
      const page = await open(width);
      await page.locator('ck-staff-inbox li.item button.summary').first().click();
      await page.locator('ck-complaint-status [part=stage]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBe(0);
      await screenshot(page, 'staff-mobile-inbox');
      await page.close();
    }
  });
});
