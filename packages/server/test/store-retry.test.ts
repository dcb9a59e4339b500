import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';

/**
 * A write PostgreSQL aborted to break a deadlock (40P01) or a serialisation conflict (40001) wrote
 * nothing, so `mutate` runs it again instead of answering 500; any other error is the caller's.
 */
describe('store.mutate runs a write again after a transient conflict', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-retry-'));
    store = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['40P01', '40001'])('runs again after %s and answers with the second run', async (code) => {
    let runs = 0;
    const result = await store.mutate(undefined, async () => {
      runs += 1;
      if (runs === 1) throw Object.assign(new Error('deadlock detected'), { code });
      return { status: 200, body: { runs } };
    });
    expect(runs).toBe(2);
    expect(result).toMatchObject({ status: 200, body: { runs: 2 }, replayed: false });
  });

  it('does not run again after any other error', async () => {
    let runs = 0;
    await expect(
      store.mutate(undefined, async () => {
        runs += 1;
        throw Object.assign(new Error('syntax error'), { code: '42601' });
      }),
    ).rejects.toThrow('syntax error');
    expect(runs).toBe(1);
  });
});
