import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerScript } from '../src/engine/worker-file.js';
import { BATCHES_AHEAD } from '../src/input/digested-rows.js';
import { Reader } from '../src/input/read-digested.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { at, row } from './rows.js';

/** Waits until the reader's queue has not grown for half a second (the worker then waits for credit, or is done). */
async function settled(reader: Reader): Promise<number> {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 100 && still < 5; i++) {
    await new Promise((r) => setTimeout(r, 100));
    still = reader.queued === last ? still + 1 : 0;
    last = reader.queued;
  }
  return last;
}

describe('the worker reading the second half of a split input', () => {
  it('reads at most its bound of batches ahead while none is taken, then the rest as they are taken, every row in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-ahead-'));
    const file = join(dir, 'many.ndjson');
    // About 15 MB: some fifteen batches of a megabyte.
    const rows = Array.from({ length: 60_000 }, (_, i) => row(i % 50, `C${i % 700}`, { businessCategory: 'B0302' }));
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const url = workerScript('read-worker.js')!;
    const data = { parts: [{ file, start: 0 }], dropped: true, asOf: Date.parse(at(60)), rules: BUILT_IN_RULES };

    const unbounded = new Reader(url, data, 1000);
    const all = await settled(unbounded);
    await unbounded.terminate();
    // The input really is more batches than the bound lets through.
    expect(all).toBeGreaterThan(2 + BATCHES_AHEAD + 1);

    const bounded = new Reader(url, data, 2);
    const held = await settled(bounded);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(2 + BATCHES_AHEAD);
    let read = 0;
    for (;;) {
      const m = await bounded.next();
      if (m.kind === 'end') break;
      expect(m.kind).toBe('batch');
      if (m.kind === 'batch') read += m.rows;
      expect(bounded.queued).toBeLessThanOrEqual(2 + BATCHES_AHEAD);
    }
    await bounded.terminate();
    expect(read).toBe(rows.length);
  });
});
