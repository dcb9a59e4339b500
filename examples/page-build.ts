import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Options } from 'tsup';

/**
 * The tsup build of one example page, run in the page's folder: `src/app.ts` bundled with everything
 * it imports into `public/dist` (ES modules, split so lazy chunks load on use, minified, no source
 * maps, each chunk opening with V8's compile hint: the pages are served as a bank would serve them),
 * and the widgets' themes copied beside it.
 * Served by `npm start` at `/examples/<page>/`.
 *
 * @example
 * ```ts
 * export default defineConfig(examplePage({ themes: ['light.css', 'dark.css'] }));
 * ```
 */
export function examplePage(options: { themes?: readonly string[]; define?: Record<string, string>; onBuilt?: () => void } = {}): Options {
  rmSync('public/dist', { recursive: true, force: true });
  const widgets = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('@complaintkit/widgets/package.json'));
  return {
    entry: { app: 'src/app.ts' },
    outDir: 'public/dist',
    format: ['esm'],
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    noExternal: [/.*/],
    // As the embedding guide tells host apps: V8's explicit compile hint opens every chunk, so
    // Chromium WebViews compile the widgets' code with the chunk instead of function by function
    // during the first render (docs/guides/embedding-the-widgets.md, "First render on a phone").
    banner: { js: '//# allFunctionsCalledOnLoad' },
    ...(options.define && { define: options.define }),
    async onSuccess() {
      mkdirSync('public/themes', { recursive: true });
      for (const t of options.themes ?? ['light.css']) copyFileSync(join(widgets, 'themes', t), join('public/themes', t));
      options.onBuilt?.();
    },
  };
}
