import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { axeViolations, imagesIn, screenshot, serveExamples, sidewaysOverflow, XSS } from '../src/widgets-page.js';

// examples/vue: the customer widgets inside a Vue 3 app (render functions, Vue's runtime-only
// build), in real Chromium against the real service. Vue binds attributes and listens to ck-* events.
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;
let customer: string;

beforeAll(async () => {
  svc = await serveExamples();
  customer = await svc.token('C-000001');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

describe('the widgets in a Vue 3 app', () => {
  it('registers a complaint; Vue hears ck-submitted and shows its status through an attribute it binds', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', () => {
      throw new Error('a dialog opened');
    });
    await page.goto(`${svc.server.url}/examples/vue/#token=${customer}`);
    const form = page.locator('ck-complaint-form');
    await form.locator('#businessCategory').selectOption('B0302');
    await form.locator('#cause').selectOption('C11');
    await form.locator('#description').fill(`Vue 页面提交的投诉 ${XSS}`);
    await form.locator('#name').fill('赵六');
    await form.locator('button[type=submit]').click();
    const number = form.locator('.confirmation .number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^CK\d{8}-\d+$/);
    const id = (await number.textContent()) ?? '';
    // Vue's handler for ck-submitted ran, and Vue rendered the status with complaint-id bound.
    await expect.poll(() => page.textContent('#selected')).toBe(`当前投诉：${id}`);
    expect(await page.locator('ck-complaint-status').getAttribute('complaint-id')).toBe(id);
    await expect.poll(() => page.locator('ck-complaint-status [part=stage] strong').textContent(), { timeout: 15_000 }).toBe('已登记');
    const res = await fetch(`${svc.server.url}/v1/complaints/${id}`, { headers: { authorization: `Bearer ${customer}` } });
    expect(((await res.json()) as { description: string }).description).toBe(`Vue 页面提交的投诉 ${XSS}`);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'vue');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'vue');
    expect(errors).toEqual([]);
    expect(await imagesIn(page)).toBe(0);
    await page.close();
  });
});
