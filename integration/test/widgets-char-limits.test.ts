import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { complaintInput } from '../src/fixture.js';
import { serveExamples } from '../src/widgets-page.js';

// The widgets' text limits count characters as the service does (code points, core's codePointLength):
// CJK Extension B (𠀀) and emoji are two UTF-16 units each, which HTML's maxlength counted, stopping
// the customer and the staff at half of what the service takes. In real Chromium, against the service.
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;
let customer: string;
let handler: string;

const EXT_B = '\u{20000}';
const EMOJI = '😀';
/** Code points, counted in the page's terms (the string's iterator). */
const chars = (s: string) => [...s].length;
/** Whether `actual` is `expected`, said in characters and UTF-16 units rather than as two long strings. */
const same = (actual: string, expected: string) => expect([chars(actual), actual.length, actual === expected]).toEqual([chars(expected), expected.length, true]);

const api = async (token: string, method: string, path: string, body?: object) => {
  const res = await fetch(`${svc.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  // biome-ignore lint/suspicious/noExplicitAny: the stored complaint as the assertions read it.
  return (await res.json()) as any;
};

beforeAll(async () => {
  svc = await serveExamples();
  customer = await svc.token('C-000001');
  handler = await svc.token('u-handler', 'handler', 'BR-GD');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

/** Puts the caret at `at` (UTF-16 index) and types `text` there as a keyboard or an IME commit does. */
const typeAt = async (page: Page, field: Locator, at: number, text: string) => {
  await field.evaluate((el: HTMLInputElement | HTMLTextAreaElement, i) => {
    el.focus();
    el.setSelectionRange(i, i);
  }, at);
  await page.keyboard.insertText(text);
};

describe('text limits in characters, as the service counts them', () => {
  it('the complaint form takes 64 CJK Extension B characters as a name and 5000 emoji as a description, counts them as such, and the service registers them', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${svc.server.url}/examples/mobile-h5/#token=${customer}`);
    const form = page.locator('ck-complaint-form');
    await form.locator('select#businessCategory').waitFor();
    await form.locator('#businessCategory').selectOption('B0302');
    await form.locator('#cause').selectOption('C11');
    const description = `年费${EMOJI.repeat(4998)}`;
    await form.locator('#description').fill(description);
    same(await form.locator('#description').inputValue(), description);
    await expect.poll(() => form.locator('#description-count').textContent()).toBe('5000 / 5000 字');
    // One more, typed at the end or pasted in the middle, is not taken (as maxlength does, in characters).
    await typeAt(page, form.locator('#description'), description.length, '多');
    await typeAt(page, form.locator('#description'), 2, `${EMOJI}x`);
    same(await form.locator('#description').inputValue(), description);
    // A paste that would go over keeps its first part and the text after the caret.
    const name = EXT_B.repeat(60);
    await form.locator('#name').fill(name);
    await typeAt(page, form.locator('#name'), 2, EXT_B.repeat(10));
    same(await form.locator('#name').inputValue(), EXT_B.repeat(64));
    await form.locator('#phone').fill('13812345678');
    await form.locator('button[type=submit]').click();
    const number = form.locator('.confirmation .number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^CK\d{8}-\d+$/);
    const stored = await api(customer, 'GET', `/v1/complaints/${await number.textContent()}`);
    same(stored.description, description);
    expect(chars(stored.description)).toBe(5000);
    await page.close();
  });

  it('the staff inbox takes a 4000-emoji basis and the survey a 2000-character 𠀀 comment, and the service records both', async () => {
    const { id } = await api(customer, 'POST', '/v1/complaints', complaintInput(41));
    await api(handler, 'POST', `/v1/complaints/${id}/accept`, {});
    await api(handler, 'POST', `/v1/complaints/${id}/start`, {});
    const staff = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await staff.goto(`${svc.server.url}/examples/staff-mobile/#token=${handler}`);
    const inbox = staff.locator('ck-staff-inbox');
    await inbox.locator('#q').fill(id);
    await expect.poll(() => inbox.locator('li.item').count()).toBe(1);
    await inbox.locator('li.item button.summary').click();
    await inbox.locator('[part=actions] button', { hasText: '答复' }).click();
    const action = inbox.locator('.action-form');
    await action.locator('#outcome').selectOption('upheld');
    const basis = EMOJI.repeat(4000);
    await action.locator('#basis').fill(`${basis}${EMOJI}`);
    same(await action.locator('#basis').inputValue(), basis);
    await action.locator('#notifiedVia').selectOption('app');
    await action.locator('button[type=submit]').click();
    await expect.poll(async () => (await api(handler, 'GET', `/v1/complaints/${id}`)).status, { timeout: 15_000 }).toBe('responded');
    same((await api(handler, 'GET', `/v1/complaints/${id}`)).decision.basis, basis);
    await staff.close();

    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${svc.server.url}/examples/mobile-h5/#token=${customer}`);
    await page.locator('nav.tabs button[data-view=mine]').click();
    await page.locator('ck-complaint-list button[part=item]', { hasText: id }).click();
    const survey = page.locator('ck-satisfaction-survey');
    await survey.locator('input[name=rating][value="5"]').check();
    const comment = EXT_B.repeat(2000);
    await survey.locator('#comment').fill(comment);
    await typeAt(page, survey.locator('#comment'), comment.length, '好');
    same(await survey.locator('#comment').inputValue(), comment);
    await survey.locator('button[type=submit]').click();
    await expect.poll(() => survey.locator('[role=status]').first().textContent(), { timeout: 15_000 }).toContain('感谢您的评价');
    // "Thanks" shows once the answer is queued (the outbox sends it): the service has it shortly after.
    await expect.poll(async () => JSON.stringify(await api(customer, 'GET', `/v1/complaints/${id}`)).includes(comment), { timeout: 15_000 }).toBe(true);
    await page.close();
  });
});
