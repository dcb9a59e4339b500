import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@complaintkit/server';
import * as esbuild from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { BANK } from '../src/fixture.js';

// The offline outbox in real Chromium: real IndexedDB, Web Locks, offline mode and tab life cycles.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
let server: RunningServer;
let browser: Browser;
let dirs: string[] = [];
let token: string;
const posts: string[] = []; // every POST /v1/complaints the service answered

beforeAll(async () => {
  const pages = mkdtempSync(join(tmpdir(), 'ck-outbox-page-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-outbox-data-'));
  dirs = [pages, dataDir];
  await esbuild.build({
    entryPoints: [here('../browser/outbox-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(pages, 'outbox-page.js'),
    logLevel: 'silent',
  });
  copyFileSync(here('../browser/outbox.html'), join(pages, 'outbox.html'));
  server = await startServer({
    port: 0,
    dataDir,
    staticDir: pages,
    logger: {
      info: (e) => {
        if (e.msg === 'request' && e.method === 'POST' && e.path === '/v1/complaints') posts.push(String(e.status));
      },
      error: () => {},
    },
  });
  await server.store.importDemoBank(BANK);
  token = await server.issueToken({ sub: 'C-000001', kind: 'customer' } as never);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const open = async (context: BrowserContext): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`${server.url}/examples/outbox.html?token=${token}`);
  await page.waitForFunction(() => 'ck' in window);
  return page;
};
type Ck = { add(n: number): Promise<string>; states(): Promise<string[]>; ids(): Promise<string[]> };
const ck = <T>(page: Page, fn: (ck: Ck, arg: number) => Promise<T>, arg = 0) =>
  page.evaluate(([src, a]) => new Function('ck', 'a', `return (${src})(ck, a)`)((window as unknown as { ck: Ck }).ck, a), [fn.toString(), arg] as const) as Promise<T>;

const descriptions = async () => {
  const res = await fetch(`${server.url}/v1/complaints?limit=100&q=${encodeURIComponent('离线提交')}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { data: { description: string }[] };
  return body.data.map((c) => c.description).reverse(); // oldest first
};

describe('the offline outbox in Chromium', () => {
  it('keeps complaints made offline across a closed tab and sends each once, in order, when back online', async () => {
    const context = await browser.newContext();
    const first = await open(context);
    await context.setOffline(true);
    for (const n of [1, 2, 3]) await ck(first, (c, a) => c.add(a), n);
    expect(await ck(first, (c) => c.states())).toEqual(['queued', 'queued', 'queued']);
    await first.close(); // the app is killed while offline

    await context.setOffline(false);
    const second = await open(context); // a new page on the same origin: the same IndexedDB
    await expect.poll(() => ck(second, (c) => c.states()), { timeout: 15_000 }).toEqual(['sent', 'sent', 'sent']);
    expect(await descriptions()).toEqual(['离线提交 第 1 笔', '离线提交 第 2 笔', '离线提交 第 3 笔']);
    expect(posts.filter((s) => s === '201')).toHaveLength(3);
    await context.close();
  });

  it('lets only one of two open tabs send a queued item (Web Locks), so the service sees each POST once', async () => {
    const context = await browser.newContext();
    const a = await open(context);
    const b = await open(context);
    await context.setOffline(true);
    for (const n of [11, 12, 13, 14, 15]) await ck(a, (c, x) => c.add(x), n);
    await expect.poll(() => ck(b, (c) => c.states())).toEqual(Array(5).fill('queued')); // b sees a's items
    const before = posts.length;
    await context.setOffline(false); // both tabs see `online` at once and race to flush
    await expect.poll(() => ck(a, (c) => c.states()), { timeout: 15_000 }).toEqual(Array(5).fill('sent'));
    await expect.poll(() => ck(b, (c) => c.states()), { timeout: 15_000 }).toEqual(Array(5).fill('sent'));
    expect(posts.slice(before)).toEqual(Array(5).fill('201')); // no second send, not even a replayed one
    expect((await descriptions()).filter((d) => /第 1\d 笔/.test(d))).toHaveLength(5);
    await context.close();
  });
});
