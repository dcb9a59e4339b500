import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The generated check as if it were missing or held merge-conflict markers: any module of the
// generator's graph that imports it fails to load, as `pnpm generate` (tsup bundling its config, which
// imports build/generated.ts) fails when the file cannot be read or parsed.
vi.mock('../src/input/complaint-row-check.generated.js', () => {
  throw new Error('the generator loaded complaint-row-check.generated.ts, the file it is meant to write');
});

const here = new URL('..', import.meta.url).pathname;

describe('pnpm generate without a usable generated row check', () => {
  it('rebuilds the check without loading it, into a temporary path, equal to the committed file', async () => {
    const { ROW_CHECK_FILE, rowCheckSource } = await import('../build/generated.js');
    const dir = await mkdtemp(join(tmpdir(), 'ck-generate-'));
    const target = join(dir, 'complaint-row-check.generated.ts');
    await writeFile(target, rowCheckSource());
    expect(await readFile(target, 'utf8')).toBe(readFileSync(join(here, ROW_CHECK_FILE), 'utf8'));
  });
});
