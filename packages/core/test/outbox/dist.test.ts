import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+)["']/g;

/** Every module a dist entry loads statically: its own chunks (followed) and the packages it imports. */
function staticGraph(entry: string): { files: string[]; specifiers: Set<string> } {
  const files: string[] = [];
  const specifiers = new Set<string>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else specifiers.add(spec);
    }
  };
  visit(join(dist, entry));
  return { files, specifiers };
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('dist (run `pnpm --filter @complaintkit/core build` first)', () => {
  it('dist/outbox.js is built from the current sources', () => {
    expect(existsSync(join(dist, 'outbox.js')), 'dist/outbox.js is missing: build core first').toBe(true);
    const { files } = staticGraph('outbox.js');
    expect(files.some((f) => readFileSync(f, 'utf8').includes('createOutbox')), 'dist/outbox.js is stale: rebuild core').toBe(true);
  });

  it('dist/outbox.js and its chunks import no Node built-in, so browsers and WebViews can load it', () => {
    const { specifiers } = staticGraph('outbox.js');
    expect([...specifiers].filter((s) => s.startsWith('node:') || builtins.has(s))).toEqual([]);
    expect([...specifiers].sort()).toEqual(expect.arrayContaining(['rxjs']));
  });

  it('the main entry loads no outbox code', () => {
    const { files } = staticGraph('index.js');
    const withOutbox = files.filter((f) => /createOutbox|IndexedDBStorage|OutboxValidationError/.test(readFileSync(f, 'utf8')));
    expect(withOutbox.map((f) => f.slice(dist.length + 1))).toEqual([]);
  });

  it('dist/outbox-node.js is where the Node built-ins are', () => {
    const { specifiers } = staticGraph('outbox-node.js');
    expect(specifiers.has('node:fs/promises') || specifiers.has('fs/promises')).toBe(true);
  });
});
