import { readdirSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { examplePage } from '../page-build.js';

// The page's code, split so the outbox and the client load on first use, and its service worker
// (a classic script at the page's root, so its scope is the page). Served by `npm start` at
// /examples/mobile-h5/.
export default defineConfig([
  examplePage({
    themes: ['light.css', 'dark.css'],
    onBuilt() {
      // What the service worker precaches: the page and every chunk, so it opens and sends offline.
      const files = readdirSync('public/dist').filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`);
      writeFileSync('public/dist/precache.json', JSON.stringify(['./', 'app.css', 'themes/light.css', 'themes/dark.css', ...files]));
    },
  }),
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
