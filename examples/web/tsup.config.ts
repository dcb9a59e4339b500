import { defineConfig } from 'tsup';

// One self-contained bundle for the demo H5 page, served by the reference service at /examples/.
export default defineConfig({
  entry: { app: 'src/app.ts' },
  outDir: 'public/dist',
  format: ['esm'],
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  clean: true,
  noExternal: [/.*/],
});
