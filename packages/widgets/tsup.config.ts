import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

rmSync('dist', { recursive: true, force: true });

export default defineConfig({
  entry: { index: 'src/index.ts', define: 'src/define.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  splitting: true,
  target: 'es2022',
  platform: 'browser',
  external: ['lit', /^@complaintkit\/core/],
});
