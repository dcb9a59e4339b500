/**
 * History import (docs/guides/measuring-complaint-handling.md, History import): a bad file is
 * refused with line and field and nothing is written; each batch is one transaction (a failure inside
 * a batch leaves none of it); an interrupted import run again ends where one uninterrupted run ends;
 * a repeat is a no-op; and reports over imported history equal reports over the same complaints
 * entered live.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HistoryRecord, HISTORY_COLUMNS } from '@complaintkit/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/history/import-history.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import type { Store } from '../../src/store/store.js';
import { STAFF } from '../helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';
import { ndjson, randomHistory } from './random-history.js';

/** What a store holds, in a form two stores can be compared by. */
async function contents(store: Store) {
  const db = (store as SqlStore).db;
  const complaints = await db.selectFrom('complaints').select(['id', 'document']).orderBy('id').execute();
  const facts = await db.selectFrom('complaint_facts').selectAll().orderBy('id').execute();
  const events = await db.selectFrom('events').select(['seq', 'complaint_id', 'type']).orderBy('seq').execute();
  const sources = await db.selectFrom('import_sources').selectAll().orderBy('source_id').execute();
  return { complaints, facts: facts.map((f) => ({ ...f, received_at: Number(f.received_at) })), events: events.map((e) => ({ ...e, seq: Number(e.seq) })), sources };
}

const csvOf = (records: readonly Record<string, unknown>[], columns: readonly string[] = HISTORY_COLUMNS) =>
  [columns.join(','), ...records.map((r) => columns.map((c) => (r[c] === undefined ? '' : String(r[c]))).join(','))].join('\r\n');

describe.each(BACKENDS)('history import (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { alertEveryMs: 0 });
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses a bad file with each bad line and field, and writes nothing', async () => {
    const before = await contents(t.server.store);
    const good = randomHistory(11, 3);
    const rows: Record<string, unknown>[] = [
      good[0] as HistoryRecord,
      { ...good[1], receivedAt: 'yesterday' }, // line 3: not a date
      { ...good[2], orgId: 'BR-99' }, // line 4: no such organisation
      { ...good[0], sourceId: 'BAD-DECISION', decidedAt: '2020-01-01T00:00:00Z' }, // line 5: decided before it was received
      { ...good[0], sourceId: 'BAD-SCORE', decidedAt: undefined, satisfaction: 9 }, // line 6: score out of range
    ];
    const system = await t.token('system');
    const r = await t.api('POST', '/v1/history/import', { token: system, body: { format: 'csv', data: csvOf(rows) } });
    // 422 with the rows, as the CLI exits 1 (a 200 read as "imported" to a client that checked the status only).
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const rowErrors = (r.body.errors as { line: number; record?: number; path: string; message: string }[]).map(({ line, record, path, message }) => ({ line, record, field: path, message }));
    // Rows counted, not errors (four bad lines, one of them with more than one bad field).
    const counted = rowErrors.length > 4 ? `4 bad rows (${rowErrors.length} errors)` : '4 bad rows';
    expect(r.body).toMatchObject({ code: 'invalid_rows', detail: `${counted} in the file: nothing was imported. Fix them and send the file again.` });
    // Checked on worker threads (the CLI's default), the same errors and nothing written.
    expect((await importHistory(t.server.store, csvOf(rows), 'csv', { threads: 2 })).errors).toEqual(rowErrors);
    expect(await contents(t.server.store)).toEqual(before);
    const lines = rowErrors.map((e) => `${e.line}:${e.field}`);
    expect(lines).toEqual(expect.arrayContaining(['3:receivedAt', '4:orgId', '6:satisfaction']));
    expect(lines.some((l) => l.startsWith('5:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('2:'))).toBe(false);
    expect(await contents(t.server.store)).toEqual(before);

    // A row with three bad fields is one bad row, each of its errors listed with its line and field.
    const threeBad = await t.api('POST', '/v1/history/import', {
      token: system,
      body: { format: 'csv', data: csvOf([good[0] as HistoryRecord, { ...good[1], receivedAt: 'yesterday', intakeChannel: 'pigeon', businessCategory: 'B9999' }]) },
    });
    expect(threeBad.status).toBe(422);
    expect(threeBad.body.detail).toBe('1 bad row (3 errors) in the file: nothing was imported. Fix them and send the file again.');
    expect((threeBad.body.errors as { line: number; path: string }[]).map((e) => `${e.line}:${e.path}`).sort()).toEqual(['3:businessCategory', '3:intakeChannel', '3:receivedAt']);

    // An unknown column is named, not silently dropped.
    const typo = await t.api('POST', '/v1/history/import', { token: system, body: { format: 'csv', data: csvOf([good[0] as HistoryRecord], [...HISTORY_COLUMNS, 'recievedAt']) } });
    expect(typo.status).toBe(422);
    expect(typo.body.errors).toEqual([expect.objectContaining({ line: 1, path: 'recievedAt' })]);

    // A date that does not exist is named whole in the problem (its digits are no phone number to mask).
    const noSuchDay = await t.api('POST', '/v1/history/import', { token: system, body: { format: 'csv', data: csvOf([{ ...good[0], receivedAt: '2025-02-29 10:00' } as HistoryRecord]) } });
    expect(noSuchDay.body.errors).toEqual([{ line: 2, record: 2, path: 'receivedAt', message: 'no such date: 2025-02-29; that month has 28 days' }]);
    expect(await contents(t.server.store)).toEqual(before);
  });

  it('names a bad CSV row by its line and its record (the row a spreadsheet shows) once a quoted cell held line breaks', async () => {
    const good = randomHistory(13, 2);
    // Record 2 spans lines 2 to 4 (a description of three lines), so record 3 is on line 5 and record 4 on line 6.
    const rows: Record<string, unknown>[] = [
      { ...good[0], sourceId: 'MULTI-1', description: '"第一行\n第二行\r\n第三行"' },
      { ...good[1], sourceId: 'MULTI-2', receivedAt: 'yesterday' },
      { ...good[0], sourceId: 'MULTI-1' },
    ];
    const r = await t.api('POST', '/v1/history/import', { token: await t.token('system'), body: { format: 'csv', data: csvOf(rows) } });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      { line: 5, record: 3, path: 'receivedAt', message: expect.any(String) },
      { line: 6, record: 4, path: 'sourceId', message: 'repeats the sourceId of line 2 (record 2)' },
    ]);
    // NDJSON has no records apart from its lines: the line alone.
    const nd = await t.api('POST', '/v1/history/import', { token: await t.token('system'), body: { format: 'ndjson', data: ndjson([{ ...(good[1] as HistoryRecord), receivedAt: 'yesterday' }]) } });
    expect(nd.body.errors).toEqual([{ line: 1, path: 'receivedAt', message: expect.any(String) }]);
  });

  it('imports only into the caller’s subtree, and only for managers, leadership and the system', async () => {
    const record = { ...(randomHistory(12, 1)[0] as HistoryRecord), orgId: 'BR-11' };
    const body = { format: 'ndjson', data: JSON.stringify(record) };
    const outside = await t.api('POST', '/v1/history/import', { token: await t.token('u-br-manager'), body });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([expect.objectContaining({ line: 1, path: 'orgId' })]);
    expect((await t.api('POST', '/v1/history/import', { token: await t.token('u-sb-handler'), body })).status).toBe(403);
    expect((await t.api('POST', '/v1/history/import', { token: await t.token('u-ho-auditor'), body })).status).toBe(403);
    const system = await t.api('POST', '/v1/history/import', { token: await t.token('system'), body });
    expect(system.body).toMatchObject({ imported: 1, errors: [] });
  });

  it('takes times as spreadsheets write them, without an offset, as bank time (UTC+8)', async () => {
    const TIMES = ['receivedAt', 'extendedAt', 'extendedAgainAt', 'holdFrom', 'holdTo', 'decidedAt', 'followUpAt', 'reviewRequestedAt', 'reviewDecidedAt', 'closedAt', 'withdrawnAt', 'declinedAt'] as const;
    const bankTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const records = randomHistory(14, 5).map((r, i) => ({ ...r, sourceId: `SHEET-${i}` }));
    const sheet = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, (TIMES as readonly string[]).includes(k) && typeof v === 'string' ? bankTime(v) : v])));
    expect(sheet[0]?.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const r = await t.api('POST', '/v1/history/import', { token: await t.token('system'), body: { format: 'csv', data: csvOf(sheet) } });
    expect(r.body).toMatchObject({ imported: 5, errors: [] });
    const db = (t.server.store as SqlStore).db;
    for (const record of records) {
      const { complaint_id } = await db.selectFrom('import_sources').select('complaint_id').where('source_id', '=', record.sourceId).executeTakeFirstOrThrow();
      const { document } = await db.selectFrom('complaints').select('document').where('id', '=', complaint_id).executeTakeFirstOrThrow();
      const stored = JSON.parse(document);
      // The same instants as the ISO times they were written from (seconds: the sheet has no milliseconds).
      expect(Math.floor(Date.parse(stored.receivedAt) / 1000)).toBe(Math.floor(Date.parse(record.receivedAt) / 1000));
      if (record.decidedAt) expect(Math.floor(Date.parse(stored.decision.notifiedAt) / 1000)).toBe(Math.floor(Date.parse(record.decidedAt) / 1000));
    }
  });

  it('takes a cell that shows nothing (a spreadsheet’s stray U+200B or BOM) as text the old system did not keep', async () => {
    // Requests refuse such text since free text must show something; an old system's export is not a
    // request: the description becomes the import placeholder and the reference is left out.
    const records = randomHistory(15, 2).map((r, i) => ({ ...r, sourceId: `ZW-${i}`, intakeChannel: 'regulator_transfer' as const, regulatorReference: '\u200B', description: i === 0 ? '\u200B' : '\uFEFF \u2060' }));
    const r = await t.api('POST', '/v1/history/import', { token: await t.token('system'), body: { format: 'ndjson', data: ndjson(records) } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ imported: 2, errors: [] });
    const db = (t.server.store as SqlStore).db;
    for (const record of records) {
      const { complaint_id } = await db.selectFrom('import_sources').select('complaint_id').where('source_id', '=', record.sourceId).executeTakeFirstOrThrow();
      const got = await t.api('GET', `/v1/complaints/${complaint_id}`, { token: await t.token('system') });
      expect(got.body.description).toBe('（历史数据导入）');
      expect(got.body.regulatorReference).toBeUndefined();
    }
  });

  it('writes each batch in one transaction: a failure inside a batch leaves none of it', async () => {
    const records = randomHistory(13, 30);
    const store = t.server.store;
    const before = await contents(store);
    let built = 0;
    // A store whose second batch fails half-way through building (as a crash would).
    const failing = {
      listOrganisations: () => store.listOrganisations(),
      reporting: {
        ...store.reporting,
        importHistoryBatch: (batch: readonly HistoryRecord[], build: (r: HistoryRecord) => never) =>
          store.reporting.importHistoryBatch(batch, (r) => {
            if (++built === 15) throw new Error('interrupted');
            return build(r);
          }),
      },
    } as unknown as Store;
    await expect(importHistory(failing, ndjson(records), 'ndjson', { batchSize: 10 })).rejects.toThrow('interrupted');
    const after = await contents(store);
    expect(after.complaints.length - before.complaints.length).toBe(10);
    expect(after.sources.length - before.sources.length).toBe(10);
    expect(after.facts.length).toBe(after.complaints.length);
  });

  it('resumes an interrupted import to the same result as one uninterrupted run, and a repeat changes nothing', async () => {
    const text = ndjson(randomHistory(21, 120));
    const other = await startTestServer(backend, { alertEveryMs: 0 });
    const resumed = await startTestServer(backend, { alertEveryMs: 0 });
    try {
      const once = await importHistory(other.server.store, text, 'ndjson', { batchSize: 25 });
      expect(once).toMatchObject({ read: 120, imported: 120, skipped: 0, batches: 5, errors: [] });
      // Repeat flags are refreshed once, by the last batch, for the whole file: some complaints here
      // are repeats of ones in other batches, so comparing the flags below means something.
      expect((await contents(other.server.store)).facts.filter((f) => f.is_repeat === 1).length).toBeGreaterThan(0);

      const progress: number[] = [];
      // Interrupted while checking on two worker threads, resumed on one: the same result.
      const first = await importHistory(resumed.server.store, text, 'ndjson', { batchSize: 25, maxBatches: 2, threads: 2, onProgress: (done) => progress.push(done) });
      expect(first).toMatchObject({ imported: 50, batches: 2 });
      expect(progress).toEqual([25, 50]);
      const second = await importHistory(resumed.server.store, text, 'ndjson', { batchSize: 25, threads: 1 });
      expect(second).toMatchObject({ imported: 70, skipped: 50, errors: [] });
      expect(await contents(resumed.server.store)).toEqual(await contents(other.server.store));

      const repeat = await importHistory(resumed.server.store, text, 'ndjson', { batchSize: 25 });
      expect(repeat).toMatchObject({ imported: 0, skipped: 120 });
      expect(await contents(resumed.server.store)).toEqual(await contents(other.server.store));
    } finally {
      await other.close();
      await resumed.close();
    }
  }, 120_000);
});

describe('history import: reports over imported history equal reports over the same complaints entered live (sqlite)', () => {
  const DAY = 86_400_000;
  const T0 = Date.parse('2026-03-02T09:00:00+08:00');
  let clock = T0;
  let live: TestServer;
  let imported: TestServer;
  beforeAll(async () => {
    live = await startTestServer('sqlite', { alertEveryMs: 0, now: () => clock });
    imported = await startTestServer('sqlite', { alertEveryMs: 0, now: () => clock });
  }, 60_000);
  afterAll(async () => {
    await live?.close();
    await imported?.close();
  });

  /** A token that outlives the test's two months of simulated time. */
  const tok = (t: TestServer, id: string) => {
    const s = STAFF.find((m) => m.id === id) as (typeof STAFF)[number];
    return t.server.issueToken({ sub: s.id, kind: 'staff', role: s.role, org: s.orgId }, '400d');
  };

  it('gives the same report, trend and heat map', async () => {
    const at = (days: number, hours = 0) => T0 + days * DAY + hours * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const records: HistoryRecord[] = [];
    const act = async (id: string, action: string, role: string, when: number, body: Record<string, unknown> = {}) => {
      clock = when;
      const r = await live.api('POST', `/v1/complaints/${id}/${action}`, { token: await tok(live, role), body });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    const respond = { basis: '（历史数据导入）', remediesOffered: ['review'], notifiedVia: 'phone' };
    const cases: { rec: Omit<HistoryRecord, 'sourceId' | 'receivedAt' | 'orgId'>; received: number; steps: (id: string) => Promise<void>; extra: Partial<HistoryRecord> }[] = [
      {
        // Decided on time, followed up and satisfied, then closed.
        rec: { intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0302', cause: 'C11', regionCode: '440305', customerId: 'C-1' },
        received: at(0),
        steps: async (id) => {
          await act(id, 'accept', 'u-sb-handler', at(0, 1));
          await act(id, 'start', 'u-sb-handler', at(0, 1));
          await act(id, 'respond', 'u-sb-handler', at(5), { ...respond, outcome: 'upheld', notifiedAt: iso(at(5)) });
          await act(id, 'follow-up', 'u-sb-frontline', at(6), { reached: true, satisfaction: 5, decisionAccepted: true });
          await act(id, 'close', 'u-sb-manager', at(7));
        },
        extra: { decidedAt: iso(at(5)), outcome: 'upheld', followUpAt: iso(at(6)), reached: true, satisfaction: 5, decisionAccepted: true, closedAt: iso(at(7)) },
      },
      {
        // Extended once, decided late, a repeat of the first customer's complaint.
        rec: { intakeChannel: 'outlet', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01', regionCode: '440305', customerId: 'C-1' },
        received: at(1),
        steps: async (id) => {
          await act(id, 'accept', 'u-sb-handler', at(1, 1));
          await act(id, 'start', 'u-sb-handler', at(1, 1));
          await act(id, 'extend', 'u-sb-manager', at(11), { reason: '（历史数据导入）', complainantNotifiedAt: iso(at(11)) });
          await act(id, 'respond', 'u-sb-handler', at(40), { ...respond, outcome: 'not_upheld', notifiedAt: iso(at(40)) });
        },
        extra: { extendedAt: iso(at(11)), decidedAt: iso(at(40)), outcome: 'not_upheld' },
      },
      {
        // Put on hold and still open.
        rec: { intakeChannel: 'mobile_app', businessChannel: 'A02', businessCategory: 'B0201', cause: 'C03', regionCode: '440104', customerId: 'C-2' },
        received: at(2),
        steps: async (id) => {
          await act(id, 'accept', 'u-sb-handler', at(2, 1));
          await act(id, 'start', 'u-sb-handler', at(2, 1));
          await act(id, 'hold', 'u-sb-handler', at(4), { reason: '（历史数据导入）' });
        },
        extra: { holdFrom: iso(at(4)) },
      },
    ];
    for (const [i, k] of cases.entries()) {
      clock = k.received;
      const reg = await live.api('POST', '/v1/complaints', {
        token: await tok(live, 'u-sb-frontline'),
        body: { ...k.rec, complainant: { name: '（历史数据导入）', customerId: k.rec.customerId }, description: '（历史数据导入）', handlingOrgId: 'SB-4403' },
      });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      await k.steps(reg.body.id);
      records.push({ sourceId: `LIVE-${i}`, receivedAt: iso(k.received), orgId: 'SB-4403', ...k.rec, ...k.extra } as HistoryRecord);
    }
    clock = at(60);
    const manager = await tok(imported, 'u-br-manager');
    const liveManager = await tok(live, 'u-br-manager');
    const summary = await imported.api('POST', '/v1/history/import', { token: manager, body: { format: 'ndjson', data: ndjson(records) } });
    expect(summary.body).toMatchObject({ imported: 3, errors: [] });

    const queries = [
      '/v1/reports?from=2026-03-01&to=2026-04-30&groupBy=organisation',
      '/v1/reports?from=2026-03-01&to=2026-04-30&groupBy=businessCategory&groupBy=cause',
      '/v1/reports/trend?from=2026-03-01&to=2026-04-30&interval=week&metric=timeliness',
      '/v1/reports/heat-map?from=2026-03-01&to=2026-04-30&level=prefecture',
    ];
    for (const q of queries) {
      const a = await live.api('GET', q, { token: liveManager });
      const b = await imported.api('GET', q, { token: manager });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(b.body, q).toEqual(a.body);
    }
    const report = (await imported.api('GET', '/v1/reports?from=2026-03-01&to=2026-04-30', { token: manager })).body;
    expect(report.total.aggregates).toMatchObject({ received: 3, decided: 2, met: 1 });
    expect(report.total.metrics.repeatRate).toBeCloseTo(1 / 3);
  }, 120_000);
});

describe('complaintkit-server import FILE', () => {
  const CLI = join(import.meta.dirname, '../../dist/cli.js');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ck-import-'));
    const { DATABASE_URL: _pg, ...env } = process.env;
    const seeded = spawnSync(process.execPath, [CLI, 'seed', '--data', dir, '--months', '1'], { env, encoding: 'utf8' });
    expect(seeded.status, seeded.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (file: string) => {
    const { DATABASE_URL: _pg, ...env } = process.env;
    return spawnSync(process.execPath, [CLI, 'import', file, '--data', dir, '--batch', '2'], { env, encoding: 'utf8' });
  };

  it('imports with a progress bar and a summary, skips what it imported before, and refuses a bad file naming line and field', async () => {
    const { openStore } = await import('../../src/store/open-store.js');
    const store = await openStore({ dataDir: dir });
    const org = (await store.listOrganisations()).find((o) => o.kind === 'sub_branch');
    await store.close();
    const records = randomHistory(31, 5).map((r) => ({ ...r, orgId: org?.id as string, regionCode: org?.regionCode ?? undefined }));
    const file = join(dir, 'old.csv');
    writeFileSync(file, csvOf(records));
    const first = run(file);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/\[#+\] 5\/5 \(100 %/);
    expect(first.stdout).toMatch(/^Read 5 rows: imported 5, skipped 0 already imported, in 3 batches/);
    // The report totals of the imported days are recomputed by the import, not left to the first report.
    expect(first.stdout).toMatch(/Recomputed the report totals of \d+ days × organisations/);
    const after = await openStore({ dataDir: dir });
    expect(await (after as unknown as { db: import('kysely').Kysely<import('../../src/store/schema.js').Database> }).db.selectFrom('report_dirty').select('day').execute()).toEqual([]);
    await after.close();
    const again = run(file);
    expect(again.stdout).toMatch(/^Read 5 rows: imported 0, skipped 5 already imported/);
    // Nothing was imported, so nothing is said to be recomputed.
    expect(again.stdout).not.toMatch(/Recomputed/);
    // A run killed while recomputing left its days waiting: running it again recomputes them (quietly), though it imports nothing.
    const killed = await openStore({ dataDir: dir });
    const killedDb = (killed as unknown as { db: import('kysely').Kysely<import('../../src/store/schema.js').Database> }).db;
    const cell = await killedDb.selectFrom('report_cells').select(['day', 'org_path']).limit(1).executeTakeFirstOrThrow();
    await killedDb.insertInto('report_dirty').values({ day: cell.day, org_path: cell.org_path }).execute();
    await killed.close();
    const resumed = run(file);
    expect(resumed.stdout).toMatch(/imported 0, skipped 5 already imported/);
    const waiting = await openStore({ dataDir: dir });
    expect(await (waiting as unknown as { db: import('kysely').Kysely<import('../../src/store/schema.js').Database> }).db.selectFrom('report_dirty').select('day').execute()).toEqual([]);
    await waiting.close();

    const bad = join(dir, 'bad.csv');
    // The first record's description holds two line breaks (lines 2 to 4): the second is on line 5, record 3.
    writeFileSync(bad, csvOf([{ ...records[0], sourceId: 'NEW-1', description: '"第一行\n第二行\n第三行"' }, { ...records[1], sourceId: 'NEW-2', intakeChannel: 'pigeon', receivedAt: 'yesterday' }]));
    const refused = run(bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 5 (record 3), intakeChannel:');
    expect(refused.stderr).toContain('line 5 (record 3), receivedAt:');
    // One row with two bad fields is one bad row.
    expect(refused.stderr).toContain(`1 bad row (2 errors) in ${bad}: nothing imported.`);
    expect(refused.stderr).toContain('nothing imported');
    expect(run(file).stdout).toMatch(/imported 0, skipped 5/);
  }, 120_000);

  it('reads a file saved in GB18030 with --encoding, and refuses it as UTF-8 rather than import garbled words', async () => {
    const { openStore } = await import('../../src/store/open-store.js');
    const store = await openStore({ dataDir: dir });
    const org = (await store.listOrganisations()).find((o) => o.kind === 'sub_branch');
    await store.close();
    const description = '信用卡年费未经告知被扣收，要求退还';
    const records = randomHistory(32, 2).map((r, i) => ({ ...r, sourceId: `GBK-${i}`, description, orgId: org?.id as string, regionCode: org?.regionCode ?? undefined }));
    const text = csvOf(records);
    // GB18030 bytes, as Excel on a Chinese Windows saves a CSV (encoded here with iconv, which ships with Debian).
    const gbk = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
    expect(gbk.status).toBe(0);
    const file = join(dir, 'excel.csv');
    writeFileSync(file, gbk.stdout);
    const imported = async () => {
      const s = await openStore({ dataDir: dir });
      const db = (s as unknown as { db: import('kysely').Kysely<import('../../src/store/schema.js').Database> }).db;
      const rows = await db.selectFrom('import_sources').innerJoin('complaints', 'complaints.id', 'import_sources.complaint_id').select('complaints.document').where('source_id', 'like', 'GBK-%').execute();
      await s.close();
      return rows.map((r) => JSON.parse(r.document).description);
    };
    const { DATABASE_URL: _pg, ...env } = process.env;
    const asUtf8 = run(file);
    expect(asUtf8.status).toBe(1);
    expect(asUtf8.stderr).toMatch(/is not utf-8 text \(after line \d+\): nothing was imported\. .*--encoding gb18030/);
    expect(await imported()).toEqual([]);
    const withEncoding = spawnSync(process.execPath, [CLI, 'import', file, '--data', dir, '--encoding', 'gb18030'], { env, encoding: 'utf8' });
    expect(withEncoding.status, withEncoding.stderr).toBe(0);
    expect(await imported()).toEqual([description, description]);
    const unknown = spawnSync(process.execPath, [CLI, 'import', file, '--data', dir, '--encoding', 'klingon'], { env, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--encoding must name a text encoding');
  }, 120_000);
});
