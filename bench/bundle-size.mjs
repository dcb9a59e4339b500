// Bundle sizes of the client entry points, min+gzip, as an app bundler would ship them to a phone,
// each beside the baselines it is built from (ky alone, zod/mini alone, rxjs Observable alone).
// Usage: pnpm run bench   (or: node bench/bundle-size.mjs); build the packages first.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const core = fileURLToPath(new URL('../packages/core/', import.meta.url));
const cases = [
  ['baseline: ky', "import ky from 'ky'; globalThis.x = ky;"],
  ['baseline: zod/mini (one object schema)', "import * as z from 'zod/mini'; globalThis.x = z.object({ a: z.string() });"],
  ['baseline: rxjs Observable + map + filter', "import { Observable, map, filter } from 'rxjs'; globalThis.x = [Observable, map, filter];"],
  ['createComplaintClient (+ complaint resources, validation)', "import { createComplaintClient } from './dist/index.js'; globalThis.x = createComplaintClient;"],
  ['domain: Complaint schema only', "import { Complaint } from './dist/domain.js'; globalThis.x = Complaint;"],
  ['domain: computeClock only', "import { computeClock } from './dist/domain.js'; globalThis.x = computeClock;"],
  ['outbox: createOutbox + IndexedDBStorage', "import { createOutbox, IndexedDBStorage } from './dist/outbox.js'; globalThis.x = [createOutbox, IndexedDBStorage];"],
];

console.log('| entry | min | min+gzip | lazy chunks (min+gzip, loaded on first use) |');
console.log('|---|---:|---:|---:|');
for (const [name, contents] of cases) {
  const r = await esbuild.build({
    stdin: { contents, resolveDir: core, loader: 'js' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: '/tmp/ck-bundle-size',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // Eager = the entry chunk and every chunk it imports statically; the rest loads on first use.
  const outputs = r.metafile.outputs;
  const entryPath = Object.keys(outputs).find((k) => outputs[k].entryPoint);
  const eager = new Set();
  const visit = (path) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const i of outputs[path].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entryPath);
  const files = r.outputFiles.filter((f) => f.path.endsWith('.js'));
  const isEager = (f) => [...eager].some((p) => f.path.endsWith(p.replace(/^.*ck-bundle-size/, '')));
  const sum = (fs, size) => fs.reduce((s, f) => s + size(f), 0);
  const min = (f) => f.contents.length;
  const gz = (f) => gzipSync(f.contents).length;
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const now = files.filter(isEager);
  const later = files.filter((f) => !isEager(f));
  console.log(`| ${name} | ${kb(sum(now, min))} | ${kb(sum(now, gz))} | ${later.length ? kb(sum(later, gz)) : '–'} |`);
}
