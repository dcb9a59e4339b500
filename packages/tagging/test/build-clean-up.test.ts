import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { row } from './rows.js';

// The file system refuses to remove the paths this pattern matches (as a busy or vanished disk would),
// so a failed run's clean-up fails part-way.
const refuse: { rm: RegExp | null } = vi.hoisted(() => ({ rm: null }));
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const rm: typeof fs.rm = async (path, options) => {
    if (refuse.rm?.test(String(path))) throw Object.assign(new Error(`EBUSY: resource busy or locked, rm '${String(path)}'`), { code: 'EBUSY' });
    return fs.rm(path, options);
  };
  return { ...fs, rm, default: { ...fs, rm } };
});

afterEach(() => {
  refuse.rm = null;
});

async function failedBuild(env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'ck-clean-up-'));
  const file = join(dir, 'bad.ndjson');
  await writeFile(file, [row(0, 'C1'), row(1, 'C1'), { ...row(2, 'C1'), businessCategory: 'B77' }].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const errors: string[] = [];
  try {
    const state = join(dir, 'state');
    const code = await runCli(['build', '--full', '--input', file, '--as-of', '2026-06-10T00:00:00Z', '--state', state, '--out', join(dir, 'out'), '--quiet'], {
      out: () => undefined,
      err: (s) => errors.push(s),
    });
    return { code, err: errors.join('\n'), state, left: existsSync(state) ? await readdir(state, { recursive: true }) : [] };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe("a failed build's clean-up", () => {
  it("a clean-up step that fails does not hide the input error, and the others still remove what the run made (the staged event log)", async () => {
    // Dropping the run's events fails: the staged log's folder is still removed after it.
    refuse.rm = /run\.tmp-/;
    const bad = await failedBuild();
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/complaintkit-tags: .*bad\.ndjson:3 field "businessCategory"/);
    expect(bad.err).toMatch(/dropping the run's events after the failure below failed too: EBUSY/);
    expect(bad.left.filter((f) => f.startsWith('.full-'))).toEqual([]);
    expect(bad.left.filter((f) => f.endsWith('.sqlite'))).toEqual([]);
  });
});
