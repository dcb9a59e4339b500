import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One clean for both formats: `clean: true` in a config array races (TOOLCHAIN.md).
rmSync('dist', { recursive: true, force: true });

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    domain: 'src/domain.ts',
    outbox: 'src/outbox.ts',
    'outbox-node': 'src/outbox-node.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['node:fs', 'node:fs/promises', 'node:path', 'node:os', 'node:crypto'],
});
