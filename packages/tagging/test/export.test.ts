import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TagEngine } from '../src/engine/engine.js';
import { deltaRows, ExportOptionError, snapshotRows, writeExport } from '../src/export/write-export.js';
import type { TagAssignment, TagEvent } from '../src/model/assignment.js';
import { EventLog } from '../src/model/event-log.js';
import { reconcile } from '../src/reconcile/reconcile.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { at, row } from './rows.js';

const tmp = () => mkdtemp(join(tmpdir(), 'ck-export-'));
const opts = (dir: string) => ({ dir, formats: ['csv', 'ndjson'] as const, ruleSetVersion: BUILT_IN_RULES.version, timeRange: { from: null, to: null }, watermark: null });

/** Applies a delta CSV to a CRM table (key → row) the way an upsert/delete import would. */
function applyDelta(table: Map<string, string>, csv: string) {
  const [header, ...lines] = csv.trimEnd().split('\r\n');
  expect(header).toBe('op,tag_key,customer_external_id,tag_code,status,valid_from,valid_until,evidence,rule_version,last_evaluated_at');
  for (const line of lines) {
    const [op, key, ...rest] = line.split(',');
    if (op === 'delete') {
      expect(rest.every((c) => c === '')).toBe(true); // a delete carries only the key
      expect(table.has(key!)).toBe(true);
      table.delete(key!);
    } else table.set(key!, [key, ...rest].slice(0, 4).join(','));
  }
}

describe('CRM export', () => {
  it('three consecutive deltas applied to the CRM give the third snapshot', async () => {
    const dir = await tmp();
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const events: TagEvent[] = [];
    const crm = new Map<string, string>();
    const batches = [
      [row(0, 'C1'), row(1, 'C1'), row(2, 'C1', { intakeChannel: 'regulator_transfer' }), row(3, 'C2', { businessCategory: 'B0201' })],
      [row(40, 'C2', { severity: 'major' }), row(41, 'C3', { status: 'in_progress', decisionDueAt: at(56) })],
      [row(200, 'C3', { businessCategory: 'B04' })],
    ];
    let since = 0;
    for (const [i, batch] of batches.entries()) {
      await engine.run(batch, { asOf: at([5, 60, 201][i]!), onEvent: (e) => events.push(e) });
      const { path, manifest } = await writeExport(`delta-${i}`, 'delta', deltaRows(events, since, engine.seq), {
        ...opts(dir),
        watermark: { from: since, to: engine.seq },
      });
      since = engine.seq;
      applyDelta(crm, await readFile(join(path, 'tags.csv'), 'utf8'));
      const snap = await writeExport(`snapshot-${i}`, 'snapshot', snapshotRows(engine.assignments()), opts(dir));
      const snapCsv = (await readFile(join(snap.path, 'tags.csv'), 'utf8')).trimEnd().split('\r\n').slice(1);
      expect([...crm.values()].sort()).toEqual(snapCsv.map((l) => l.split(',').slice(0, 4).join(',')).sort());
      if (i === 2) expect(manifest.counts.deletes).toBeGreaterThan(0);
    }
    expect(crm.size).toBeGreaterThan(0);
  });

  it('re-running the same delta gives byte-identical files, and leaves no temporary files', async () => {
    const dir = await tmp();
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const events: TagEvent[] = [];
    await engine.run([row(0, 'C1', { severity: 'sensitive' }), row(1, 'C2')], { asOf: at(2), onEvent: (e) => events.push(e) });
    const to = engine.seq;
    const write = async () => {
      const { path } = await writeExport('delta-a', 'delta', deltaRows(events, 0, to), { ...opts(dir), bom: true, watermark: { from: 0, to } });
      return Promise.all(['tags.csv', 'tags.ndjson', 'manifest.json'].map((f) => readFile(join(path, f))));
    };
    const first = await write();
    await engine.run([row(3, 'C4')], { asOf: at(4), onEvent: (e) => events.push(e) }); // later runs don't change an old range
    const second = await write();
    expect(second).toEqual(first);
    expect(first[0]!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await readdir(dir)).toEqual(['delta-a']);
    const manifest = JSON.parse(first[2]!.toString());
    expect(manifest).toMatchObject({ kind: 'delta', ruleSetVersion: 'builtin-1', watermark: { from: 0 }, keyField: 'tag_key' });
    expect(manifest.counts.byTag['sensitive_case']).toEqual({ upserts: 1, deletes: 0 });
    const { createHash } = await import('node:crypto');
    expect(manifest.files[0].sha256).toBe(createHash('sha256').update(first[0]!).digest('hex'));
  });

  it('uses the CRM field names in a stable order', async () => {
    const dir = await tmp();
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    await engine.run([row(0, 'C1')], { asOf: at(1) });
    const { path } = await writeExport('s', 'snapshot', snapshotRows(engine.assignments()), { ...opts(dir), fields: { key: 'CK_Tag_Key__c', customerId: 'Retail_Id__c' } });
    const [header, first] = (await readFile(join(path, 'tags.csv'), 'utf8')).split('\r\n');
    expect(header).toBe('CK_Tag_Key__c,Retail_Id__c,tag_code,status,valid_from,valid_until,evidence,rule_version,last_evaluated_at');
    expect(first).toMatch(/^C1\|churn_risk:medium,C1,churn_risk:medium,active,2026-06-01T00:00:00.000Z,2026-07-01T00:00:00.000Z,CK\d{8}-\d{6},churn_risk@1,2026-06-02T00:00:00.000Z$/);
  });

  it('writes the default field names for fields null, as for fields left out, and refuses a bad name naming the option', async () => {
    const dir = await tmp();
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    await engine.run([row(0, 'C1')], { asOf: at(1) });
    const rows = [...snapshotRows(engine.assignments())];
    const left = await writeExport('left-out', 'snapshot', rows, opts(dir));
    // A JavaScript caller (or JSON options) may say null for "none given".
    const none = await writeExport('null', 'snapshot', rows, { ...opts(dir), fields: null });
    expect(await readFile(join(none.path, 'tags.csv'), 'utf8')).toBe(await readFile(join(left.path, 'tags.csv'), 'utf8'));
    expect(none.manifest.columns).toEqual(left.manifest.columns);
    const refused = writeExport('bad', 'snapshot', rows, { ...opts(dir), fields: { key: 'tag key' } });
    await expect(refused).rejects.toBeInstanceOf(ExportOptionError);
    await expect(refused).rejects.toMatchObject({ option: 'fields.key', message: expect.stringMatching(/option "fields\.key".*nothing was written/) });
    expect((await readdir(dir)).sort()).toEqual(['left-out', 'null']);
  });

  it('never lets a cell be read as a formula by a spreadsheet, and reconciles the guarded keys', async () => {
    const dir = await tmp();
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const hostile = ['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', '\tx', '\rx'];
    await engine.run(hostile.map((id) => row(0, id)), { asOf: at(1) });
    const { path, manifest } = await writeExport('s', 'snapshot', snapshotRows(engine.assignments()), opts(dir));
    const csv = await readFile(join(path, 'tags.csv'), 'utf8');
    const { parse } = await import('csv-parse/sync');
    const cells: string[][] = parse(csv, { from_line: 2 });
    expect(cells).toHaveLength(manifest.counts.rows);
    for (const line of cells) {
      for (const cell of line) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(line[0]).toMatch(/^'/); // the key, and the customer id, start with the guard
      expect(line[1]).toMatch(/^'/);
    }
    // The NDJSON carries the values as they are; a CRM result file with the guarded keys reconciles.
    const ndjson = (await readFile(join(path, 'tags.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(new Set(ndjson.map((r) => r.customer_external_id))).toEqual(new Set(hostile));
    const ok = join(dir, 'ok.csv');
    await writeFile(ok, `tag_key\r\n${cells.map((l) => `"${l[0]!.replace(/"/g, '""')}"`).join('\r\n')}\r\n`);
    const report = await reconcile(path, { success: [ok] });
    expect(report).toMatchObject({ expected: cells.length, landed: cells.length, missing: [], unexpected: [] });
  });

  it('keeps the event log append-only, one file per run, and reads a range back', async () => {
    const dir = await tmp();
    const log = new EventLog(dir);
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    for (const [i, batch] of [[row(0, 'C1')], [row(10, 'C2')]].entries()) {
      const run = await log.begin();
      // The run's temporary file is made at its first event, not before.
      expect((await readdir(log.folder)).filter((f) => f.startsWith('run.tmp-'))).toEqual([]);
      await engine.run(batch, { asOf: at(i * 10 + 1), onEvent: (e) => run.write(e) });
      await run.publish();
    }
    // A run with no events publishes nothing and leaves no file.
    const none = await log.begin();
    await none.publish();
    const discarded = await log.begin();
    await discarded.discard();
    const files = await readdir(join(dir, 'events'));
    expect(files).toHaveLength(2);
    const all: TagEvent[] = [];
    for await (const e of log.read(0)) all.push(e);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const later: TagEvent[] = [];
    for await (const e of log.read(all[1]!.seq)) later.push(e);
    expect(later).toEqual(all.slice(2));
  });

  it('reads a log written before 0.2 (each event with its `previous`) into the same deltas', async () => {
    const dir = await tmp();
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const events: TagEvent[] = [];
    const runs = [[row(0, 'C1'), row(1, 'C1'), row(2, 'C1', { intakeChannel: 'regulator_transfer' })], [row(40, 'C1', { severity: 'major' }), row(41, 'C2')], [], [row(200, 'C2')]];
    for (const [i, batch] of runs.entries()) await engine.run(batch, { asOf: at([5, 60, 120, 400][i]!), onEvent: (e) => events.push(e) });
    // The old shape: no `wasActive`; `previous` is the key's assignment before, or null.
    const before = new Map<string, TagAssignment>();
    const old = events.map(({ wasActive: _, ...e }) => {
      const previous = before.get(e.assignment.key) ?? null;
      if (e.assignment.status === 'active') before.set(e.assignment.key, e.assignment);
      else before.delete(e.assignment.key);
      return { ...e, previous };
    });
    expect(old.filter((e) => e.type === 'assigned' && e.previous !== null).length).toBeGreaterThan(0);
    const log = new EventLog(dir);
    await mkdir(log.folder, { recursive: true });
    const pad = (n: number) => String(n).padStart(12, '0');
    await writeFile(join(log.folder, `${pad(1)}-${pad(engine.seq)}.ndjson`), old.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const read: TagEvent[] = [];
    for await (const e of log.read(0)) read.push(e);
    expect(read.map((e) => e.wasActive)).toEqual(events.map((e) => e.wasActive));
    for (let since = 0; since < engine.seq; since++) expect(deltaRows(read, since, engine.seq)).toEqual(deltaRows(events, since, engine.seq));
  });
});

describe('reconcile', () => {
  it('matches result files by key, whatever their order, and reports what did not land', async () => {
    const dir = await tmp();
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    await engine.run([row(0, 'C1'), row(0, 'C2'), row(0, 'C3')], { asOf: at(1) });
    const { path } = await writeExport('s', 'snapshot', snapshotRows(engine.assignments()), opts(dir));
    const keys = [...engine.assignments()].map((a) => a.key);
    // One record per customer (churn_risk:medium), plus recent_complaint:B0302 each: six keys.
    expect(keys).toHaveLength(6);
    const ok = join(dir, 'ok.csv');
    const bad = join(dir, 'bad.csv');
    await writeFile(ok, `sf__Id,sf__Created,tag_key\r\na1,true,${keys[3]}\r\na2,true,${keys[0]}\r\na3,true,"${keys[2]}"\r\n`);
    await writeFile(bad, `sf__Id,sf__Error,tag_key\r\n,REQUIRED_FIELD_MISSING,${keys[1]}\r\n,DUPLICATE_VALUE,C9|vip\r\n`);
    const report = await reconcile(path, { success: [ok], failed: [bad] });
    expect(report).toEqual({
      exportId: 's',
      expected: 6,
      landed: 3,
      failed: [{ key: keys[1], error: 'REQUIRED_FIELD_MISSING' }],
      missing: [keys[4], keys[5]],
      notLanded: [keys[1], keys[4], keys[5]],
      unexpected: ['C9|vip'],
    });
  });
});
