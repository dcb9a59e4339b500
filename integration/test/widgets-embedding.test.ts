import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PAGES_CSP } from '@complaintkit/server';
import { launchChromium } from '../src/chromium.js';
import { axeViolations, screenshot, serveExamples, sidewaysOverflow } from '../src/widgets-page.js';

// Embedding without a bundler (the loader and its command queue), and every example page under the
// strict Content-Security-Policy the widgets guide lists, as the service serves them (`npm start`).
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;
let tokens: Record<string, string>;

beforeAll(async () => {
  svc = await serveExamples();
  tokens = {
    customer: await svc.token('C-000001'),
    handler: await svc.token('u-handler', 'handler', 'BR-GD'),
    manager: await svc.token('u-manager', 'manager', 'BR-GD'),
  };
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

/** Opens an example as the service serves it (with its CSP, checked here); collects CSP violations. */
const openUnderCsp = async (path: string, token: string): Promise<{ page: Page; violations: string[] }> => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(`${svc.server.url}/examples/${path}#token=${token}`);
  expect(res?.headers()['content-security-policy']).toBe(EXAMPLE_PAGES_CSP);
  return { page, violations };
};

const close = async (page: Page) => {
  await page.context().close();
};

describe('embedding the widgets', () => {
  it('works from a plain HTML page through the loader: commands queued before it loaded run in order', async () => {
    const { page, violations } = await openUnderCsp('plain-html/', tokens.customer as string);
    const form = page.locator('ck-complaint-form');
    await form.locator('#businessCategory').selectOption('B0301');
    await form.locator('#cause').selectOption('C01');
    await form.locator('#description').fill('无打包页面提交的投诉');
    await form.locator('#name').fill('王五');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.textContent('#said'), { timeout: 15_000 }).toMatch(/已提交：CK\d{8}-\d+/);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(violations).toEqual([]);
    await close(page);
    const plain = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await plain.goto(`${svc.server.url}/examples/plain-html/#token=${tokens.customer}`);
    await plain.locator('ck-complaint-form #description').waitFor();
    expect(await axeViolations(plain)).toEqual([]);
    await screenshot(plain, 'plain-html');
    await plain.setViewportSize({ width: 1280, height: 800 });
    expect(await sidewaysOverflow(plain)).toBe(0);
    await screenshot(plain, 'plain-html');
    await plain.close();
  });

  it.each([
    ['mobile-h5/', 'customer', 'ck-complaint-form #description'],
    ['staff-mobile/', 'handler', 'ck-staff-inbox #q'],
    ['vue/', 'customer', 'ck-complaint-form #description'],
    ['dashboard/', 'manager', 'ck-complaint-dashboard ck-dashboard-alerts'],
  ])('%s renders under a strict CSP (no inline script or style)', async (path, who, ready) => {
    const { page, violations } = await openUnderCsp(path, tokens[who] as string);
    const scripts = new Set<string>();
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.add(r.url());
    });
    await page.reload();
    await page.locator(ready).waitFor();
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
    await close(page);
    // Without source maps: none is served beside any script the page loaded.
    expect(scripts.size).toBeGreaterThan(0);
    for (const url of scripts) expect((await fetch(`${url}.map`)).status, `${url}.map`).toBe(404);
  });
});
