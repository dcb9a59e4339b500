import { labelOf } from '@complaintkit/core/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { complaintInput } from '../src/fixture.js';
import { axeViolations, imagesIn, serveExamples, sidewaysOverflow, XSS } from '../src/widgets-page.js';

// Suggested classification in real Chromium against the real service (its shipped model): the form
// offers the top business categories and causes as the customer types, applies nothing until one is
// tapped, and the complaint records what was suggested beside what was chosen; staff see the
// sensitive-case flags with the words that raised them, in the form as they type and in the inbox.
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;

type Stored = { id: string; businessCategory: string; cause: string; suggestion?: { model: string; businessCategory: string[]; cause: string[] } };
const api = async <T>(token: string, method: string, path: string, body?: object): Promise<T> => {
  const res = await fetch(`${svc.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as T;
};

beforeAll(async () => {
  svc = await serveExamples();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

const watchRequests = (page: Page) => {
  const paths: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') paths.push(new URL(r.url()).pathname);
  });
  return paths;
};

describe('suggested classification in Chromium, against the service', () => {
  it('offers suggestions as the customer types, chooses nothing until tapped, and records suggested beside chosen', async () => {
    const customer = await svc.token('C-000001');
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    page.on('dialog', () => {
      throw new Error('a dialog opened');
    });
    const posts = watchRequests(page);
    await page.goto(`${svc.server.url}/examples/mobile-h5/#token=${customer}`);
    const form = page.locator('ck-complaint-form');
    await form.locator('#description').waitFor();
    // Nothing of the panel is fetched before there are words to suggest from.
    expect(posts.filter((p) => p === '/v1/classification/suggestions')).toHaveLength(0);

    const description = '信用卡年费未经告知被扣收，客服说无法退还';
    await form.locator('#description').pressSequentially(description, { delay: 20 });
    const chips = form.locator('[part=suggestions] button[data-code]');
    await expect.poll(() => chips.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    // Debounced: far fewer calls than keystrokes.
    expect(posts.filter((p) => p === '/v1/classification/suggestions').length).toBeLessThan(description.length / 3);

    const bChips = form.locator('[part=suggestions] [data-field=businessCategory] button');
    const cChips = form.locator('[part=suggestions] [data-field=cause] button');
    const shownB = await bChips.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    const shownC = await cChips.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(shownB.length).toBeGreaterThan(0);
    expect(shownB.length).toBeLessThanOrEqual(3);
    expect(shownC.length).toBeGreaterThan(0);
    expect(shownB[0]).toMatch(/^B03/); // a credit-card fee complaint: card business first
    // Each chip reads as the taxonomy's label in the page's language, not as a bare code.
    const topB = await bChips.first().textContent();
    expect(topB).toContain(labelOf(shownB[0] as string, 'zh-CN'));
    expect(topB).not.toContain(shownB[0] as string);
    // Nothing chosen for the customer: the pickers are still empty, no chip is pressed.
    expect(await form.locator('#businessCategory').inputValue()).toBe('');
    expect(await form.locator('#cause').inputValue()).toBe('');
    expect(await form.locator('[part=suggestions] button[aria-pressed=true]').count()).toBe(0);
    // A customer is never shown that their words were flagged.
    expect(await form.locator('[part=flags]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);

    // Tap the second business suggestion (not the top one) and the first cause.
    const chosenB = shownB[1] ?? (shownB[0] as string);
    await form.locator(`[part=suggestions] [data-field=businessCategory] button[data-code=${chosenB}]`).click();
    await cChips.first().click();
    expect(await form.locator('#businessCategory').inputValue()).toBe(chosenB);
    expect(await form.locator('#cause').inputValue()).toBe(shownC[0]);
    expect(await form.locator(`[data-code=${chosenB}]`).getAttribute('aria-pressed')).toBe('true');

    await form.locator('#name').fill('张三');
    await form.locator('button[type=submit]').click();
    const number = form.locator('.confirmation .number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^CK\d{8}-\d+$/);
    // What was suggested is the bank's record (the customer's own view leaves it out): read as head office staff.
    const headOffice = await svc.token('u-ho-handler', 'handler', 'HO');
    const stored = await api<Stored>(headOffice, 'GET', `/v1/complaints/${await number.textContent()}`);
    expect(stored.businessCategory).toBe(chosenB);
    expect(stored.cause).toBe(shownC[0]);
    expect(stored.suggestion?.businessCategory).toEqual(shownB);
    expect(stored.suggestion?.cause).toEqual(shownC);
    expect(stored.suggestion?.model).toMatch(/\S/);
    await page.close();
  });

  it('shows staff who register with the form the sensitive-case flags of what they type, as text', async () => {
    // A branch counter clerk registers a walk-in customer's complaint with the form (the plain-HTML
    // page, through the loader): the service flags the words for staff, and the form shows why.
    const clerk = await svc.token('u-front', 'frontline', 'SB-SZ');
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    page.on('dialog', () => {
      throw new Error('a dialog opened: typed or service text ran as script');
    });
    await page.goto(`${svc.server.url}/examples/plain-html/#token=${clerk}`);
    const form = page.locator('ck-complaint-form');
    await form.locator('#description').waitFor();
    await form.locator('#description').fill(`信用卡年费乱扣，再不退我就找媒体曝光，还要打12378投诉 ${XSS}`);
    const flags = form.locator('[part=flags]');
    await flags.waitFor({ timeout: 15_000 });
    expect(await flags.locator('li[data-kind=media]').textContent()).toMatch(/媒体曝光|“媒体”|“曝光”/);
    expect(await flags.locator('li[data-kind=regulator]').textContent()).toContain('“12378”');
    expect(await flags.textContent()).toContain('建议领导包案');
    // The suggestions come with them, and nothing is chosen for the clerk either.
    expect(await form.locator('[part=suggestions] button[data-code]').count()).toBeGreaterThan(0);
    expect(await form.locator('#businessCategory').inputValue()).toBe('');
    expect(await form.locator('[part=suggestions] img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.close();
  });

  it('shows staff the sensitive-case flags of a complaint with the words that raised them, as text', async () => {
    const customer = await svc.token('C-000001');
    const handler = await svc.token('u-handler', 'handler', 'BR-GD');
    const c = await api<Stored>(customer, 'POST', '/v1/complaints', {
      ...complaintInput(7),
      description: `年费乱扣，再不退我就找媒体曝光，还要打12378 ${XSS}`,
    });
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    page.on('dialog', () => {
      throw new Error('a dialog opened: service text ran as script');
    });
    await page.goto(`${svc.server.url}/examples/staff-mobile/#token=${handler}`);
    const inbox = page.locator('ck-staff-inbox');
    await inbox.locator('#q').fill(c.id);
    await expect.poll(() => inbox.locator('li.item').count()).toBe(1);
    await inbox.locator('li.item button.summary').click();
    const flags = inbox.locator('[part=flags]');
    await flags.waitFor({ timeout: 15_000 });
    expect(await flags.locator('li[data-kind=media]').textContent()).toMatch(/媒体曝光|“媒体”|“曝光”/);
    expect(await flags.locator('li[data-kind=regulator]').textContent()).toContain('“12378”');
    expect(await flags.textContent()).toContain('建议领导包案');
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await imagesIn(page)).toBe(0);
    await page.close();
  });
});
