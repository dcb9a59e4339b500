import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

rmSync('dist', { recursive: true, force: true });

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
