import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

// The page's code, split so the outbox and the client load on first use, and its service worker
// (a classic script at the page's root, so its scope is the page). Served by `npm start` at
// /examples/mobile-h5/.
rmSync('public/dist', { recursive: true, force: true });
const themes = join(dirname(createRequire(import.meta.url).resolve('@complaintkit/widgets/package.json')), 'themes');

export default defineConfig([
  {
    entry: { app: 'src/app.ts' },
    outDir: 'public/dist',
    format: ['esm'],
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false, // the pages are served as a bank would serve them: no source maps
    noExternal: [/.*/],
    async onSuccess() {
      mkdirSync('public/themes', { recursive: true });
      for (const t of ['light.css', 'dark.css']) copyFileSync(join(themes, t), join('public/themes', t));
      // What the service worker precaches: the page and every chunk, so it opens and sends offline.
      const files = readdirSync('public/dist').filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`);
      writeFileSync('public/dist/precache.json', JSON.stringify(['./', 'app.css', 'themes/light.css', 'themes/dark.css', ...files]));
    },
  },
  {
    entry: { sw: 'src/sw.ts' },
    outDir: 'public',
    format: ['iife'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outExtension: () => ({ js: '.js' }),
  },
]);
