import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import type { IdempotentRequest, Store, StoredResult } from '../src/store/store.js';

/** Every statement text run through `runText` (begin, savepoint, commit, …), in order. */
const texts = vi.hoisted(() => [] as string[]);
vi.mock('../src/store/compiled-once.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/store/compiled-once.js')>();
  return {
    ...original,
    runText: (...args: Parameters<typeof original.runText>) => {
      texts.push(args[1]);
      return original.runText(...args);
    },
  };
});

/**
 * SQLite's group commit runs a batch without savepoints (inside one, SQLite copies every page a write
 * changes to its statement journal first: the cost 6401683 took out), and only when a write fails
 * after it wrote does the batch run again with one savepoint per write. These tests watch the
 * statements the batch runs: a group commit that always used savepoints fails the first.
 */
describe('a SQLite batch runs without savepoints until a write fails after writing', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-group-sp-'));
    store = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    texts.length = 0;
  });

  const idem = (key: string): IdempotentRequest => ({ scope: 'staff:test', key, requestHash: 'h' });
  const count = (text: string) => texts.filter((t) => t === text).length;
  /** A keyed write that draws a number (a row changed), and fails before or after that when told. */
  const write = (key: string, fail?: 'before' | 'after') =>
    store.mutate(idem(key), async (tx): Promise<StoredResult> => {
      if (fail === 'before') throw new Error(`refused ${key}`);
      const n = await tx.nextComplaintNumber();
      if (fail === 'after') throw new Error(`failed ${key}`);
      return { status: 201, body: { n } };
    });

  it('commits a batch, one of whose writes is refused before it wrote, in one transaction with no savepoint', async () => {
    const settled = await Promise.allSettled(['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((k, i) => write(k, i === 3 ? 'before' : undefined)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    // One shared transaction (so the test is not passed by six writes run alone), and no savepoint in it.
    expect(count('begin immediate')).toBe(1);
    expect(count('savepoint ck_write')).toBe(0);
  });

  it('runs the batch again with a savepoint per write when one fails after it wrote: the others kept, the failed one absent', async () => {
    const keys = ['b1', 'b2', 'b3', 'b4', 'b5'];
    const settled = await Promise.allSettled(keys.map((k, i) => write(k, i === 2 ? 'after' : undefined)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    // The plain attempt rolled back, then one transaction with a savepoint per write.
    expect(count('begin immediate')).toBe(2);
    expect(count('rollback')).toBe(1);
    expect(count('savepoint ck_write')).toBe(keys.length);
    expect(count('rollback to ck_write')).toBe(1);
    // The four committed, each once, with consecutive numbers (the failed one's draw rolled back).
    const numbers = settled.flatMap((s) => (s.status === 'fulfilled' ? [(s.value.body as { n: number }).n] : []));
    expect(numbers).toEqual([numbers[0], (numbers[0] as number) + 1, (numbers[0] as number) + 2, (numbers[0] as number) + 3]);
    // Kept: each key replays its answer. Absent: the failed key's write runs afresh.
    texts.length = 0;
    for (const [i, k] of keys.entries()) {
      if (i === 2) continue;
      expect(await write(k)).toMatchObject({ status: 201, replayed: true, body: { n: numbers[i > 2 ? i - 1 : i] } });
    }
    const again = await write('b3');
    expect(again).toMatchObject({ status: 201, replayed: false, body: { n: (numbers[3] as number) + 1 } });
  });
});
