import { defineConfig } from 'tsup';
import { examplePage } from '../page-build.js';

// The Vue 3 embedding, served by `npm start` at /examples/vue/: Vue's runtime-only ESM build (no
// template compiler, so no eval) with its compile-time flags set as a bundler would.
export default defineConfig(
  examplePage({
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  }),
);
