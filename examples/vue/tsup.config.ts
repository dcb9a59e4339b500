import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

// The page's code, served by `npm start` at /examples/vue/: Vue's runtime-only ESM build (no
// template compiler, so no eval) with its compile-time flags set as a bundler would.
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
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  async onSuccess() {
    mkdirSync('public/themes', { recursive: true });
    copyFileSync(join(themes, 'light.css'), 'public/themes/light.css');
  },
});
