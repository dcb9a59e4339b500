import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { complaintInput } from '../src/fixture.js';
import { imagesIn, serveExamples, XSS } from '../src/widgets-page.js';

// The inbox's respond, escalate and extend, and the survey's verification request (核查), each done
// through the widget in real Chromium and checked in the real service.
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;
let customer: string;
let handler: string;
let manager: string;

type Stored = {
  id: string;
  status: string;
  severity: string;
  deadlines: { extensionLevel: number };
  decision?: { basis: string; outcome: string; notifiedVia: string } | null;
  timeline: { type: string; reason?: string | null; data?: Record<string, unknown> }[];
};
const api = async (token: string, method: string, path: string, body?: object): Promise<Stored> => {
  const res = await fetch(`${svc.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Stored;
};
/** A complaint the customer registered and the handler accepted (and started, unless `start` is false). */
const underWay = async (n: number, start = true): Promise<string> => {
  const { id } = await api(customer, 'POST', '/v1/complaints', { ...complaintInput(n), description: `处理动作测试 ${n} ${XSS}` });
  await api(handler, 'POST', `/v1/complaints/${id}/accept`, {});
  if (start) await api(handler, 'POST', `/v1/complaints/${id}/start`, {});
  return id;
};

beforeAll(async () => {
  svc = await serveExamples();
  customer = await svc.token('C-000001');
  handler = await svc.token('u-handler', 'handler', 'BR-GD');
  manager = await svc.token('u-manager', 'manager', 'BR-GD');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

/** The staff page signed in as `token`, with complaint `id` found and opened, and `action` picked. */
const openAction = async (token: string, id: string, action: string): Promise<{ page: Page; form: ReturnType<Page['locator']> }> => {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  page.on('dialog', () => {
    throw new Error('a dialog opened: service text ran as script');
  });
  await page.goto(`${svc.server.url}/examples/staff-mobile/#token=${token}`);
  const inbox = page.locator('ck-staff-inbox');
  await inbox.locator('#q').fill(id);
  await expect.poll(() => inbox.locator('li.item').count()).toBe(1);
  await inbox.locator('li.item button.summary').click();
  await inbox.locator('[part=actions] button', { hasText: action }).click();
  return { page, form: inbox.locator('.action-form') };
};

describe('staff actions and the verification request in Chromium, against the service', () => {
  it('responds from the inbox: the decision is recorded with its basis, as typed', async () => {
    const id = await underWay(11);
    const { page, form } = await openAction(handler, id, '答复');
    await form.locator('#outcome').selectOption('partly_upheld');
    await form.locator('#basis').fill(`依据信用卡章程第 5 条 ${XSS}`);
    await form.locator('#notifiedVia').selectOption('phone');
    await form.locator('button[type=submit]').click();
    await expect.poll(async () => (await api(handler, 'GET', `/v1/complaints/${id}`)).status, { timeout: 15_000 }).toBe('responded');
    const c = await api(handler, 'GET', `/v1/complaints/${id}`);
    expect(c.decision?.outcome).toBe('partly_upheld');
    expect(c.decision?.basis).toBe(`依据信用卡章程第 5 条 ${XSS}`);
    expect(c.decision?.notifiedVia).toBe('phone');
    await expect.poll(() => page.locator('ck-staff-inbox .notice[role=status]').textContent()).toContain('已答复');
    await page.close();
  });

  it('escalates from the inbox (领导包案) with a severity and a reason', async () => {
    const id = await underWay(12);
    const { page, form } = await openAction(handler, id, '领导包案');
    await form.locator('#severity').selectOption('sensitive');
    await form.locator('#reason').fill(`客户扬言曝光 ${XSS}`);
    await form.locator('button[type=submit]').click();
    await expect.poll(async () => (await api(handler, 'GET', `/v1/complaints/${id}`)).status, { timeout: 15_000 }).toBe('escalated');
    const c = await api(handler, 'GET', `/v1/complaints/${id}`);
    expect(c.severity).toBe('sensitive');
    expect(c.timeline.find((e) => e.type === 'escalate')?.reason).toBe(`客户扬言曝光 ${XSS}`);
    await page.close();
  });

  it('extends from the inbox as a manager; a handler is not offered it', async () => {
    const id = await underWay(13, false);
    const asHandler = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await asHandler.goto(`${svc.server.url}/examples/staff-mobile/#token=${handler}`);
    const inbox = asHandler.locator('ck-staff-inbox');
    await inbox.locator('#q').fill(id);
    await expect.poll(() => inbox.locator('li.item').count()).toBe(1);
    await inbox.locator('li.item button.summary').click();
    await inbox.locator('[part=actions]').waitFor();
    expect(await inbox.locator('[part=actions] button', { hasText: '延期' }).count()).toBe(0);
    await asHandler.close();

    const { page, form } = await openAction(manager, id, '延期');
    await form.locator('#reason').fill(`需调取外部机构材料 ${XSS}`);
    await form.locator('button[type=submit]').click();
    await expect.poll(async () => (await api(manager, 'GET', `/v1/complaints/${id}`)).deadlines.extensionLevel, { timeout: 15_000 }).toBe(1);
    const c = await api(manager, 'GET', `/v1/complaints/${id}`);
    expect(c.timeline.find((e) => e.type === 'extend')?.reason).toBe(`需调取外部机构材料 ${XSS}`);
    // A second extension needs leadership: the manager is no longer offered it.
    await expect.poll(() => page.locator('ck-staff-inbox [part=actions] button', { hasText: '延期' }).count()).toBe(0);
    await page.close();
  });

  it("asks for verification (核查) from the survey after the bank's answer", async () => {
    const id = await underWay(14);
    await api(handler, 'POST', `/v1/complaints/${id}/respond`, {
      outcome: 'not_upheld', basis: '依据章程', remediesOffered: ['review'], notifiedVia: 'app', notifiedAt: new Date().toISOString(),
    });
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    page.on('dialog', () => {
      throw new Error('a dialog opened');
    });
    await page.goto(`${svc.server.url}/examples/mobile-h5/#token=${customer}`);
    await page.locator('nav.tabs button[data-view=mine]').click();
    await page.locator('ck-complaint-list button[part=item]', { hasText: id }).click();
    const survey = page.locator('ck-satisfaction-survey');
    await survey.locator('button', { hasText: '申请核查' }).click();
    await survey.locator('#reason').fill(`处理结果与事实不符 ${XSS}`);
    await survey.locator('[part=review] button[type=submit]').click();
    await expect.poll(() => survey.locator('[role=status]').first().textContent(), { timeout: 15_000 }).toContain('核查申请已提交');
    const c = await api(customer, 'GET', `/v1/complaints/${id}`);
    expect(c.status).toBe('under_review');
    expect(c.timeline.find((e) => e.type === 'request_review')?.reason).toBe(`处理结果与事实不符 ${XSS}`);
    await expect.poll(() => page.locator('ck-complaint-status [part=stage] strong').textContent(), { timeout: 15_000 }).toBe('核查中');
    expect(await imagesIn(page)).toBe(0);
    await page.close();
  });
});
