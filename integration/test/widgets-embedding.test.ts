import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PAGES_CSP } from '@complaintkit/server';
import { launchChromium } from '../src/chromium.js';
import { axeViolations, EXAMPLES, screenshot, serveExamples, sidewaysOverflow } from '../src/widgets-page.js';

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

/**
 * Opens an example as the service serves it (with its CSP, checked here); collects CSP violations,
 * and every console error and uncaught exception (a `/favicon.ico` 404 once logged one on every page).
 */
const openUnderCsp = async (path: string, token: string): Promise<{ page: Page; violations: string[]; errors: string[] }> => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  const res = await page.goto(`${svc.server.url}/examples/${path}${token ? `#token=${token}` : ''}`);
  expect(res?.headers()['content-security-policy']).toBe(EXAMPLE_PAGES_CSP);
  return { page, violations, errors };
};

/**
 * Every page the examples serve (`npm start`, at /examples/…), who opens it, and what shows it is
 * ready: each is opened under the service's CSP and checked with axe below, and a test checks this
 * table against the pages on disk, so a new example page cannot go unchecked. The states inside a
 * page (list, status, survey, transfer, dark theme) get axe in their own tests.
 */
const EVERY_PAGE: [path: string, who: string, ready: string][] = [
  ['', 'nobody', 'h1'],
  ['mobile-h5/', 'customer', 'ck-complaint-form #description'],
  ['staff-mobile/', 'handler', 'ck-staff-inbox #q'],
  ['vue/', 'customer', 'ck-complaint-form #description'],
  ['dashboard/', 'manager', 'ck-complaint-dashboard ck-dashboard-alerts'],
  ['plain-html/', 'customer', 'ck-complaint-form #description'],
];

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

  it('the table above names every page the examples serve, and the index links every example', async () => {
    // What the service serves at /examples/: the index, and every HTML file under an example's public/.
    const pagesIn = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? pagesIn(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
      );
    const examples = readdirSync(EXAMPLES).filter((d) => existsSync(join(EXAMPLES, d, 'public')));
    const served = [
      '',
      ...examples.flatMap((d) => pagesIn(join(EXAMPLES, d, 'public')).map((f) => `${d}/${relative(join(EXAMPLES, d, 'public'), f).replace(/(^|\/)index\.html$/, '$1')}`)),
    ];
    expect(EVERY_PAGE.map(([path]) => path).sort()).toEqual(served.sort());
    const { page } = await openUnderCsp('', '');
    const links = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(examples.map((d) => `${d}/`).sort());
    await close(page);
  });

  it.each(EVERY_PAGE)('%s renders under a strict CSP (no inline script or style) with nothing in the console, and axe finds no serious or critical violation at 360 or 1280 px', async (path, who, ready) => {
    const { page, violations, errors } = await openUnderCsp(path, tokens[who] ?? '');
    const scripts = new Set<string>();
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.add(r.url());
    });
    await page.reload();
    await page.locator(ready).waitFor();
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    // Headless Chromium asks for no favicon, a browser does: without an icon link it asks for
    // /favicon.ico, a 404 in every page's console. A data: icon is allowed by the CSP (img-src data:).
    expect(await page.locator('link[rel~="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await axeViolations(page), `${width} px`).toEqual([]);
      expect(await sidewaysOverflow(page), `${width} px`).toBe(0);
    }
    await close(page);
    // Without source maps: none is served beside any script the page loaded (the index has none).
    if (path !== '') expect(scripts.size).toBeGreaterThan(0);
    for (const url of scripts) expect((await fetch(`${url}.map`)).status, `${url}.map`).toBe(404);
  });
});
