// Runs `complaintkit-tags` against the running demo service and shows what a CRM would receive.
//   npm start                                        # in another terminal: the demo service
//   pnpm --filter @complaintkit/example-crm-import start
// The service address and an auditor's token default to what `npm start` wrote to .data/demo-tokens.json
// (override with CK_URL and CK_TOKEN). Output goes to examples/crm-import/.out/.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const saved = (() => {
  try {
    return JSON.parse(readFileSync(join(here, '..', '..', '.data', 'demo-tokens.json'), 'utf8'));
  } catch {
    return {};
  }
})();
const url = process.env.CK_URL ?? saved.url ?? 'http://127.0.0.1:8787';
const token = process.env.CK_TOKEN ?? saved.tokens?.auditor;
if (!token) throw new Error('no token: start the demo service with `npm start`, or set CK_TOKEN to an auditor token');
const cli = join(dirname(createRequire(import.meta.url).resolve('@complaintkit/tagging/package.json')), 'dist', 'cli.js');
const out = join(here, '.out');
rmSync(out, { recursive: true, force: true });

const tags = (...args) =>
  execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, CK_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] });
const common = ['--service', url, '--rules', join(here, 'rules.yaml'), '--fields', join(here, 'fields.json'), '--state', join(out, 'state'), '--out', join(out, 'exports'), '--bom'];

console.log(`$ complaintkit-tags build --service ${url} --full …\n`);
console.log(tags('build', ...common, '--full'));
const snapshot = readdirSync(join(out, 'exports')).find((d) => d.startsWith('snapshot-'));
const csv = readFileSync(join(out, 'exports', snapshot, 'tags.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
console.log(`${snapshot}/tags.csv (first rows of ${csv.length - 2}):\n  ${csv.slice(0, 4).join('\n  ')}\n`);

console.log('$ complaintkit-tags build --service … (the next day: only what changed)\n');
console.log(tags('build', ...common, '--as-of', new Date(Date.now() + 86_400_000).toISOString()));

// The CRM imported the snapshot and reported its results; say one row in ten failed.
const keys = csv.slice(1, -1).map((line) => line.split(',')[0]);
const ok = join(out, 'successfulResults.csv');
const failed = join(out, 'failedResults.csv');
writeFileSync(ok, `sf__Id,sf__Created,CK_Tag_Key__c\n${keys.filter((_, i) => i % 10).map((k, i) => `a0${i},true,${k}`).join('\n')}\n`);
writeFileSync(failed, `sf__Id,sf__Error,CK_Tag_Key__c\n${keys.filter((_, i) => i % 10 === 0).map((k) => `,INVALID_FIELD,${k}`).join('\n')}\n`);
console.log('$ complaintkit-tags reconcile --export … --success successfulResults.csv --failed failedResults.csv\n');
try {
  console.log(tags('reconcile', '--export', join(out, 'exports', snapshot), '--success', ok, '--failed', failed).split('\n').slice(0, 6).join('\n'));
} catch (e) {
  // Exit code 3: some rows did not land, as intended here.
  console.log(`${String(e.stdout).split('\n').slice(0, 6).join('\n')}\n  … (exit code ${e.status}: rows that did not land)`);
}
