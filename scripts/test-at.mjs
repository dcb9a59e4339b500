#!/usr/bin/env node
// `pnpm test:at <instant> <command…>`: runs the command with every Node process it starts living at
// that instant (scripts/shift-clock.mjs), e.g.
//   pnpm test:at 2027-01-01T00:05+08:00 pnpm --filter @complaintkit/server test
// to see whether a suite passes in the first minutes of a bank year. Test-only; never in `npm test`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [at, ...command] = process.argv.slice(2);
if (!at || Number.isNaN(Date.parse(at)) || command.length === 0) {
  console.error('usage: pnpm test:at <ISO instant with offset, e.g. 2027-01-01T00:05+08:00> <command…>');
  process.exit(2);
}
const preload = fileURLToPath(new URL('./shift-clock.mjs', import.meta.url));
const env = { ...process.env, CK_TEST_NOW: at, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim() };
delete env.CK_TEST_CLOCK_OFFSET;
const r = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env });
process.exit(r.status ?? 1);
