import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { axeViolations, imagesIn, screenshot, serveExamples, sidewaysOverflow, XSS } from '../src/widgets-page.js';

// The customer widgets in real Chromium, inside examples/mobile-h5, against the real service.
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;
let customer: string;
const dialogs: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  svc = await serveExamples();
  customer = await svc.token('C-000001');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

const open = async (context: BrowserContext, width = 360): Promise<Page> => {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${svc.server.url}/examples/mobile-h5/#token=${customer}`);
  await page.locator('ck-complaint-form select#businessCategory').waitFor();
  return page;
};

const fill = async (page: Page, description: string, extra = '') => {
  const form = page.locator('ck-complaint-form');
  await form.locator('#businessCategory').selectOption('B0302');
  await form.locator('#cause').selectOption('C11');
  await form.locator('#description').fill(description);
  await form.locator('#requestedResolution').fill(`退还年费 ${extra}`);
  await form.locator('#name').fill(`张三${extra}`);
  await form.locator('#phone').fill('13812345678');
};

/** The customer's complaints whose description contains `q`, as the service has them. */
const inService = async (q: string) => {
  const res = await fetch(`${svc.server.url}/v1/complaints?limit=100&q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${customer}` } });
  return ((await res.json()) as { data: { id: string; description: string; status: string }[] }).data;
};

const staffAct = async (id: string, action: string, body: object) => {
  const handler = await svc.token('u-ho-handler', 'handler', 'HO');
  const res = await fetch(`${svc.server.url}/v1/complaints/${id}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${handler}`, 'content-type': 'application/json', 'idempotency-key': `${id}-${action}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
};

describe('the customer widgets in Chromium, against the service', () => {
  let complaintId = '';

  it('registers one complaint for a double tap, confirms it with its number and deadline, and renders the XSS payload as text', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await fill(page, `双击提交 ${XSS}`, XSS);
    // A priority group declared, then one taken back: the registration carries the one left.
    await page.locator('ck-complaint-form label.check', { hasText: '60 岁及以上老年人' }).locator('input').check();
    await page.locator('ck-complaint-form label.check', { hasText: '残障人士' }).locator('input').check();
    await page.locator('ck-complaint-form label.check', { hasText: '残障人士' }).locator('input').uncheck();
    await page.locator('ck-complaint-form button[type=submit]').dblclick();
    const number = page.locator('ck-complaint-form .confirmation .number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^CK\d{8}-\d+$/);
    complaintId = (await number.textContent()) ?? '';
    await expect.poll(() => page.locator('ck-complaint-form .deadline').textContent()).toMatch(/我们将在 \d{4}\/\d{2}\/\d{2} 前答复您/);
    const found = await inService('双击提交');
    expect(found.map((c) => c.id)).toEqual([complaintId]);
    expect(found[0]?.description).toBe(`双击提交 ${XSS}`);
    expect(svc.posts.filter((p) => p.path === '/v1/complaints' && p.status === 201)).toHaveLength(1);
    const res = await fetch(`${svc.server.url}/v1/complaints/${complaintId}`, { headers: { authorization: `Bearer ${customer}` } });
    const stored = (await res.json()) as { complainant: { priorityGroups: { group: string; basis: string }[] } };
    expect(stored.complainant.priorityGroups).toEqual([{ group: 'elderly', basis: 'self_reported' }]);
    await context.close();
  });

  it('follows the complaint live while staff move it, takes the survey, and never runs service text', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await page.locator('nav.tabs button[data-view=mine]').click();
    const row = page.locator('ck-complaint-list button[part=item]', { hasText: complaintId });
    await expect.poll(() => row.locator('.desc').textContent()).toContain(XSS);
    expect(await axeViolations(page)).toEqual([]); // the list view
    await row.click();
    const stage = page.locator('ck-complaint-status [part=stage] strong');
    await expect.poll(() => stage.textContent()).toBe('已登记');
    await staffAct(complaintId, 'accept', { note: XSS });
    await expect.poll(() => stage.textContent(), { timeout: 15_000 }).toBe('已受理');
    await staffAct(complaintId, 'start', {});
    await staffAct(complaintId, 'respond', {
      outcome: 'upheld', basis: `章程 ${XSS}`, remediesOffered: ['review'], notifiedVia: 'app', notifiedAt: new Date().toISOString(),
    });
    await expect.poll(() => stage.textContent(), { timeout: 15_000 }).toBe('已答复');
    const survey = page.locator('ck-satisfaction-survey');
    await survey.locator('input[name=rating][value="4"]').check();
    await survey.locator('#comment').fill(XSS);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]); // the status and survey view
    // From the top, so the sticky app bar is drawn where it sits, not across the middle.
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'mobile-h5-status-survey');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'mobile-h5-status-survey');
    await page.setViewportSize({ width: 360, height: 800 });
    await survey.locator('button[type=submit]').click();
    await expect.poll(() => survey.locator('[role=status]').first().textContent()).toContain('感谢您的评价');
    await expect.poll(() => stage.textContent(), { timeout: 15_000 }).toBe('已回访');
    expect((await inService('双击提交'))[0]?.status).toBe('followed_up');
    expect(await imagesIn(page)).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('keeps a complaint sent offline on the phone across a reload, shows it waiting, and registers it once back online', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    // Let the service worker take the page and the widget code first, as a visit before going offline does.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await fill(page, '地铁里没有信号时提交的投诉');
    await page.reload(); // the draft is kept on the phone
    await expect.poll(() => page.locator('ck-complaint-form #description').inputValue()).toBe('地铁里没有信号时提交的投诉');
    await context.setOffline(true);
    await page.locator('ck-complaint-form button[type=submit]').click();
    const pending = page.locator('ck-complaint-form [part=pending]');
    await expect.poll(() => pending.textContent()).toContain('已保存，联网后自动提交');
    await page.reload(); // offline: the service worker serves the page
    await expect.poll(() => page.locator('ck-complaint-form [part=pending]').textContent(), { timeout: 10_000 }).toContain('地铁里没有信号时提交的投诉');
    expect(await inService('地铁里没有信号')).toEqual([]);
    await context.setOffline(false);
    const number = page.locator('ck-complaint-form .confirmation .number');
    await expect.poll(() => number.textContent(), { timeout: 20_000 }).toMatch(/^CK\d{8}-\d+$/);
    const found = await inService('地铁里没有信号');
    expect(found.map((c) => c.id)).toEqual([await number.textContent()]);
    await context.close();
  });

  it('says what is wrong inline, in the field, and announces it', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    const form = page.locator('ck-complaint-form');
    await form.locator('#phone').fill('12');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('.summary').textContent()).toMatch(/请修改标出的 \d 处后再提交/);
    expect(await form.locator('#description').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#description-error').textContent()).toBe('请填写问题描述');
    expect(await form.locator('#phone-error').textContent()).toBe('请输入正确的手机号码');
    expect(await page.evaluate(() => document.querySelector('ck-complaint-form')?.shadowRoot?.activeElement?.id)).toBe('businessCategory');
    // Images: one that fits is listed; a PDF is refused with the reason beside the field.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    await form.locator('#files').setInputFiles({ name: '小票.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => form.locator('.files .file-name').allTextContents()).toEqual(['小票.png']);
    await form.locator('#files').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await expect.poll(() => form.locator('#files-error').textContent()).toContain('合同.pdf');
    expect(await form.locator('.files .file-name').allTextContents()).toEqual(['小票.png']);
    await context.close();
  });

  it('passes axe (WCAG 2.1 AA, no serious or critical finding), fits 360 px, and leaves screenshots for the docs', async () => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext();
      const page = await open(context, width);
      expect(await axeViolations(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBe(0);
      await screenshot(page, 'mobile-h5-form');
      await page.locator('#dark').click();
      await page.locator('#lang').click();
      await expect.poll(() => page.locator('ck-complaint-form h2').textContent()).toBe('Make a complaint');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'mobile-h5-form-dark-en');
      await context.close();
    }
    expect(errors).toEqual([]);
  });
});
