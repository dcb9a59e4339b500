import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** V8's explicit compile hint (a comment that must open the file): compile every function of it eagerly. */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

// One clean for every config: `clean: true` in a config array races.
rmSync('dist', { recursive: true, force: true });

export default defineConfig([
  // ESM, one module per source file: an app's bundler keeps only the elements it imports (the
  // package is `sideEffects: false` but for /auto and /define), and the outbox and client code stay
  // behind dynamic imports. Declarations come from tsc (tsconfig.build.json).
  {
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/loader/**'],
    bundle: false,
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
  },
  // For pages that do not bundle: /auto with Lit and core inside, split so the outbox and the
  // client load on first use. The loader script loads it from beside itself. Every chunk starts with
  // V8's explicit compile hint: Chromium (and Android's WebView) 136+ compiles a chunk's functions
  // with it instead of one by one on first call, which took the form's first render from 14.8 to
  // 9.5 ms at 1× (bench/results/widgets.md, "Widgets: time to interactive"); other engines ignore the comment.
  {
    entry: { auto: 'src/auto.ts' },
    banner: { js: COMPILE_HINT },
    outDir: 'dist/cdn',
    format: ['esm'],
    bundle: true,
    splitting: true,
    minify: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
    noExternal: [/.*/],
  },
  // The loader: one small classic script for pages that cannot bundle (a <script src> tag).
  {
    entry: { loader: 'src/loader/loader.ts' },
    outDir: 'dist/cdn',
    format: ['iife'],
    minify: true,
    sourcemap: true,
    target: 'es2019',
    platform: 'browser',
    outExtension: () => ({ js: '.js' }),
  },
]);
