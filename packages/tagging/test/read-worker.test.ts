import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { readWorkerHeapLimitMb } from '../src/input/read-digested.js';
import { at, row } from './rows.js';

/** A full build with the read on its worker, or in this thread. */
async function build(dir: string, name: string, workers: '0' | '1', inputs: string[]) {
  const out = join(dir, name);
  const saved = process.env.CK_TAGS_READ_WORKER;
  process.env.CK_TAGS_READ_WORKER = workers;
  try {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await runCli(['build', '--full', ...inputs.flatMap((f) => ['--input', f]), '--as-of', at(8), '--state', join(out, 'state'), '--out', join(out, 'out'), '--quiet'], {
      out: (s) => lines.push(s),
      err: (s) => errors.push(s),
    });
    const written: Record<string, string> = {};
    for (const sub of ['out', 'state/events', 'state/reports']) {
      for (const f of await readdir(join(out, sub), { recursive: true }).catch(() => [] as string[])) {
        const text = await readFile(join(out, sub, f), 'utf8').catch(() => null);
        if (text !== null) written[`${sub}/${f}`] = text;
      }
    }
    return { code, out: lines.join('\n').replaceAll(out, '<out>'), err: errors.join('\n'), written };
  } finally {
    if (saved === undefined) delete process.env.CK_TAGS_READ_WORKER;
    else process.env.CK_TAGS_READ_WORKER = saved;
  }
}

describe('a full build read on its worker', () => {
  it('gives the same tags, events, exports and report as the read in this thread, with later versions of kept complaints', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const [a, b, c, d] = [row(0, 'C1'), row(1, 'C1'), row(2, 'C1'), row(3, 'C2')];
    const old = row(-800, 'C3');
    const first = [a, b, c, d, old, row(1, null), row(2, 'C2', { severity: 'major' })];
    // Later versions, after filler rows, of complaints kept before: moved, merged (counted by no rule),
    // an older version read after a newer one (ignored), unlinked, and a complaint too old to count
    // that became current.
    const filler = Array.from({ length: 12 }, (_, i) => row(-900 - i, `F${i}`));
    const second = [
      { ...a, customerId: 'C2', updatedAt: at(3) },
      { ...b, updatedAt: at(0) },
      { ...c, status: 'merged' as const, updatedAt: at(5) },
      { ...d, receivedAt: at(-800), updatedAt: at(6) },
      { ...b, customerId: null, updatedAt: at(6) },
      { ...old, receivedAt: at(3), updatedAt: at(7) },
    ];
    const file = join(dir, 'all.ndjson');
    await writeFile(file, [...first, ...filler, ...filler.map((f) => ({ ...f, updatedAt: at(-850) })), ...second].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const [one, thread] = [await build(dir, 'one', '1', [file]), await build(dir, 'thread', '0', [file])];
    expect(one.code, one.err).toBe(0);
    expect(one.out).toMatch(/complaints read\s+37 \(on a worker thread\)/);
    expect(Object.keys(one.written).length).toBeGreaterThan(3);
    expect(one.written).toEqual(thread.written);
    expect(one.out).toBe(thread.out.replace(/(complaints read\s+37)/, '$1 (on a worker thread)'));
    // C1's complaints moved, merged or unlinked, C2's second moved out of every window: C2 keeps a,
    // C3's became current.
    expect(one.out).toMatch(/customers\s+2 /);

    // The same rows over three files.
    const [f1, f2, f3] = [join(dir, '1.ndjson'), join(dir, '2.ndjson'), join(dir, '3.ndjson')];
    await writeFile(f1, first.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(f2, [...filler, ...filler.map((f) => ({ ...f, updatedAt: at(-850) }))].map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(f3, second.map((r) => JSON.stringify(r)).join('\n'));
    const [oneFiles, threadFiles] = [await build(dir, 'one-files', '1', [f1, f2, f3]), await build(dir, 'thread-files', '0', [f1, f2, f3])];
    expect(oneFiles.code, oneFiles.err).toBe(0);
    expect(oneFiles.written).toEqual(threadFiles.written);
  });

  it('names the first bad line of the input with its line number in the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const good = Array.from({ length: 40 }, (_, i) => JSON.stringify(row(i % 7, `C${i % 5}`)));
    const file = join(dir, 'bad.ndjson');
    // A blank line before it still counts.
    const lines = [...good.slice(0, 10), '', ...good.slice(10), JSON.stringify({ ...row(1, 'C1'), businessCategory: 'B77' }), ...good.slice(0, 3)];
    await writeFile(file, lines.join('\n'));
    const late = await build(dir, 'late', '1', [file]);
    expect(late.code).toBe(1);
    expect(late.err).toMatch(/bad\.ndjson:42 field "businessCategory"/);
    expect(late.written).toEqual({});
    // Two bad lines: the first one is named.
    lines[2] = JSON.stringify({ ...row(1, 'C1'), receivedAt: '2026-13-01T00:00:00Z' });
    await writeFile(file, lines.join('\n'));
    const early = await build(dir, 'early', '1', [file]);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/bad\.ndjson:3 field "receivedAt"/);
    expect(early.written).toEqual({});
  });

  it('a customer id holding a newline leaves the customers of later rows in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const x = row(5, 'C1');
    const first = [row(3, 'C1'), row(4, 'C1'), x];
    const filler = Array.from({ length: 20 }, (_, i) => row(-900 - i, `F${i}`));
    const second = [row(-900, 'N\nL'), { ...x, receivedAt: at(-800), updatedAt: at(1) }];
    const file = join(dir, 'all.ndjson');
    await writeFile(file, [...first, ...filler, ...filler, ...second].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const [one, thread] = [await build(dir, 'one', '1', [file]), await build(dir, 'thread', '0', [file])];
    expect(one.code, one.err).toBe(0);
    expect(thread.code, thread.err).toBe(0);
    expect(Object.keys(one.written).length).toBeGreaterThan(1);
    expect(one.written).toEqual(thread.written);
    expect(one.out).toBe(thread.out.replace(/(complaints read\s+\d+)/, '$1 (on a worker thread)'));
  });

  it('an older version of a kept complaint, read after it, is ignored as in this thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const a = row(0, 'C1');
    const first = [a, row(1, 'C1'), row(2, 'C1')];
    const filler = Array.from({ length: 20 }, (_, i) => row(-900 - i, `F${i}`));
    // Counted by no rule (received long ago), older than the kept version.
    const second = [{ ...a, receivedAt: at(-800), updatedAt: at(-1) }];
    const file = join(dir, 'all.ndjson');
    await writeFile(file, [...first, ...filler, ...filler, ...second].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const [one, thread] = [await build(dir, 'one', '1', [file]), await build(dir, 'thread', '0', [file])];
    expect(thread.code, thread.err).toBe(0);
    expect(one.written).toEqual(thread.written);
    expect(one.out).toBe(thread.out.replace(/(complaints read\s+\d+)/, '$1 (on a worker thread)'));
    // C1 keeps its three complaints: the older version moved none of them out of the window.
    expect(Object.values(one.written).join('\n')).toContain('C1');
  });
});

describe("the read worker's heap limit", () => {
  it('grows with the input, from a floor far above what a small input keeps', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-heap-'));
    const small = join(dir, 'small.ndjson');
    const big = join(dir, 'big.ndjson');
    await writeFile(small, 'x'.repeat(1000));
    await writeFile(big, 'x'.repeat(8 * 2 ** 20));
    expect(readWorkerHeapLimitMb([small])).toBe(257);
    // Half a byte of heap per byte of input: 8 MB of file, 4 MB more.
    expect(readWorkerHeapLimitMb([small, big])).toBe(256 + 5);
    // A file whose size cannot be read counts as a gigabyte.
    expect(readWorkerHeapLimitMb([join(dir, 'missing.ndjson')])).toBe(256 + 512);
    // A pipe says 0 bytes whatever flows through it: it counts as a gigabyte too.
    const fifo = join(dir, 'pipe.ndjson');
    execFileSync('mkfifo', [fifo]);
    expect(readWorkerHeapLimitMb([fifo])).toBe(256 + 512);
    // The operator's setting wins; a bad one is refused with what to do.
    expect(readWorkerHeapLimitMb([small], { CK_TAGS_READ_WORKER_HEAP_MB: '900' })).toBe(900);
    expect(() => readWorkerHeapLimitMb([small], { CK_TAGS_READ_WORKER_HEAP_MB: '12x' })).toThrow(/whole number of megabytes.*unset it/);
  });

  it('stops a build that reaches it with an error naming both switches, and publishes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-heap-oom-'));
    const input = join(dir, 'in.ndjson');
    await writeFile(input, `${[row(0, 'C1'), row(1, 'C2')].map((r) => JSON.stringify(r)).join('\n')}\n`);
    const saved = process.env.CK_TAGS_READ_WORKER_HEAP_MB;
    process.env.CK_TAGS_READ_WORKER_HEAP_MB = '1';
    try {
      const r = await build(dir, 'oom', '1', [input]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/read worker ran out of its 1 MB heap.*Nothing was published.*CK_TAGS_READ_WORKER_HEAP_MB=2.*CK_TAGS_READ_WORKER=0/s);
      expect(Object.keys(r.written).filter((f) => f.startsWith('out/'))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.CK_TAGS_READ_WORKER_HEAP_MB;
      else process.env.CK_TAGS_READ_WORKER_HEAP_MB = saved;
    }
  });
});
