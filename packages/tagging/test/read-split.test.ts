import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { splitInTwo } from '../src/input/read-digested.js';
import { at, row } from './rows.js';

/** A full build with the read on one worker, on two (the input cut in halves), or in this thread. */
async function build(dir: string, name: string, workers: '0' | '1' | '2', inputs: string[]) {
  const out = join(dir, name);
  const saved = [process.env.CK_TAGS_READ_WORKER, process.env.CK_TAGS_READ_WORKERS];
  process.env.CK_TAGS_READ_WORKER = workers === '0' ? '0' : '1';
  process.env.CK_TAGS_READ_WORKERS = workers === '2' ? '2' : '1';
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
    for (const [i, key] of (['CK_TAGS_READ_WORKER', 'CK_TAGS_READ_WORKERS'] as const).entries()) {
      if (saved[i] === undefined) delete process.env[key];
      else process.env[key] = saved[i];
    }
  }
}

/** The input really is cut in two, `before` all in the first half and `after` all in the second. */
function expectCutBetween(files: string[], before: object[], after: object[]) {
  const halves = splitInTwo(files);
  expect(halves).not.toBeNull();
  const [[head], [tail]] = halves!;
  const text = readFileSync(files[0]!, 'latin1');
  expect(head).toMatchObject({ file: files[0], start: 0 });
  expect(tail).toEqual({ file: files[0], start: head!.end });
  for (const r of before) expect(text.slice(0, head!.end)).toContain(JSON.stringify(r));
  for (const r of after) expect(text.slice(tail!.start)).toContain(JSON.stringify(r));
}

describe('a full build read by two workers, each half of the input', () => {
  it('gives the same tags, events, exports and report as one worker and as this thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const [a, b, c, d] = [row(0, 'C1'), row(1, 'C1'), row(2, 'C1'), row(3, 'C2')];
    const old = row(-800, 'C3');
    const first = [a, b, c, d, old, row(1, null), row(2, 'C2', { severity: 'major' })];
    // Filler rows so that the cut falls between the two groups; later versions in the second half of
    // complaints the first half kept: moved, merged (counted by no rule), an older version read after
    // a newer one (ignored), unlinked, and a complaint too old to count that became current.
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
    expectCutBetween([file], first, second);
    const [two, one, thread] = [await build(dir, 'two', '2', [file]), await build(dir, 'one', '1', [file]), await build(dir, 'thread', '0', [file])];
    expect(two.code, two.err).toBe(0);
    expect(two.out).toMatch(/complaints read\s+37 \(on a worker thread\)/);
    expect(Object.keys(two.written).length).toBeGreaterThan(3);
    expect(two.written).toEqual(one.written);
    expect(two.written).toEqual(thread.written);
    expect(two.out).toBe(one.out);
    // C1's complaints moved, merged or unlinked, C2's second moved out of every window: C2 keeps a,
    // C3's became current.
    expect(two.out).toMatch(/customers\s+2 /);

    // The same rows over two files (the cut between them) and over three (the cut inside the middle one).
    const [f1, f2, f3] = [join(dir, '1.ndjson'), join(dir, '2.ndjson'), join(dir, '3.ndjson')];
    await writeFile(f1, first.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(f2, [...filler, ...filler.map((f) => ({ ...f, updatedAt: at(-850) }))].map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(f3, second.map((r) => JSON.stringify(r)).join('\n'));
    expect(splitInTwo([f1, f2, f3])!.map((half) => half.map((p) => p.file))).toEqual([[f1, f2], [f2, f3]]);
    const [twoFiles, oneFiles] = [await build(dir, 'two-files', '2', [f1, f2, f3]), await build(dir, 'one-files', '1', [f1, f2, f3])];
    expect(twoFiles.code, twoFiles.err).toBe(0);
    expect(twoFiles.written).toEqual(oneFiles.written);
  });

  it('names the first bad line of the input with its line number in the file, whichever half holds it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const good = Array.from({ length: 40 }, (_, i) => JSON.stringify(row(i % 7, `C${i % 5}`)));
    const file = join(dir, 'bad.ndjson');
    // A blank line in the first half still counts; the bad line is in the second half.
    const lines = [...good.slice(0, 10), '', ...good.slice(10), JSON.stringify({ ...row(1, 'C1'), businessCategory: 'B77' }), ...good.slice(0, 3)];
    await writeFile(file, lines.join('\n'));
    const late = await build(dir, 'late', '2', [file]);
    expect(late.code).toBe(1);
    expect(late.err).toMatch(/bad\.ndjson:42 field "businessCategory"/);
    expect(late.written).toEqual({});
    // Bad lines in both halves: the first one is named (the second half's worker finds its own too).
    lines[2] = JSON.stringify({ ...row(1, 'C1'), receivedAt: '2026-13-01T00:00:00Z' });
    await writeFile(file, lines.join('\n'));
    const early = await build(dir, 'early', '2', [file]);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/bad\.ndjson:3 field "receivedAt"/);
    expect(early.written).toEqual({});
  });

  it('a customer id holding a newline leaves the customers of later rows in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const x = row(5, 'C1');
    const first = [row(3, 'C1'), row(4, 'C1'), x];
    const filler = Array.from({ length: 20 }, (_, i) => row(-900 - i, `F${i}`));
    // Both left out by the second half's worker: the first's id once split the customers after it.
    const second = [row(-900, 'N\nL'), { ...x, receivedAt: at(-800), updatedAt: at(1) }];
    const file = join(dir, 'all.ndjson');
    await writeFile(file, [...first, ...filler, ...filler, ...second].map((r) => JSON.stringify(r)).join('\n') + '\n');
    expectCutBetween([file], first, second);
    const [two, one] = [await build(dir, 'two', '2', [file]), await build(dir, 'one', '1', [file])];
    expect(one.code, one.err).toBe(0);
    expect(two.code, two.err).toBe(0);
    expect(Object.keys(two.written).length).toBeGreaterThan(1);
    expect(two.written).toEqual(one.written);
    expect(two.out).toBe(one.out);
  });

  it('an older version of a complaint the first half kept, left out by the second half, is ignored as with one worker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-split-'));
    const a = row(0, 'C1');
    const first = [a, row(1, 'C1'), row(2, 'C1')];
    const filler = Array.from({ length: 20 }, (_, i) => row(-900 - i, `F${i}`));
    // Counted by no rule in its half (received long ago), so a `d` row; older than the kept version.
    const second = [{ ...a, receivedAt: at(-800), updatedAt: at(-1) }];
    const file = join(dir, 'all.ndjson');
    await writeFile(file, [...first, ...filler, ...filler, ...second].map((r) => JSON.stringify(r)).join('\n') + '\n');
    expectCutBetween([file], first, second);
    const [two, one] = [await build(dir, 'two', '2', [file]), await build(dir, 'one', '1', [file])];
    expect(two.code, two.err).toBe(0);
    expect(two.written).toEqual(one.written);
    expect(two.out).toBe(one.out);
    // C1 keeps its three complaints: the older version moved none of them out of the window.
    expect(Object.values(two.written).join('\n')).toContain('C1');
  });
});
