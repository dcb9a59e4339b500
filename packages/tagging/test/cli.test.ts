import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { at, row } from './rows.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('complaintkit-tags', () => {
  it('builds, exports a snapshot, then runs incrementally with a delta, and reconciles it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-cli-'));
    const day1 = join(dir, 'day1.ndjson');
    await writeFile(day1, [row(0, 'C1'), row(1, 'C1'), row(2, 'C1'), row(2, null), row(3, 'C2', { severity: 'major' })].map((r) => JSON.stringify(r)).join('\n'));
    const base = ['--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet'];
    const first = await cli(['build', '--input', day1, '--as-of', at(4), ...base]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/complaints read\s+5/);
    expect(first.out).toMatch(/unmatched\s+1/);
    expect(first.out).toMatch(/repeat_complainer\s+1/);
    const snapshotDir = (await readdir(join(dir, 'out'))).find((d) => d.startsWith('snapshot-'))!;
    expect(snapshotDir).toBe('snapshot-20260605T000000Z');

    const day2 = join(dir, 'day2.csv');
    await writeFile(day2, `id,status,receivedAt,updatedAt,intakeChannel,businessCategory,customerId\nCK20260701-000001,accepted,${at(30)},${at(30)},regulator_transfer,B0201,C2\n`);
    const second = await cli(['build', '--input', day2, '--as-of', at(31), ...base]);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/incremental/);
    const deltaDir = (await readdir(join(dir, 'out'))).find((d) => d.startsWith('delta-'))!;
    const delta = await readFile(join(dir, 'out', deltaDir, 'tags.csv'), 'utf8');
    expect(delta).toMatch(/\r\nupsert,C2\|regulator_referred,C2,regulator_referred,active,/);
    expect(delta).toMatch(/\r\ndelete,C2\|churn_risk:medium,,,,,,,,\r\n/); // a band change: the old band is deleted
    expect(delta).toMatch(/\r\nupsert,C1\|recent_complaint:B0302,.*,CK20260601-\d+,recent_complaint@1,/); // evidence shrank as complaints aged out

    const ok = join(dir, 'ok.csv');
    await writeFile(ok, `sf__Id,sf__Created,tag_key\n1,true,C2|regulator_referred\n`);
    const rec = await cli(['reconcile', '--export', join(dir, 'out', deltaDir), '--success', ok]);
    expect(rec.code).toBe(3);
    expect(rec.out).toMatch(/missing\s+C2\|churn_risk:medium/);
  });

  it('after a full rebuild, --publish deletes from the service the tags that became stale', async () => {
    // A stand-in for the service's POST /v1/customer-tags that keeps what it is sent, as the service does.
    const stored = new Map<string, string>();
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { assignments, deleted } = JSON.parse(body) as { assignments: { customerId: string; code: string; status: string }[]; deleted: { customerId: string; code: string }[] };
        for (const a of assignments) stored.set(`${a.customerId}|${a.code}`, a.status);
        for (const d of deleted) stored.delete(`${d.customerId}|${d.code}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ written: assignments.length, deleted: deleted.length }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = await mkdtemp(join(tmpdir(), 'ck-cli-'));
      const file = join(dir, 'all.ndjson');
      const base = ['--input', file, '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet', '--publish', url];
      await writeFile(file, [row(0, 'C1'), row(1, 'C1'), row(2, 'C1'), row(3, 'C2', { severity: 'major' })].map((r) => JSON.stringify(r)).join('\n'));
      expect((await cli(['build', '--as-of', at(4), ...base])).code).toBe(0);
      expect(stored.get('C1|repeat_complainer')).toBe('active');
      expect(stored.get('C2|sensitive_case')).toBe('active');
      // The history is corrected at the source: C1 complained once, C2's case was not major. A full
      // rebuild no longer assigns those tags, and the service must not keep them.
      await writeFile(file, [row(0, 'C1'), row(3, 'C2')].map((r) => JSON.stringify(r)).join('\n'));
      const rebuilt = await cli(['build', '--full', '--as-of', at(4), ...base]);
      expect(rebuilt.code, rebuilt.err).toBe(0);
      expect(rebuilt.out).toMatch(/stale, deleted\s+2 tags/);
      expect(stored.has('C1|repeat_complainer')).toBe(false);
      expect(stored.has('C2|sensitive_case')).toBe(false);
      expect([...stored.keys()].sort()).toEqual(['C1|churn_risk:medium', 'C1|recent_complaint:B0302', 'C2|churn_risk:medium', 'C2|recent_complaint:B0302']);
    } finally {
      server.close();
    }
  });

  it('stops at bad input with file, line and field, and publishes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-cli-'));
    const bad = join(dir, 'bad.ndjson');
    await writeFile(bad, [row(0, 'C1'), { ...row(1, 'C1'), receivedAt: '2026-13-01T00:00:00Z' }].map((r) => JSON.stringify(r)).join('\n'));
    const r = await cli(['build', '--input', bad, '--state', join(dir, 'state'), '--out', join(dir, 'out'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.ndjson:2 field "receivedAt"/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'state', 'tags-state.sqlite'))).toBe(false);
    expect(await readdir(join(dir, 'state')).catch(() => [])).toEqual([]);
  });

  it('a full build reads on a worker thread, with the same tags, events and errors as without it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-cli-'));
    const [a, b, c] = [row(0, 'C1'), row(1, 'C1'), row(2, 'C1')];
    const old = row(-800, 'C3');
    // Later versions of complaints already read: moved to another customer, merged, unlinked, an older
    // version read after a newer one (ignored), and a complaint first too old to count, then current.
    const day1 = [a, b, c, old, row(1, null), row(2, 'C2', { severity: 'major' })];
    const day2 = [{ ...a, customerId: 'C2', updatedAt: at(3) }, { ...b, updatedAt: at(0) }, { ...b, status: 'merged' as const, updatedAt: at(5) }, { ...c, customerId: null, updatedAt: at(6) }, { ...old, receivedAt: at(3), updatedAt: at(7) }];
    const files = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')];
    await writeFile(files[0]!, day1.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(files[1]!, day2.map((r) => JSON.stringify(r)).join('\n'));
    // On workers: the read and the state written beside the exports; or both in this thread.
    const run = async (worker: boolean, inputs: string[], name = worker ? 'worker' : 'thread', day = 8) => {
      const out = join(dir, name);
      const before = [process.env.CK_TAGS_READ_WORKER, process.env.CK_TAGS_STATE_WORKER];
      process.env.CK_TAGS_READ_WORKER = process.env.CK_TAGS_STATE_WORKER = worker ? '1' : '0';
      try {
        const r = await cli(['build', ...(day === 8 ? ['--full'] : []), ...inputs.flatMap((f) => ['--input', f]), '--as-of', at(day), '--state', join(out, 'state'), '--out', join(out, 'out'), '--quiet']);
        const written: Record<string, string> = {};
        for (const sub of ['out', 'state/events']) {
          for (const f of await readdir(join(out, sub), { recursive: true }).catch(() => [] as string[])) {
            const text = await readFile(join(out, sub, f), 'utf8').catch(() => null);
            if (text !== null) written[`${sub}/${f}`] = text;
          }
        }
        return { ...r, written, state: await readdir(join(out, 'state')).catch(() => [] as string[]) };
      } finally {
        // Unset again what was unset (assigning undefined to process.env stores the text "undefined").
        for (const [i, name] of (['CK_TAGS_READ_WORKER', 'CK_TAGS_STATE_WORKER'] as const).entries()) {
          if (before[i] === undefined) delete process.env[name];
          else process.env[name] = before[i];
        }
      }
    };
    const onWorker = await run(true, files);
    const inThread = await run(false, files);
    expect(onWorker.code, onWorker.err).toBe(0);
    expect(onWorker.out).toMatch(/complaints read\s+11 \(on a worker thread\)/);
    expect(inThread.out).toMatch(/complaints read\s+11\n/);
    expect(onWorker.out.replace(' (on a worker thread)', '')).toBe(inThread.out.replaceAll(join(dir, 'thread'), join(dir, 'worker')));
    expect(Object.keys(onWorker.written).length).toBeGreaterThan(3);
    expect(onWorker.written).toEqual(inThread.written);
    expect(onWorker.out).toMatch(/unmatched\s+2/);
    // C1's complaints moved, merged or unlinked; C3's became current: C2 and C3 are left.
    expect(onWorker.out).toMatch(/customers\s+2 /);
    expect(onWorker.out).toMatch(/recent_complaint:B0302\s+2/);

    // The state written beside the exports is in place (no temporary file left) and reads back the
    // same: the next day's run gives the same delta and events.
    expect(onWorker.state.sort()).toEqual(['events', 'reports', 'tags-state.sqlite']);
    const day3 = join(dir, 'c.ndjson');
    await writeFile(day3, [row(9, 'C2'), { ...old, status: 'merged', updatedAt: at(9) }].map((r) => JSON.stringify(r)).join('\n'));
    const [nextOnWorker, nextInThread] = [await run(true, [day3], 'worker', 10), await run(false, [day3], 'thread', 10)];
    expect(nextOnWorker.code, nextOnWorker.err).toBe(0);
    expect(nextOnWorker.out).toMatch(/incremental/);
    expect(Object.keys(nextOnWorker.written).filter((f) => f.includes('delta-')).length).toBeGreaterThan(1);
    expect(nextOnWorker.written).toEqual(nextInThread.written);

    // A bad line in the second file: its name and line, nothing written.
    await writeFile(files[1]!, [JSON.stringify(row(4, 'C1')), JSON.stringify({ ...row(4, 'C1'), businessCategory: 'B77' })].join('\n'));
    const bad = await run(true, files, 'bad');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/b\.ndjson:2 field "businessCategory"/);
    expect(bad.written).toEqual({});
  });

  it('says what is wrong with the command line', async () => {
    expect(await cli(['build'])).toMatchObject({ code: 2, err: expect.stringMatching(/give --input FILE/) });
    expect(await cli(['build', '--input', 'x.ndjson', '--as-of', 'yesterday'])).toMatchObject({ code: 2, err: expect.stringMatching(/--as-of "yesterday"/) });
    expect(await cli(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command/) });
    expect((await cli(['build', '--input', '/nonexistent.ndjson', '--quiet', '--state', join(tmpdir(), 'ck-none')])).err).toMatch(/nonexistent\.ndjson: the file does not exist/);
  });
});
