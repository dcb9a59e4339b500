// First render of <ck-complaint-dashboard> over the demo bank (two years, ~4,700 complaints), in
// Chromium: from navigation start to the dashboard's ck-ready (every part showing the service's
// figures: 8 report, trend, heat-map and alert calls), at 1280 px unthrottled and at 360 px with
// the CPU throttled 4× (a mid-range phone). The service runs in this process on SQLite in a temp dir.
// Usage: pnpm run build && node bench/dashboard-render.mjs [runs=7]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@complaintkit/server';
import { chromium } from 'playwright-core';

const runs = Number(process.argv[2] ?? 7);
const dataDir = mkdtempSync(join(tmpdir(), 'ck-bench-dash-'));
const log = { info: () => {}, error: () => {}, warn: () => {} };
const t0 = performance.now();
const server = await startServer({ port: 0, dataDir, seed: 42, staticDir: fileURLToPath(new URL('../examples', import.meta.url)), logger: log });
const seeded = server.seeded.seeded ? server.seeded : undefined;
if (!seeded) throw new Error('the demo bank was not seeded');
console.log(`demo bank: ${seeded.complaints} complaints, ${seeded.organisations} organisations (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
const m = seeded.demoActors.manager;
const token = await server.issueToken({ sub: m.id, kind: 'staff', role: 'manager', org: m.orgId });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

const measure = async (width, rate) => {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  // The origin first, then the throttling, then the page: set on a fresh tab before its first
  // navigation, the throttling sometimes reached the page's renderer late (see widgets-tti.mjs).
  await page.goto(`${server.url}/examples/index.html`);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${server.url}/examples/dashboard/#token=${token}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 });
  const ms = await page.evaluate(() => Number(document.documentElement.dataset.readyAt));
  await ctx.close();
  return ms;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [width, rate] of [[1280, 1], [360, 4]]) {
  await measure(width, rate); // warm the service's caches and the browser's
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await measure(width, rate));
  rows.push(`| ${width} px, CPU ${rate}× | ${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms |`);
}
console.log(`\nChromium, ${runs} runs each after one warm-up, medians: navigation start → dashboard ck-ready; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('| viewport | median | range |');
console.log('|---|---:|---:|');
for (const r of rows) console.log(r);
await browser.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });
