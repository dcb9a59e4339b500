import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { checkBuiltInRules, ROW_CHECK_FILE, rowCheckSource } from './build/generated.js';

rmSync('dist', { recursive: true, force: true });

// What ships pre-checked is checked again here: the built-in rules against the rule schema, and the
// generated complaint-row check against core's schemas (`CK_GENERATE=1 pnpm build`, or
// `pnpm generate`, writes it anew after a schema change).
checkBuiltInRules();
if (process.env.CK_GENERATE === '1') writeFileSync(ROW_CHECK_FILE, rowCheckSource());
else if ((existsSync(ROW_CHECK_FILE) ? readFileSync(ROW_CHECK_FILE, 'utf8') : null) !== rowCheckSource()) {
  // (The generator loads ComplaintRow from complaint-row-schema.ts, never the generated file: a missing
  // or conflicted one is rebuilt by `pnpm generate`.)
  throw new Error(`${ROW_CHECK_FILE} is missing or out of date with ComplaintRow: run \`pnpm --filter @complaintkit/tagging generate\``);
}

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
  },
  {
    // The command: ESM only (top-level await), with its shebang.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The full build's read worker, started by URL from beside cli.js (see src/input/read-digested.ts).
    // And the one that writes a full build's state beside the exports (src/engine/snapshot.ts).
    entry: { 'read-worker': 'src/input/read-worker.ts', 'state-worker': 'src/engine/state-worker.ts' },
    format: ['esm'],
    splitting: false,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
  },
]);
