import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

// The page's code, served by `npm start` at /examples/dashboard/.
rmSync('public/dist', { recursive: true, force: true });
const themes = join(dirname(createRequire(import.meta.url).resolve('@complaintkit/widgets/package.json')), 'themes');

export default defineConfig({
  entry: { app: 'src/app.ts' },
  outDir: 'public/dist',
  format: ['esm'],
  splitting: true,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  noExternal: [/.*/],
  async onSuccess() {
    mkdirSync('public/themes', { recursive: true });
    copyFileSync(join(themes, 'light.css'), 'public/themes/light.css');
  },
});
