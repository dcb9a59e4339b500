import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One clean for both entries (`clean: true` in a config array races).
rmSync('dist', { recursive: true, force: true });

export default defineConfig({
  // check-worker: the history import's worker threads (started by URL from beside the chunk that imports).
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', suggest: 'src/suggest/index.ts', 'check-worker': 'src/history/check-worker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', suggest: 'src/suggest/index.ts' } },
  sourcemap: true,
  splitting: true,
  treeshake: true,
  target: 'node20',
  platform: 'node',
  // Dependencies stay external (tsup's default for `dependencies`); the CLI gets its shebang from src/cli.ts.
});
