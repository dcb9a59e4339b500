// Time to interactive of <ck-complaint-form> on a mid-range phone (Chromium, CPU throttled 4× with
// DevTools' Emulation.setCPUThrottlingRate, 360 px wide), side by side with a plain HTML form of the
// same fields (same pickers, already filled in the HTML) as the baseline.
// Usage: pnpm run build && node bench/widgets-tti.mjs [runs=15] [reference dist folder]
// With a reference (a copy of packages/widgets/dist from another commit), its form is measured
// interleaved with this build's, so a change is judged side by side on the same loaded machine.
// Measured: from navigation start to "interactive" (fields focusable, pickers filled): for the
// baseline, when its script runs (its HTML is already complete); for the widget, when the element
// has rendered its pickers. Both pages are served from memory over loopback HTTP.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { BUSINESS_CATEGORIES, COMPLAINT_CAUSES } from '@complaintkit/core/domain';

const runs = Number(process.argv[2] ?? 15);
const widgets = fileURLToPath(new URL('../packages/widgets/', import.meta.url));
const reference = process.argv[3];
const files = new Map();
const bundle = async (dist, prefix) => {
  const build = await esbuild.build({
    stdin: {
      contents: `performance.mark('script-start');
        import { ComplaintForm } from '${dist}/index.js';
        customElements.define('ck-complaint-form', ComplaintForm);
        const el = document.querySelector('ck-complaint-form');
        el.addEventListener('ck-ready', () => { performance.mark('interactive'); window.__done = el.shadowRoot.querySelectorAll('#cause option').length; });`,
      resolveDir: widgets,
      loader: 'js',
    },
    bundle: true, minify: true, splitting: true, format: 'esm', platform: 'browser', outdir: '/ck', write: false, logLevel: 'silent',
    nodePaths: [`${widgets}node_modules`],
  });
  for (const f of build.outputFiles) files.set(`/${prefix}/${f.path.split('/').pop()}`, f.contents);
  files.set(`/${prefix}.html`, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body><ck-complaint-form></ck-complaint-form><script type="module" src="/${prefix}/stdin.js"></script></body></html>`);
};
await bundle('./dist', 'widget');
if (reference) await bundle(reference, 'reference');
const option = (n) => `<option value="${n.code}">${n.zh}</option>`;
const leaves = (nodes) => nodes.filter((n) => !nodes.some((c) => c.parent === n.code));
const baseline = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<link rel="stylesheet" href="/base.css"></head><body><form>
<label for="b">业务类别</label><select id="b" required><option value="">请选择</option>${leaves(BUSINESS_CATEGORIES).map(option).join('')}</select>
<label for="c">投诉原因</label><select id="c" required><option value="">请选择</option>${COMPLAINT_CAUSES.map(option).join('')}</select>
<label for="d">问题描述</label><textarea id="d" maxlength="5000" required></textarea>
<label for="r">您的诉求</label><input id="r" maxlength="2000">
<label for="n">姓名</label><input id="n" required maxlength="64"><label for="p">手机号码</label><input id="p" type="tel">
<label for="f">图片</label><input id="f" type="file" accept="image/*" multiple>
${['一线医务人员', '公安干警', '军人及军属', '应急救援人员', '60 岁及以上老年人', '残障人士'].map((g) => `<label><input type="checkbox">${g}</label>`).join('')}
<button>提交投诉</button></form><script type="module" src="/baseline.js"></script></body></html>`;
files.set('/baseline.js', `performance.mark('script-start'); performance.mark('interactive'); window.__done = document.querySelectorAll('#c option').length;`);
files.set('/base.css', 'body{font:16px system-ui;margin:16px}label,select,input,textarea,button{display:block;width:100%;margin:4px 0}');
files.set('/baseline.html', baseline);
const server = createServer((req, res) => {
  const body = files.get(req.url ?? '');
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': req.url?.endsWith('.js') ? 'text/javascript' : req.url?.endsWith('.css') ? 'text/css' : 'text/html', 'cache-control': 'no-store' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

const measure = async (page) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Performance.enable');
  await p.goto(`${origin}/${page}.html`);
  await p.waitForFunction(() => window.__done > 1);
  // The page's main-thread CPU time (unthrottled work, barely moved by other load on the machine).
  const { metrics } = await cdp.send('Performance.getMetrics');
  const t = await p.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0].startTime;
    return { interactive: at('interactive'), fromScript: at('interactive') - at('script-start') };
  });
  t.cpu = (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
  await ctx.close();
  return t;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pages = reference ? ['baseline', 'reference', 'widget'] : ['baseline', 'widget'];
const result = Object.fromEntries(pages.map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const k of pages) result[k].push(await measure(k)); // interleaved
await browser.close();
server.close();
const min = (xs) => Math.min(...xs);
const row = (k) =>
  `| ${k} | ${median(result[k].map((r) => r.interactive)).toFixed(0)} ms | ${median(result[k].map((r) => r.fromScript)).toFixed(0)} ms | ${min(result[k].map((r) => r.fromScript)).toFixed(0)} ms | ${median(result[k].map((r) => r.cpu)).toFixed(0)} ms |`;
console.log(`Chromium, CPU 4× slower, 360 px, ${runs} runs each, interleaved, medians (and the fastest run)`);
console.log('| page | navigation start → interactive | script start → interactive | fastest script start → interactive | main-thread CPU (unthrottled) |');
console.log('|---|---:|---:|---:|---:|');
for (const k of pages) console.log(row(k));
const extra = median(result.widget.map((r) => r.interactive)) - median(result.baseline.map((r) => r.interactive));
console.log(`\nwidget − baseline (navigation start → interactive): ${extra.toFixed(0)} ms (goal ≤ 50 ms)`);
if (reference) {
  const ratio = median(result.widget.map((r) => r.fromScript)) / median(result.reference.map((r) => r.fromScript));
  console.log(`widget / reference (script start → interactive): ${ratio.toFixed(2)}`);
  const cpu = median(result.widget.map((r) => r.cpu)) / median(result.reference.map((r) => r.cpu));
  console.log(`widget / reference (main-thread CPU): ${cpu.toFixed(2)}`);
}
