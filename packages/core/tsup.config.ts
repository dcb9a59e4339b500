import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One clean for every format: `clean: true` in a config array races (one build deletes the other's output).
rmSync('dist', { recursive: true, force: true });

const entry = {
  index: 'src/index.ts',
  domain: 'src/domain.ts',
  outbox: 'src/outbox.ts',
  'outbox-node': 'src/outbox-node.ts',
  node: 'src/node.ts',
};
const external = ['node:fs', 'node:fs/promises', 'node:path', 'node:os', 'node:crypto'];

export default defineConfig([
  // ESM, one module per source file: apps' bundlers then drop what they do not use module by module
  // (a page that needs only labels or clocks never loads zod). Declarations come from tsc
  // (tsconfig.build.json), one per module, so types keep one identity.
  {
    entry: ['src/**/*.ts', '!src/**/*.test.ts'],
    bundle: false,
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
  },
  // CommonJS for Node users, bundled per entry, with bundled declarations (.d.cts).
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    splitting: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    external,
  },
]);
