/**
 * The daily pre-aggregates (`report_cells`) equal a plain in-memory recomputation (core's factsOf and
 * markRepeats over the stored complaints, then every aggregate of core's AGGREGATES summed per
 * population, bank day, organisation and dimension set, with the decided cells' handling times) after random writes, on SQLite and PostgreSQL:
 * import batches large (cells listed dirty, recomputed before the next read) and small (recomputed in
 * the write's transaction), then random live actions over HTTP (registrations, decisions, follow-ups,
 * transfers that change the organisation, reopenings, merges, withdrawals), some of which the lifecycle
 * refuses; then an import on top of live complaints of the same customers (their repeat flags change).
 */
import { AGGREGATE_IDS, AGGREGATES, type Complaint, type ComplaintFacts, factsOf, markRepeats, POPULATIONS, type Population } from '@complaintkit/core/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/history/import-history.js';
import { CELL_AGGREGATE_COLUMNS, CELL_DIMENSION_COLUMNS } from '../../src/store/migrations/0010_report_cells.js';
import { CELL_SETS, refreshDirtyCells } from '../../src/store/reports/cells.js';
import { decodeHandling } from '../../src/store/reports/handling-quantiles.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';
import { ndjson, prng, randomHistory } from './random-history.js';

/** The facts field behind each dimension column of `report_cells`. */
const FIELD: Record<(typeof CELL_DIMENSION_COLUMNS)[number], keyof ComplaintFacts> = {
  intake_channel: 'intakeChannel',
  business_channel: 'businessChannel',
  business_category: 'businessCategory',
  business_major: 'businessMajor',
  cause: 'cause',
  severity: 'severity',
  province: 'province',
  prefecture: 'prefecture',
};

/**
 * Every cell row the facts imply, keyed like the table's primary key: its aggregates and its handling
 * times (sorted). `period` maps a bank day to the table's period: the day itself (`report_cells`) or
 * its month (`report_months`).
 */
function recompute(facts: readonly ComplaintFacts[], period: (day: string) => string = (d) => d): Map<string, Record<string, number | string | null>> {
  const out = new Map<string, Record<string, number>>();
  const handling = new Map<string, number[]>();
  for (const f of facts) {
    for (const p of Object.keys(POPULATIONS) as Population[]) {
      const day = POPULATIONS[p].day(f);
      if (day === null) continue;
      for (const set of CELL_SETS) {
        const dims = CELL_DIMENSION_COLUMNS.map((c) => (set.includes(c) ? String(f[FIELD[c]]) : ''));
        const key = [set.join(','), p, period(day), f.orgPath, ...dims].join('|');
        let row = out.get(key);
        if (!row) {
          row = Object.fromEntries(Object.values(CELL_AGGREGATE_COLUMNS).map((c) => [c, 0]));
          out.set(key, row);
        }
        for (const id of AGGREGATE_IDS) {
          const a = AGGREGATES[id];
          if (a.population !== p || !a.test(f)) continue;
          const col = CELL_AGGREGATE_COLUMNS[id] as string;
          row[col] = (row[col] ?? 0) + ('value' in a ? a.value(f) : 1);
        }
        if (p === 'decided' && f.handlingMs !== null) (handling.get(key) ?? handling.set(key, []).get(key))?.push(f.handlingMs);
      }
    }
  }
  return new Map(
    [...out].map(([k, v]) => {
      const times = handling.get(k);
      return [k, { ...v, handling: times ? times.sort((a, b) => a - b).join(',') : null }];
    }),
  );
}

/** A stored (binary) `handling` list in a comparable form (sorted, comma-separated). */
const sortedList = (h: Uint8Array | null): string | null => (h === null ? null : [...decodeHandling([h])].sort((a, b) => a - b).join(','));

describe.each(BACKENDS)('report_cells equal a recomputation after random writes (%s)', (backend) => {
  let t: TestServer;
  let store: SqlStore;
  /** SQLite: the pre-aggregate tables' indexes as the migrations made them (a whole recomputation drops and rebuilds them). */
  const indexes = async () =>
    store.kind === 'sqlite'
      ? (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name like 'report_%' order by name`.execute(store.db)).rows
      : [];
  let migratedIndexes: { name: string; sql: string }[];
  beforeAll(async () => {
    // Writers at once, as many as a busy sub-branch: no rate limit in the way.
    t = await startTestServer(backend, { alertEveryMs: 0, limits: { writes: { perSecond: 1_000, burst: 1_000 } } });
    store = t.server.store as SqlStore;
    migratedIndexes = await indexes();
  }, 60_000);
  afterAll(() => t?.close());

  async function expectExact(when: string) {
    await refreshDirtyCells(store.db, store.kind);
    expect((await store.db.selectFrom('report_dirty').select('day').execute()).length, when).toBe(0);
    expect(await indexes(), `${when}: the indexes of report_cells and report_months`).toEqual(migratedIndexes);
    const rows = await store.db.selectFrom('complaints').select(['document', 'handling_org_path']).execute();
    const facts = rows.map((r) => factsOf(JSON.parse(r.document) as Complaint, { orgPath: r.handling_org_path }, store.facts.clock));
    const marked = store.facts.repeatWindowDays === undefined ? markRepeats(facts) : markRepeats(facts, store.facts.repeatWindowDays);
    const comparable = (r: Record<string, unknown>, period: string) => [
      [r.dims, r.pop, r[period], r.org_path, ...CELL_DIMENSION_COLUMNS.map((c) => r[c])].join('|'),
      { ...Object.fromEntries(Object.values(CELL_AGGREGATE_COLUMNS).map((c) => [c, Number(r[c])])), handling: sortedList(r.handling as Uint8Array | null) },
    ] as const;
    // The daily cells, then the monthly ones (report_months), each against its own recomputation.
    const days = new Map((await store.db.selectFrom('report_cells').selectAll().execute()).map((r) => comparable(r, 'day')));
    const months = new Map((await store.db.selectFrom('report_months').selectAll().execute()).map((r) => comparable(r, 'month')));
    const expectedMonths = recompute(marked, (d) => d.slice(0, 7));
    for (const [name, actual, expected] of [
      ['days', days, recompute(marked)],
      ['months', months, expectedMonths],
    ] as const) {
      expect(actual.size, `${when} (${name})`).toBe(expected.size);
      for (const [k, v] of expected) expect(actual.get(k), `${when} (${name}): ${k}`).toEqual(v);
    }
    // The roots' sums (report_roots): the recomputed months summed per root of the tree (the first
    // segment of org_path), with how many month rows each sums, no handling times.
    const expectedRoots = new Map<string, Record<string, number>>();
    for (const [k, v] of expectedMonths) {
      const parts = k.split('|');
      parts[3] = `/${(parts[3] as string).split('/')[1]}/`;
      const key = parts.join('|');
      const row = expectedRoots.get(key) ?? Object.fromEntries([...Object.values(CELL_AGGREGATE_COLUMNS), 'members'].map((c) => [c, 0]));
      for (const c of Object.values(CELL_AGGREGATE_COLUMNS)) row[c] = (row[c] ?? 0) + Number(v[c]);
      row.members = (row.members ?? 0) + 1;
      expectedRoots.set(key, row);
    }
    const roots = new Map(
      (await store.db.selectFrom('report_roots').selectAll().execute()).map((r) => [
        [r.dims, r.pop, r.month, r.org_path, ...CELL_DIMENSION_COLUMNS.map((c) => r[c])].join('|'),
        Object.fromEntries([...Object.values(CELL_AGGREGATE_COLUMNS), 'members'].map((c) => [c, Number(r[c as keyof typeof r])])),
      ]),
    );
    expect(roots.size, `${when} (roots)`).toBe(expectedRoots.size);
    for (const [k, v] of expectedRoots) expect(roots.get(k), `${when} (roots): ${k}`).toEqual(v);
  }

  it('after import batches large and small, then random live writes, transfers, reopenings and merges', async () => {
    // Large batches: the cells are listed dirty and recomputed before the next read.
    const big = await importHistory(store, ndjson(randomHistory(11, 300)), 'ndjson', { batchSize: 100 });
    expect(big.errors).toEqual([]);
    await expectExact('after large import batches');
    // Small batches over the same customers: recomputed in each batch's transaction, with repeat
    // flags of later complaints changing under earlier imports.
    const small = await importHistory(store, ndjson(randomHistory(12, 40)), 'ndjson', { batchSize: 3 });
    expect(small.errors).toEqual([]);
    await expectExact('after small import batches');
    // A few dirty cells among many are recomputed one by one (many would be recomputed whole):
    // spoil 60 cells, list them dirty, and they come back exact.
    const some = (await store.db.selectFrom('report_cells').select(['day', 'org_path']).distinct().orderBy('day').orderBy('org_path').execute()).filter((_, i) => i % 5 === 0).slice(0, 60);
    expect(some.length).toBe(60);
    for (const c of some) await store.db.updateTable('report_cells').set({ received: 999 }).where('day', '=', c.day).where('org_path', '=', c.org_path).execute();
    await store.db.insertInto('report_dirty').values(some).execute();
    await expectExact('after a few dirty cells');

    const r = prng(99);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const tokens = Object.fromEntries(
      await Promise.all(['u-sb-frontline', 'u-sb-handler', 'u-sb-manager', 'u-gz-handler'].map(async (w) => [w, await t.token(w)] as const)),
    );
    const act = (id: string, action: string, who: string, body: unknown = {}) =>
      t.api('POST', `/v1/complaints/${id}/${action}`, { token: tokens[who] as string, body });
    const notified = () => new Date(Date.now() - 60_000).toISOString();
    // Live actions on imported complaints too: their old cells (days in the past) differ from the new.
    const imported = await store.db.selectFrom('complaints').select('id').where('handling_org_path', 'like', '/HO/BR-44/SB-4403/%').orderBy('id').execute();
    const live: string[] = imported.map((c) => c.id);
    const done: Record<string, number> = {};
    const count = async (action: string, p: Promise<{ status: number }>) => {
      const res = (await p) as { status: number; body: unknown };
      if (res.status === 200) done[action] = (done[action] ?? 0) + 1;
    };
    for (let i = 0; i < 80; i++) {
      const u = r();
      if (u < 0.15) {
        const reg = await t.api('POST', '/v1/complaints', {
          token: tokens['u-sb-handler'] as string,
          body: {
            intakeChannel: pick(['hotline', 'outlet', 'regulator_transfer']), businessChannel: pick(['A0101', 'A02']),
            businessCategory: pick(['B0301', 'B0302', 'B01']), cause: pick(['C01', 'C11']),
            complainant: { name: '李四', customerId: `C-${Math.floor(r() * 15)}` }, description: '借记卡', regionCode: '440305',
          },
        });
        expect(reg.status).toBe(201);
        live.push(reg.body.id);
        await act(reg.body.id, 'accept', 'u-sb-handler');
        continue;
      }
      const id = pick(live);
      const who = pick(['u-sb-handler', 'u-sb-manager', 'u-gz-handler']);
      if (u < 0.4) await count('start', act(id, 'start', who));
      else if (u < 0.55) await count('respond', act(id, 'respond', who, { outcome: pick(['upheld', 'not_upheld']), basis: '合同约定', remediesOffered: ['review'], notifiedVia: 'sms', notifiedAt: notified() }));
      else if (u < 0.65) await count('follow-up', act(id, 'follow-up', 'u-sb-frontline', { reached: true, satisfaction: 1 + Math.floor(r() * 5), decisionAccepted: r() < 0.5 }));
      else if (u < 0.75) await count('transfer', act(id, 'transfer', 'u-sb-manager', { toOrgId: pick(['SB-4401', 'SB-4403']), reason: '属地管理' }));
      else if (u < 0.85) await count('reopen', act(id, 'reopen', 'u-sb-manager', { reason: '补充新证据' }));
      else if (u < 0.92) await count('merge', act(id, 'merge', who, { intoComplaintId: pick(live), reason: '重复投诉' }));
      else await count('close', act(id, 'close', who));
    }
    // The writes that move a complaint's cells happened (the test would prove little otherwise).
    expect(Object.keys(done).sort(), JSON.stringify(done)).toEqual(expect.arrayContaining(['reopen', 'respond', 'transfer']));
    await expectExact('after random live writes');
  }, 180_000);

  it('stays exact under concurrent writers of the same cells (PostgreSQL writers run at once)', async () => {
    const token = await t.token('u-sb-handler');
    const body = (i: number) => ({
      intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: i % 2 ? 'B0301' : 'B0302', cause: 'C01',
      complainant: { name: '王五', customerId: `C-par-${i % 5}` }, description: '并发登记', regionCode: '440305',
    });
    // Every registration lands in today's cell of one sub-branch: the writers meet on the same cells.
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => t.api('POST', '/v1/complaints', { token, body: body(i) })));
    expect(created.map((c) => c.status)).toEqual(Array(24).fill(201));
    // And concurrent steps that move complaints between cells (accepted, then half of them transferred).
    await Promise.all(created.map((c) => t.api('POST', `/v1/complaints/${c.body.id}/accept`, { token, body: {} })));
    const moved = await Promise.all(
      created.slice(0, 12).map((c) => t.api('POST', `/v1/complaints/${c.body.id}/transfer`, { token, body: { toOrgId: 'SB-4401', reason: '属地管理' } })),
    );
    expect(moved.map((m) => m.status)).toEqual(Array(12).fill(200));
    await expectExact('after concurrent writers');
  }, 120_000);

  it('stays exact after an import on top of live complaints of the same customers, whose repeat flags it changes', async () => {
    const token = await t.token('u-sb-handler');
    // A live registration just before the import: its cell is listed dirty (not yet recomputed) while the import runs.
    const reg = await t.api('POST', '/v1/complaints', {
      token,
      body: {
        intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01',
        complainant: { name: '赵六', customerId: 'C-3' }, description: '信用卡', regionCode: '440305',
      },
    });
    expect(reg.status).toBe(201);
    const liveRepeats = async () =>
      (await store.db.selectFrom('complaint_facts').select('id').where('is_repeat', '=', 1).where('id', 'not in', store.db.selectFrom('import_sources').select('complaint_id')).execute()).length;
    const before = await liveRepeats();
    // History of the same customers (C-0 … C-14) over the 28 days before now: earlier complaints on
    // the same B major classes make live complaints repeats. Rows with a step not yet past are left out.
    const now = Date.now();
    const recent = randomHistory(13, 150, now - 28 * 86_400_000, 27).filter((rec) =>
      Object.values(rec).every((v) => typeof v !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(v) || Date.parse(v) < now - 60_000),
    );
    expect(recent.length).toBeGreaterThan(50);
    // And one that surely makes the live registration above a repeat: same customer and B major class, two days before it.
    recent.push({
      sourceId: 'OLD-13-sure', receivedAt: new Date(now - 2 * 86_400_000).toISOString(), orgId: 'SB-4403', intakeChannel: 'hotline',
      businessChannel: 'A0101', businessCategory: 'B0302', cause: 'C01', severity: 'normal', regionCode: '440300', customerId: 'C-3',
    });
    const summary = await importHistory(store, ndjson(recent), 'ndjson', { batchSize: 25 });
    expect(summary.errors).toEqual([]);
    expect(summary.imported).toBe(recent.length);
    // Live complaints became repeats (the test would prove little otherwise).
    expect(await liveRepeats()).toBeGreaterThan(before);
    await expectExact('after an import on top of live complaints');
  }, 120_000);
});
