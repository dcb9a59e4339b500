import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { TagEngine } from '../src/engine/engine.js';
import { KeyOrder } from '../src/export/key-order.js';
import { SnapshotAside } from '../src/export/snapshot-aside.js';
import { snapshotRows, writeExport } from '../src/export/write-export.js';
import { tagKey, type TagAssignment, type TagEvent } from '../src/model/assignment.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { at, row } from './rows.js';

/** A full build with the snapshot export written on its worker (`1`) or in this thread (`0`). */
async function build(dir: string, name: string, worker: '0' | '1', inputs: string[], out = join(dir, name, 'out')) {
  const saved = process.env.CK_TAGS_EXPORT_WORKER;
  process.env.CK_TAGS_EXPORT_WORKER = worker;
  try {
    const lines: string[] = [];
    const errors: string[] = [];
    const state = join(dir, name, 'state');
    const code = await runCli(['build', '--full', ...inputs.flatMap((f) => ['--input', f]), '--as-of', at(8), '--state', state, '--out', out, '--quiet'], {
      out: (s) => lines.push(s),
      err: (s) => errors.push(s),
    });
    const written: Record<string, string> = {};
    for (const sub of ['out', 'state/events', 'state/reports']) {
      for (const f of await readdir(join(dir, name, sub), { recursive: true }).catch(() => [] as string[])) {
        const text = await readFile(join(dir, name, sub, f), 'utf8').catch(() => null);
        if (text !== null) written[`${sub}/${f}`] = text;
      }
    }
    return { code, out: lines.join('\n').replaceAll(join(dir, name), '<out>'), err: errors.join('\n'), written, state };
  } finally {
    if (saved === undefined) delete process.env.CK_TAGS_EXPORT_WORKER;
    else process.env.CK_TAGS_EXPORT_WORKER = saved;
  }
}

const assignment = (customerId: string, code: string): TagAssignment => ({
  key: tagKey(customerId, code),
  customerId,
  code,
  status: 'active',
  validFrom: at(0),
  validUntil: null,
  evidence: ['CK20260601-000001'],
  version: `${code}@1`,
  lastEvaluatedAt: at(8),
});

describe('KeyOrder', () => {
  it('puts assignments in evaluation order (customer id, then code) into key order, also where one customer id is a prefix of another', () => {
    // "-", "0" and "A" sort before "|", "~" after it: C1's keys go after C1-x's, C10's and C1A's, before C1~'s.
    const ids = ['C1', 'C1-A', 'C1-', 'C10', 'C1A', 'C1~', 'C', 'C2', 'C1-A-B', 'D', 'C1--'];
    const codes = ['priority_group', 'repeat_complainer', 'churn_risk:high'];
    for (let seed = 1; seed <= 20; seed++) {
      let x = seed;
      const rand = () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x / 2147483648;
      };
      const all = ids.flatMap((id) => codes.filter(() => rand() < 0.6).map((code) => assignment(id, code)));
      const byEvaluation = [...all].sort((a, b) => (a.customerId !== b.customerId ? (a.customerId < b.customerId ? -1 : 1) : a.code < b.code ? -1 : 1));
      const order = new KeyOrder();
      const got = [...byEvaluation.flatMap((a) => order.push(a)), ...order.end()].map((a) => a.key);
      expect(got).toEqual(all.map((a) => a.key).sort());
    }
  });
});

describe('the snapshot export written on a worker while the customers are evaluated', () => {
  it('gives the same exports, event log and report as the snapshot written in this thread, in key order where customer ids are prefixes of others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-snap-aside-'));
    const rows = ['C1', 'C1-A', 'C10', 'C1A', 'C2'].flatMap((c, i) => [
      row(0, c),
      row(1, c),
      row(2, c, { severity: 'major' }),
      row(3, c, i % 2 ? { priorityGroups: [{ group: 'elderly', basis: 'verified' }] } : {}),
    ]);
    const file = join(dir, 'all.ndjson');
    await writeFile(file, [...rows, row(1, null)].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const [aside, thread] = [await build(dir, 'aside', '1', [file]), await build(dir, 'thread', '0', [file])];
    expect(aside.code, aside.err).toBe(0);
    expect(Object.keys(aside.written).length).toBeGreaterThan(4);
    expect(aside.written).toEqual(thread.written);
    expect(aside.out).toBe(thread.out);
    const csv = Object.entries(aside.written).find(([f]) => f.endsWith('tags.csv'))![1];
    const customers = csv.split('\r\n').slice(1, -1).map((l) => l.split(',')[1]);
    // Key order ("C1|…" after "C1-A|…", "C10|…" and "C1A|…"), not the customers' order by id.
    expect([...new Set(customers)]).toEqual(['C1-A', 'C10', 'C1A', 'C1', 'C2']);
  });

  it('a snapshot the worker cannot write stops the build with its reason: no state, no event log, nothing staged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-snap-aside-'));
    const file = join(dir, 'all.ndjson');
    await writeFile(file, [row(0, 'C1'), row(1, 'C1'), row(2, 'C1')].map((r) => JSON.stringify(r)).join('\n') + '\n');
    // The export folder is a file: the worker cannot make it.
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'not a folder');
    const failed = await build(dir, 'failed', '1', [file], blocked);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/writing the snapshot export failed: .*(EEXIST|ENOTDIR)/);
    expect(existsSync(join(failed.state, 'tags-state.sqlite'))).toBe(false);
    expect(failed.written).toEqual({});
    expect((await readdir(failed.state)).filter((f) => f !== 'events')).toEqual([]);
  });

  it('bad input stops the build before the worker writes anything: no export folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-snap-aside-'));
    const file = join(dir, 'bad.ndjson');
    await writeFile(file, [row(0, 'C1'), row(1, 'C1'), { ...row(2, 'C1'), businessCategory: 'B77' }].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const bad = await build(dir, 'bad', '1', [file]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.ndjson:3 field "businessCategory"/);
    expect(existsSync(join(dir, 'bad', 'out'))).toBe(false);
    expect(bad.written).toEqual({});
  });

  it('takes every event of a full build (none declined) and writes the files writeExport writes from the engine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-snap-aside-'));
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const aside = SnapshotAside.start('snapshot-x', { dir: join(dir, 'aside'), formats: ['csv', 'ndjson'], ruleSetVersion: 'v1' }, new Date(at(8)).toISOString())!;
    const rows = ['C2', 'C1', 'C1-A'].flatMap((c) => [row(0, c), row(1, c), row(2, c, { severity: 'major' })]);
    await engine.run(rows, { asOf: at(8), onEvent: (e) => aside.add(e) });
    expect(engine.seq).toBeGreaterThan(3);
    expect(aside.declined).toBe(false);
    const done = await aside.finish({ from: 0, to: engine.seq });
    const here = await writeExport('snapshot-x', 'snapshot', snapshotRows(engine.assignments()), {
      dir: join(dir, 'thread'),
      formats: ['csv', 'ndjson'],
      ruleSetVersion: 'v1',
      timeRange: { from: null, to: new Date(at(8)).toISOString() },
      watermark: { from: 0, to: engine.seq },
    });
    expect(done.manifest).toEqual(here.manifest);
    for (const f of ['tags.csv', 'tags.ndjson', 'manifest.json']) expect(await readFile(join(done.path, f), 'utf8')).toBe(await readFile(join(here.path, f), 'utf8'));
  });

  it('declines anything but a full build\'s assignments, and an abort leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-snap-aside-'));
    const aside = SnapshotAside.start('snapshot-x', { dir, ruleSetVersion: 'v1' }, at(8))!;
    const a = assignment('C1', 'repeat_complainer');
    const event = (type: TagEvent['type'], wasActive: boolean): TagEvent => ({ seq: 1, runId: 'r', at: at(8), type, wasActive, assignment: a });
    expect(aside.add(event('assigned', false))).toBe(true);
    expect(aside.declined).toBe(false);
    expect(aside.add(event('removed', true))).toBe(false);
    expect(aside.declined).toBe(true);
    expect(aside.add(event('assigned', false))).toBe(false);
    await aside.abort();
    expect(await readdir(dir)).toEqual([]);
  });
});
