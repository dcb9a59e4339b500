import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/setup/temp-root.ts'],
    // Several tests start the built command or its workers as child processes (three runs in one test); on a
    // loaded 2-core CI machine that outruns vitest's 5 s default without anything being wrong. No test here asserts
    // a duration: speed is measured in bench/.
    testTimeout: 30_000,
  },
});
