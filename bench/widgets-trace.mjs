// Trace helpers for bench/widgets-tti.mjs --trace: one page load recorded with Chromium's tracing
// (timeline, user timing marks, GC, and the V8 sampling profiler), then what the renderer's main
// thread did between two marks: wall time, the thread's own CPU time (tdur: the rest is the thread
// not running, throttled or waiting for a core), GC, compilation, network requests, and the
// JavaScript functions with the most self time.

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'loading',
  'toplevel',
].join(',');

/** Loads `url` in a fresh context (CPU throttled `rate`×, 360 px) while tracing; returns the events. */
export async function traceRun(browser, url, ready, rate = 4) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await p.goto(url);
  await p.waitForFunction(ready);
  await cdp.send('Tracing.end');
  await done;
  await ctx.close();
  return events;
}

const ms = (us) => us / 1000;

/**
 * What the main thread of the renderer that made `fromMark`/`toMark` did between them (`fromMark`
 * 'navigationStart' means the navigation to `origin`).
 */
export function windowOf(events, origin, fromMark, toMark) {
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((m) => m.pid === e.pid && m.tid === e.tid && m.name === toMark),
  );
  if (!main) return undefined;
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const mark = (n) =>
    n === 'navigationStart'
      ? on.findLast((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(origin))?.ts
      : on.find((e) => e.name === n && e.cat.includes('user_timing'))?.ts;
  const from = mark(fromMark);
  const to = mark(toMark);
  if (from === undefined || to === undefined) return undefined;
  const xs = on.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    e.depth = stack.length;
    stack.push(e);
  }
  const overlap = (e) => Math.max(0, Math.min(e.ts + e.dur, to) - Math.max(e.ts, from));
  const top = xs.filter((e) => e.depth === 0 && overlap(e) > 0);
  const busy = top.reduce((s, e) => s + overlap(e), 0);
  // The thread's CPU time, pro rata of each top-level task's part inside the window.
  const cpu = top.reduce((s, e) => s + (e.tdur ?? e.dur) * (overlap(e) / e.dur), 0);
  // Time in named kinds of work at any depth, outermost event of each kind only.
  const kinds = { gc: /GC|Scavenge|MarkCompact|MinorMS/, compile: /Compile|Parse(Function|Script)|BytecodeBudgetInterrupt|Optimize/, style: /UpdateLayoutTree|RecalculateStyles|ParseStyleSheet|ParseAuthorStyleSheet/, layout: /^Layout$/, html: /ParseHTML/ };
  const byKind = {};
  for (const [k, re] of Object.entries(kinds)) {
    let end = 0;
    byKind[k] = 0;
    for (const e of xs) {
      if (!re.test(e.name) || e.ts < end || overlap(e) === 0) continue;
      byKind[k] += overlap(e);
      end = e.ts + e.dur;
    }
  }
  const net = events.filter((e) => e.name === 'ResourceSendRequest' && e.ts >= from && e.ts < to && e.args?.data?.url?.startsWith(origin));
  // Sampled JavaScript: self time per function.
  const nodes = new Map();
  const samples = [];
  let t = 0;
  for (const c of events.filter((e) => e.pid === main.pid && (e.name === 'Profile' || e.name === 'ProfileChunk'))) {
    if (c.name === 'Profile') t = c.args.data.startTime;
    const p = c.args.data.cpuProfile ?? {};
    for (const n of p.nodes ?? []) nodes.set(n.id, n);
    (p.samples ?? []).forEach((id, i) => {
      t += c.args.data.timeDeltas[i];
      samples.push([t, id]);
    });
  }
  const self = {};
  const total = {};
  const name = (f) => `${f.functionName || '(anonymous)'} ${(f.url ?? '').split('/').pop()}:${f.lineNumber ?? ''}:${f.columnNumber ?? ''}`;
  const parent = new Map();
  for (const n of nodes.values()) {
    if (n.parent !== undefined) parent.set(n.id, n.parent);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  for (let i = 1; i < samples.length; i++) {
    const [ts, id] = samples[i - 1];
    if (ts < from || ts >= to) continue;
    const d = samples[i][0] - ts;
    const k = name(nodes.get(id)?.callFrame ?? {});
    self[k] = (self[k] ?? 0) + d;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = nodes.get(n)?.callFrame;
      if (!f?.url) continue;
      const kk = name(f);
      if (seen.has(kk)) continue;
      seen.add(kk);
      total[kk] = (total[kk] ?? 0) + d;
    }
  }
  return {
    wall: ms(to - from),
    busy: ms(busy),
    cpu: ms(cpu),
    gc: ms(byKind.gc),
    compile: ms(byKind.compile),
    style: ms(byKind.style),
    layout: ms(byKind.layout),
    html: ms(byKind.html),
    requests: net.map((e) => e.args.data.url.slice(origin.length)),
    functions: Object.entries(self)
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: ms(us) })),
    inclusive: Object.entries(total)
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: ms(us) })),
  };
}
