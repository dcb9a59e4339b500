// custom-elements.json: every element, attribute, property, event, CSS part and custom property,
// read from the sources (Lit-aware). Editors and wrapper generators use it; `npm run build` writes it.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/loader/**', 'src/react/**'],
  outdir: '.',
  litelement: true,
};
