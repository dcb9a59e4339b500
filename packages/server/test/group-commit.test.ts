import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import type { IdempotentRequest, Store, StoredResult } from '../src/store/store.js';

/**
 * SQLite's group commit: writes submitted in the same turn share one transaction and commit, yet each
 * stands alone: its own error, its own idempotency, its own answer, and no answer before the commit.
 */
describe('writes sharing one SQLite commit', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-group-'));
    store = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const idem = (key: string, requestHash = 'h'): IdempotentRequest => ({ scope: 'staff:test', key, requestHash });

  it('one failing write is rolled back alone: the others commit, and the numbers it drew are not lost', async () => {
    const failure = new Error('refused by a rule');
    // Submitted in one turn of the event loop: one batch.
    const writes = Array.from({ length: 6 }, (_, i) =>
      store.mutate(undefined, async (tx): Promise<StoredResult> => {
        const n = await tx.nextComplaintNumber();
        if (i === 2) throw failure;
        return { status: 201, body: { n } };
      }),
    );
    const settled = await Promise.allSettled(writes);
    expect(settled[2]).toEqual({ status: 'rejected', reason: failure });
    const numbers = settled.filter((s) => s.status === 'fulfilled').map((s) => (s.value.body as { n: number }).n);
    expect(numbers).toHaveLength(5);
    // The failed write's draw was rolled back with it: the five others hold five consecutive numbers.
    const first = numbers[0] as number;
    expect(numbers).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
  });

  it('a key sent twice in one batch runs once; the second is the replay; a reused key with another request is refused alone', async () => {
    let runs = 0;
    const write = (requestHash: string) =>
      store.mutate(idem('same-key', requestHash), async () => {
        runs += 1;
        return { status: 201, body: { run: runs } };
      });
    const [first, second, other] = await Promise.allSettled([write('h'), write('h'), write('another body')]);
    expect(runs).toBe(1);
    expect(first).toMatchObject({ status: 'fulfilled', value: { status: 201, body: { run: 1 }, replayed: false } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { status: 201, body: { run: 1 }, replayed: true } });
    expect(other).toMatchObject({ status: 'rejected', reason: { name: 'IdempotencyKeyReusedError' } });
  });

  it('answers a write only once it is committed: another connection to the file already sees it', async () => {
    const other = await openStore({ dataDir: dir });
    try {
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) => store.mutate(idem(`committed-${i}`), async () => ({ status: 201, body: { i } }))),
      );
      expect(results.every((r) => !r.replayed)).toBe(true);
      for (let i = 0; i < 4; i++) {
        const again = await other.mutate(idem(`committed-${i}`), async () => {
          throw new Error('ran again: the first write was not committed when it was answered');
        });
        expect(again).toMatchObject({ status: 201, body: { i }, replayed: true });
      }
    } finally {
      await other.close();
    }
  });
});
