import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '@complaintkit/core';
import { launchChromium } from '../src/chromium.js';
import { imagesIn, serveExamples, sidewaysOverflow, XSS } from '../src/widgets-page.js';

// The customer's status view in real Chromium, inside examples/mobile-h5, against the real service:
// what the customer reads of their complaint (docs/domain/personal-data.md), and service text stored
// before direction controls were refused.
let svc: Awaited<ReturnType<typeof serveExamples>>;
let browser: Browser;
let customer = '';
let id = '';
const NOTE = '身份已核实，客户情绪激动';
const TRANSFER_REASON = '属地管理，转深圳福田支行';
/** The legacy basis: a right-to-left override and a payload, as a record from before the refusal may hold. */
const LEGACY_BASIS = `\u202E测试\u202C 依据《信用卡章程》第十条 ${XSS}`;

const staffAct = async (action: string, who: string, role: string, org: string, body: object) => {
  const res = await fetch(`${svc.server.url}/v1/complaints/${id}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await svc.token(who, role, org)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
};

beforeAll(async () => {
  svc = await serveExamples();
  customer = await svc.token('C-000777');
  browser = await launchChromium();
  const created = await fetch(`${svc.server.url}/v1/complaints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      intakeChannel: 'mobile_app', businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11',
      complainant: { name: '陈七', phone: '13912345678' }, description: '状态页：信用卡年费未经告知被扣收', regionCode: '440304',
    }),
  });
  expect(created.status).toBe(201);
  id = ((await created.json()) as Complaint).id;
  await staffAct('accept', 'u-handler', 'handler', 'BR-GD', { note: NOTE });
  await staffAct('transfer', 'u-manager', 'manager', 'BR-GD', { toOrgId: 'SB-SZ', reason: TRANSFER_REASON });
  await staffAct('start', 'u-handler', 'handler', 'BR-GD', { assigneeId: 'u-handler', note: '调取交易流水' });
  await staffAct('extend', 'u-manager', 'manager', 'BR-GD', { reason: '需调取交易凭证', complainantNotifiedAt: new Date().toISOString() });
  await staffAct('respond', 'u-handler', 'handler', 'BR-GD', {
    outcome: 'upheld', basis: '依据《信用卡章程》第十条', remedy: '退还年费', amount: 200,
    remediesOffered: ['review', 'mediation'], notifiedVia: 'app', notifiedAt: new Date().toISOString(),
  });
  // A basis stored before free text refused direction controls: written to the record as it was then.
  await svc.server.store.mutate(undefined, async (tx) => {
    const record = await tx.getComplaint(id);
    const c = record?.complaint as Complaint;
    await tx.updateComplaint({ ...c, version: c.version + 1, decision: { ...(c.decision as NonNullable<Complaint['decision']>), basis: LEGACY_BASIS } }, c.version, { event: false });
    return { status: 200, body: c };
  });
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

const openStatus = async (): Promise<Page> => {
  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${svc.server.url}/examples/mobile-h5/#token=${customer}`);
  await page.locator('ck-complaint-form select#businessCategory').waitFor();
  await page.locator('nav.tabs button[data-view=mine]').click();
  await page.locator('ck-complaint-list button[part=item]', { hasText: id }).click();
  await expect.poll(() => page.locator('ck-complaint-status [part=stage] strong').textContent(), { timeout: 15_000 }).toBe('已答复');
  return page;
};

describe('the customer’s status view in Chromium, against the service', () => {
  it('shows the steps and the bank’s answer, and nothing of the bank’s own', async () => {
    const page = await openStatus();
    const status = page.locator('ck-complaint-status');
    expect(await status.locator('[part=timeline] .what').allTextContents()).toEqual(['已答复', '已延期', '处理中', '已转办', '已受理', '已登记']);
    // The reason the bank tells the customer (the extension's) is shown; notes and transfer reasons are not theirs.
    expect(await status.locator('[part=timeline] bdi.reason').allTextContents()).toEqual(['需调取交易凭证']);
    const answer = status.locator('[part=answer]');
    expect(await answer.locator('h3').textContent()).toBe('银行答复');
    expect(await answer.locator('dd').allTextContents()).toEqual(['支持', expect.stringMatching(/^退还年费\s+200 元$/), expect.any(String), '申请核查、申请调解']);
    const shown = (await status.evaluate((el) => el.shadowRoot?.textContent ?? '')) as string;
    for (const hidden of [NOTE, TRANSFER_REASON, '调取交易流水', 'u-handler', 'u-manager']) expect(shown).not.toContain(hidden);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.context().close();
  });

  it('shows text stored with a right-to-left override in reading order, isolated, and as text', async () => {
    const page = await openStatus();
    const basis = page.locator('ck-complaint-status [part=answer] bdi.basis');
    expect(await basis.textContent()).toBe(`测试 依据《信用卡章程》第十条 ${XSS}`);
    // Where Chromium draws them: 测 left of 试 (not reversed), and the basis's text after them to their right.
    const lefts = await basis.evaluate((el) => {
      const text = el.firstChild?.nodeType === Node.TEXT_NODE ? el.firstChild : [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
      const at = (i: number) => {
        const r = document.createRange();
        r.setStart(text as Text, i);
        r.setEnd(text as Text, i + 1);
        return r.getBoundingClientRect().left;
      };
      const s = (text as Text).data;
      return [at(s.indexOf('测')), at(s.indexOf('试')), at(s.indexOf('依'))];
    });
    expect(lefts[0]).toBeLessThan(lefts[1] as number);
    expect(lefts[1]).toBeLessThan(lefts[2] as number);
    expect(await imagesIn(page)).toBe(0);
    await page.context().close();
  });
});
