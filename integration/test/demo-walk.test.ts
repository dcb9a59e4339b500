import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@complaintkit/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { EXAMPLES } from '../src/widgets-page.js';

// What `npm start` invites a newcomer to do with the links it prints, over the demo bank: register a
// complaint on the mobile H5 page as the demo customer, then find it in the staff mobile inbox as the
// demo handler. The H5 page says where its customer banks (the app knows), so the complaint goes to
// that branch (属地管理), not to head office where none of the printed staff could act on it.
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let customer: string;
let handler: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ck-demo-walk-'));
  server = await startServer({ port: 0, dataDir, seed: 42, staticDir: EXAMPLES, logger: { info: () => {}, error: () => {} } });
  if (!server.seeded.seeded) throw new Error('demo bank not seeded');
  const { customer: c, handler: h } = server.seeded.demoActors;
  customer = await server.issueToken({ sub: c.id, kind: 'customer' } as Parameters<RunningServer['issueToken']>[0]);
  handler = await server.issueToken({ sub: h.id, kind: 'staff', role: 'handler', org: h.orgId } as Parameters<RunningServer['issueToken']>[0]);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo walk npm start prints, in Chromium over the demo bank', () => {
  it("puts a complaint registered on the mobile H5 page into the printed handler's inbox", async () => {
    const h5 = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await h5.goto(`${server.url}/examples/mobile-h5/#token=${customer}`);
    const form = h5.locator('ck-complaint-form');
    await form.locator('#businessCategory').selectOption('B0302');
    await form.locator('#cause').selectOption('C11');
    await form.locator('#description').fill('办卡时承诺首年免年费，11 月账单仍扣收年费 300 元');
    await form.locator('#name').fill('王小明');
    await form.locator('button[type=submit]').click();
    const number = form.locator('.confirmation .number');
    await expect.poll(() => number.textContent(), { timeout: 15_000 }).toMatch(/^CK\d{8}-\d+$/);
    const id = (await number.textContent()) ?? '';
    await h5.close();

    const staff = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await staff.goto(`${server.url}/examples/staff-mobile/#token=${handler}`);
    const inbox = staff.locator('ck-staff-inbox');
    await inbox.locator('li.item').first().waitFor();
    await inbox.locator('#q').fill(id);
    await expect.poll(() => inbox.locator('li.item').count(), { timeout: 15_000 }).toBe(1);
    expect(await inbox.locator('li.item').first().textContent()).toContain(id);
    await staff.close();
  });
});
