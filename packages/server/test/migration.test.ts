/**
 * A database made by the previous schema (0001–0003, documents in the old record shape, as the
 * service wrote them before the record of docs/domain/metrics.md) upgrades to the current one with no
 * data lost: every document still parses, every fact is where reports and tags read it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Complaint as ComplaintSchema } from '@complaintkit/core/domain';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/connect.js';
import { SqlStore } from '../src/store/sql-store.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { UNUSED_COMPLAINT_INDEXES } from '../src/store/migrations/0018_unused_indexes.js';
import { UNREAD_FACT_INDEXES } from '../src/store/migrations/0022_unread_fact_indexes.js';
import { REDUNDANT_PG_INDEXES } from '../src/store/migrations/0026_pg_redundant_indexes.js';
import { UNREAD_PATH_INDEXES } from '../src/store/migrations/0027b_sqlite_unread_path_indexes.js';
import { NULL_FREE_INDEXES } from '../src/store/migrations/0027c_sqlite_indexes_without_nulls.js';
import type { Database } from '../src/store/schema.js';
import { decodeHandling } from '../src/store/reports/handling-quantiles.js';
import { ORGS } from './helpers/fixture-bank.js';
import { BACKENDS, freshDatabase } from './helpers/harness.js';

const staff = (id: string, role: string, orgId: string) => ({ kind: 'staff', id, role, orgId });
const handler = staff('u-sb-handler', 'handler', 'SB-4403');
const customer = { kind: 'customer', id: 'C-1001' };
const ev = (seq: number, type: string, at: string, actor: object, fromStatus: string | null, toStatus: string, data: object = {}, reason: string | null = null) => ({
  seq, type, at, actor, fromStatus, toStatus, reason, data,
});
const decisionBody = { outcome: 'partly_upheld', remedy: '退还年费', amount: 200, basis: '《信用卡章程》第十条', remediesOffered: ['review'], notifiedVia: 'phone' };

/** A complaint as the previous schema stored it: registered by the customer, decided, followed up twice, reviewed. */
const OLD_REVIEWED = {
  id: 'CK20250303-000001', version: 9, status: 'responded',
  intakeChannel: 'mobile_app', businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11',
  description: '信用卡年费未经告知被扣收，请联系 13812345678', requestedResolution: '退还年费', attachments: [], severity: 'normal',
  regionCode: null,
  complainant: { name: '张三', phone: '13812345678', idNumber: '440301199001011234', customerId: 'C-1001', priorityGroups: [] },
  handlingOrgId: 'BR-44', firstResponder: customer, assigneeId: null, leaderId: null,
  receivedAt: '2025-03-02T16:30:00.000Z',
  deadlines: { clockStartedAt: '2025-03-02T16:30:00.000Z', decisionDueAt: null, warnAt: null, extensionLevel: 0, paused: false, reviewDueAt: null },
  // The old record kept only the latest decision: the review's, written over the original.
  decision: { ...decisionBody, outcome: 'upheld', notifiedAt: '2025-03-25T10:00:00.000Z', respondedAt: '2025-03-25T11:00:00.000Z' },
  satisfaction: { reached: true, score: 2, decisionAccepted: false, at: '2025-03-12T02:00:00.000Z' },
  repeatOf: null, mergedInto: null,
  createdAt: '2025-03-02T16:30:00.000Z', updatedAt: '2025-03-25T11:00:00.000Z',
  timeline: [
    ev(1, 'register', '2025-03-02T16:30:00.000Z', customer, null, 'registered', { intakeChannel: 'mobile_app', handlingOrgId: 'SB-4403' }),
    ev(2, 'accept', '2025-03-03T01:00:00.000Z', handler, 'registered', 'accepted'),
    ev(3, 'start', '2025-03-03T02:00:00.000Z', handler, 'accepted', 'in_progress'),
    ev(4, 'respond', '2025-03-10T02:00:00.000Z', handler, 'in_progress', 'responded', { ...decisionBody, notifiedAt: '2025-03-10T01:00:00.000Z' }),
    ev(5, 'follow_up', '2025-03-11T02:00:00.000Z', handler, 'responded', 'followed_up', { reached: false }),
    ev(6, 'follow_up', '2025-03-12T02:00:00.000Z', handler, 'followed_up', 'followed_up', { reached: true, satisfaction: 2, decisionAccepted: false, comment: '太慢' }),
    ev(7, 'close', '2025-03-13T02:00:00.000Z', handler, 'followed_up', 'closed'),
    ev(8, 'request_review', '2025-03-14T02:00:00.000Z', customer, 'closed', 'under_review', { reason: '不满意', decidedByOrgId: 'SB-4403', reviewerOrgId: 'BR-44' }, '不满意'),
    ev(9, 'respond', '2025-03-25T11:00:00.000Z', staff('u-br-leader', 'leadership', 'BR-44'), 'under_review', 'responded', { ...decisionBody, outcome: 'upheld', notifiedAt: '2025-03-25T10:00:00.000Z' }),
  ],
};

/** A complaint registered by a credit-card-centre handler, merged into the first. */
const OLD_MERGED = {
  ...OLD_REVIEWED,
  id: 'CK20250304-000002', version: 2, status: 'merged',
  businessChannel: 'A02', regionCode: null,
  complainant: { name: '李四', priorityGroups: [] },
  handlingOrgId: 'CC-CARD', firstResponder: staff('u-cc', 'handler', 'CC-CARD'),
  receivedAt: '2025-03-04T01:00:00.000Z', decision: null, satisfaction: null, mergedInto: 'CK20250303-000001',
  timeline: [
    ev(10, 'register', '2025-03-04T01:00:00.000Z', staff('u-cc', 'handler', 'CC-CARD'), null, 'registered', { intakeChannel: 'hotline', handlingOrgId: 'CC-CARD' }),
    ev(11, 'merge', '2025-03-04T02:00:00.000Z', staff('u-cc', 'handler', 'CC-CARD'), 'registered', 'merged', { intoComplaintId: 'CK20250303-000001', reason: '重复' }, '重复'),
  ],
};

/** Only the migrations before the complaint record's. */
async function migrateToPrevious(db: Kysely<unknown>) {
  const previous: Record<string, Migration> = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0004_complaint_record'));
  expect(Object.keys(previous)).toContain('0003_staff_active');
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => previous } }).migrateToLatest();
  if (error) throw error;
}

async function writeOldData(db: Kysely<unknown>) {
  const paths: Record<string, string> = { HO: '/HO/', 'BR-44': '/HO/BR-44/', 'SB-4403': '/HO/BR-44/SB-4403/', 'OT-440305': '/HO/BR-44/SB-4403/OT-440305/', 'SB-4401': '/HO/BR-44/SB-4401/', 'BR-11': '/HO/BR-11/', 'CC-CARD': '/HO/CC-CARD/' };
  for (const o of ORGS) {
    await sql`insert into organisations (id, parent_id, path, kind, name, region_code) values (${o.id}, ${o.parentId}, ${paths[o.id]}, ${o.kind}, ${o.name}, ${o.regionCode})`.execute(db);
  }
  let row = 0;
  for (const c of [OLD_REVIEWED, OLD_MERGED]) {
    const path = paths[c.handlingOrgId] as string;
    await sql`insert into complaints (id, row_seq, status, version, handling_org_id, handling_org_path, first_org_path, customer_id, assignee_id,
      business_category, business_channel, intake_channel, cause, severity, region_code, received_at, due_at, warn_at, search_text, document, updated_at)
      values (${c.id}, ${++row}, ${c.status}, ${c.version}, ${c.handlingOrgId}, ${path}, ${null}, ${(c.complainant as { customerId?: string }).customerId ?? null}, ${null},
      ${c.businessCategory}, ${c.businessChannel}, ${c.intakeChannel}, ${c.cause}, ${c.severity}, ${null}, ${Date.parse(c.receivedAt)}, ${null}, ${null},
      ${c.id.toLowerCase()}, ${JSON.stringify(c)}, ${Date.parse(c.updatedAt)})`.execute(db);
    for (const e of c.timeline) {
      await sql`insert into events (seq, complaint_id, at, type, handling_org_path, first_org_path, customer_id, event, snapshot)
        values (${e.seq}, ${c.id}, ${Date.parse(e.at)}, ${e.type}, ${path}, ${null}, ${(c.complainant as { customerId?: string }).customerId ?? null}, ${JSON.stringify(e)}, ${e.seq === 9 ? JSON.stringify(c) : null})`.execute(db);
    }
  }
  // The counters as the service left them, and the idempotency record of the merged one's creation.
  for (const [name, value] of [['event_seq', 11], ['complaint_no', 2], ['complaint_row', 2]] as const) {
    await sql`update counters set value = ${value} where name = ${name}`.execute(db);
  }
  await sql`insert into idempotency (scope, key, request_hash, status_code, response, created_at)
    values ('staff:u-cc:handler:CC-CARD', 'k-old-create', 'h-old', 201, ${JSON.stringify(OLD_MERGED)}, ${Date.parse(OLD_MERGED.receivedAt)})`.execute(db);
  // And the record of the reviewed one's last step (its answer: the complaint after that step).
  await sql`insert into idempotency (scope, key, request_hash, status_code, response, created_at)
    values ('staff:u-h:handler:SB-4403', 'k-old-step', 'h-old-step', 200, ${JSON.stringify(OLD_REVIEWED)}, ${Date.parse(OLD_REVIEWED.updatedAt)})`.execute(db);
}

describe.each(BACKENDS)('migrating a database of the previous schema (%s)', (backend) => {
  let db: Kysely<Database>;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ck-migrate-'));
    db = openDatabase({ dataDir, databaseUrl: backend === 'postgres' ? await freshDatabase() : undefined }).db;
    await migrateToPrevious(db as Kysely<unknown>);
    await writeOldData(db as Kysely<unknown>);
    await migrateToLatest(db as Kysely<unknown>);
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const load = async (id: string) => {
    const r = await db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { row: r, c: ComplaintSchema.parse(JSON.parse(r.document)) };
  };

  it('keeps every complaint and event, and every document parses as the current record', async () => {
    expect((await db.selectFrom('complaints').select('id').execute()).map((r) => r.id).sort()).toEqual([OLD_REVIEWED.id, OLD_MERGED.id]);
    expect((await db.selectFrom('events').select('seq').execute()).length).toBe(11);
    const { c } = await load(OLD_REVIEWED.id);
    expect(c.description).toBe(OLD_REVIEWED.description);
    expect(c.timeline).toEqual(OLD_REVIEWED.timeline);
    expect(c.complainant).toMatchObject({ name: '张三', phone: '13812345678', customerId: 'C-1001', identityVerified: true, phoneHash: null });
  });

  it('tells the original decision from the review decision, with the facts statistics read', async () => {
    const { row, c } = await load(OLD_REVIEWED.id);
    expect(c.decision).toMatchObject({
      outcome: 'partly_upheld',
      respondedAt: '2025-03-10T02:00:00.000Z',
      notifiedAt: '2025-03-10T01:00:00.000Z',
      decidingOrgId: 'SB-4403',
      dueAt: '2025-03-18T23:59:59.999+08:00',
      timeliness: 'met',
    });
    expect(c.review).toMatchObject({ decidedByOrgId: 'SB-4403', reviewerOrgId: 'BR-44', decision: { outcome: 'upheld', decidingOrgId: 'BR-44', timeliness: 'met' } });
    expect(row).toMatchObject({ deciding_org_id: 'SB-4403', decided_at: Date.parse('2025-03-10T02:00:00.000Z'), notified_at: Date.parse('2025-03-10T01:00:00.000Z'), timeliness: 'met' });
  });

  it('lists both follow-up attempts, in the document and in follow_ups', async () => {
    const { c } = await load(OLD_REVIEWED.id);
    expect(c.followUps).toEqual([
      { attempt: 1, at: '2025-03-11T02:00:00.000Z', reached: false, score: null, decisionAccepted: null, comment: null },
      { attempt: 2, at: '2025-03-12T02:00:00.000Z', reached: true, score: 2, decisionAccepted: false, comment: '太慢' },
    ]);
    const rows = await db.selectFrom('follow_ups').selectAll().orderBy('attempt').execute();
    expect(rows.map((r) => [r.complaint_id, Number(r.attempt), Number(r.reached), r.score === null ? null : Number(r.score)])).toEqual([
      [OLD_REVIEWED.id, 1, 0, null],
      [OLD_REVIEWED.id, 2, 1, 2],
    ]);
  });

  it('fills who registered, the staff first responder, region, organisation complained about and day of receipt', async () => {
    const { row, c } = await load(OLD_REVIEWED.id);
    expect(c.registeredBy).toEqual(customer);
    expect(c.firstResponder).toEqual(handler);
    // Received 2025-03-02 16:30 UTC = 03-03 00:30 in Beijing; registered at a Shenzhen sub-branch.
    expect(row).toMatchObject({ received_day: '2025-03-03', region_code: '440300', region_scope: 'regional', subject_org_id: 'SB-4403', identity_verified: 1 });
    expect(c).toMatchObject({ receivedDay: '2025-03-03', regionCode: '440300', regionScope: 'regional', subjectOrgId: 'SB-4403', mergedFrom: [OLD_MERGED.id] });
    const merged = await load(OLD_MERGED.id);
    expect(merged.c).toMatchObject({ regionCode: null, regionScope: 'not_regional', mergedInto: OLD_REVIEWED.id, decision: null, followUps: [] });
  });

  it('continues event numbers, complaint numbers and list order after what is stored (0008b: sequences on PostgreSQL)', async () => {
    const store = new SqlStore(db, backend);
    const drawn = await store.mutate(undefined, async (tx) => ({ status: 200, body: [await tx.nextEventSeq(), await tx.nextComplaintNumber()] }));
    expect(drawn.body).toEqual([12, 3]);
  });

  it('keeps the key of a step whose idempotency record is still held on the event it wrote, and only there (0012)', async () => {
    const last = OLD_REVIEWED.timeline[OLD_REVIEWED.timeline.length - 1] as { seq: number };
    const keyed = await db.selectFrom('events').select(['seq', 'complaint_id', 'step_scope', 'step_key', 'step_hash']).where('step_key', 'is not', null).execute();
    expect(keyed).toEqual([{ seq: last.seq, complaint_id: OLD_REVIEWED.id, step_scope: 'staff:u-h:handler:SB-4403', step_key: 'k-old-step', step_hash: 'h-old-step' }]);
  });

  it('keeps the creating key of a complaint whose idempotency record is still held (0008)', async () => {
    const row = await db.selectFrom('complaints').select(['creation_scope', 'creation_key', 'creation_hash']).where('id', '=', OLD_MERGED.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ creation_scope: 'staff:u-cc:handler:CC-CARD', creation_key: 'k-old-create', creation_hash: 'h-old' });
  });

  it("keeps every idempotency record's answer, and copies a creation's first answer in before its document changes (0027)", async () => {
    const records = await db.selectFrom('idempotency').select(['key', 'response']).orderBy('key').execute();
    expect(records.map((r) => [r.key, JSON.parse(r.response as string).id])).toEqual([['k-old-create', OLD_MERGED.id], ['k-old-step', OLD_REVIEWED.id]]);
    // A record written now may refer to its complaint instead (response null): the trigger fills it in.
    await db.updateTable('idempotency').set({ response: null }).where('key', '=', 'k-old-create').execute();
    const before = await db.selectFrom('complaints').select(['document', 'updated_at']).where('id', '=', OLD_MERGED.id).executeTakeFirstOrThrow();
    const changed = JSON.stringify({ ...JSON.parse(before.document), description: 'changed' });
    const response = async () => (await db.selectFrom('idempotency').select('response').where('key', '=', 'k-old-create').executeTakeFirstOrThrow()).response;
    // A rewrite now (version and updated_at kept), long after the registration: PostgreSQL's trigger
    // fills the record in; SQLite's (0029) writes nothing past the window (the store ignores the record).
    await db.updateTable('complaints').set({ document: changed }).where('id', '=', OLD_MERGED.id).execute();
    expect(await response()).toBe(backend === 'postgres' ? before.document : null);
    await db.updateTable('complaints').set({ document: before.document }).where('id', '=', OLD_MERGED.id).execute();
    await db.updateTable('idempotency').set({ response: null }).where('key', '=', 'k-old-create').execute();
    // A step 12 h after the registration (its updated_at): both fill it in.
    const created = Date.parse(JSON.parse(before.document).createdAt);
    await db.updateTable('complaints').set({ updated_at: created }).where('id', '=', OLD_MERGED.id).execute();
    await db.updateTable('complaints').set({ document: changed, updated_at: created + 12 * 3_600_000 }).where('id', '=', OLD_MERGED.id).execute();
    expect(await response()).toBe(before.document);
    await db.updateTable('complaints').set({ document: before.document, updated_at: before.updated_at }).where('id', '=', OLD_MERGED.id).execute();
  });

  /** The names of a table's indexes, as this backend lists them. */
  const indexesOf = async (table: string): Promise<string[]> => {
    const { rows } =
      backend === 'postgres'
        ? await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table}`.execute(db)
        : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`.execute(db);
    return rows.map((r) => r.name);
  };

  it('drops the complaints indexes no query reads and keeps their columns filled (0018)', async () => {
    const indexes = await indexesOf('complaints');
    for (const col of UNUSED_COMPLAINT_INDEXES) expect(indexes).not.toContain(`complaints_${col}`);
    expect(indexes).toEqual(expect.arrayContaining(['complaints_status', 'complaints_creation_key']));
    const { row } = await load(OLD_REVIEWED.id);
    expect(row).toMatchObject({ subject_org_id: 'SB-4403', received_day: '2025-03-03', deciding_org_id: 'SB-4403' });
    expect(row.decided_at).not.toBeNull();
  });

  it('keeps one index per access path on PostgreSQL, its text_pattern_ops one (0026), and none on SQLite, whose like never reads them (0027b)', async () => {
    const indexes = await indexesOf('complaints');
    if (backend === 'postgres') {
      for (const index of REDUNDANT_PG_INDEXES) expect(indexes).not.toContain(index);
      expect(indexes).toEqual(expect.arrayContaining(['complaints_handling_org_path_prefix', 'complaints_first_org_path_prefix']));
    } else {
      for (const index of UNREAD_PATH_INDEXES) expect(indexes).not.toContain(index);
      // The columns stay, filled: visibility reads them.
      const row = await db.selectFrom('complaints').select(['handling_org_path', 'first_org_path']).where('id', '=', OLD_REVIEWED.id).executeTakeFirstOrThrow();
      expect(row.handling_org_path).toMatch(/^\/HO\//);
    }
  });

  it('keeps only the rows whose column is not null in six SQLite indexes, which the statements reading them still use (0027c)', async () => {
    if (backend === 'postgres') return;
    const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and name in (${sql.join(NULL_FREE_INDEXES.map(([n]) => n))})`.execute(db);
    expect(rows.map((r) => r.name).sort()).toEqual(NULL_FREE_INDEXES.map(([n]) => n).sort());
    for (const [name, , , column] of NULL_FREE_INDEXES) expect(rows.find((r) => r.name === name)?.sql).toMatch(new RegExp(`where "${column}" is not null$`));
    // The key lookup and the decided population's cells read them (EXPLAIN QUERY PLAN).
    const plan = async (q: ReturnType<typeof sql>) => (await sql<{ detail: string }>`explain query plan ${q}`.execute(db)).rows.map((r) => r.detail).join('; ');
    expect(await plan(sql`select id from complaints where creation_scope = ${'s'} and creation_key = ${'k'}`)).toContain('complaints_creation_key');
    expect(await plan(sql`select seq from events where step_scope = ${'s'} and step_key = ${'k'}`)).toContain('events_step_key');
    expect(await plan(sql`select count(*) from complaint_facts where decided_day is not null and decided_day >= ${'2025-01-01'} and decided_day <= ${'2025-12-31'}`)).toContain('complaint_facts_decided_day_org');
    expect(await plan(sql`select 1 from complaint_facts where customer_key = ${'C-1'} and business_major = ${'B03'} and received_at < ${1}`)).toContain('complaint_facts_repeat');
    // Nothing was lost: a customer's complaint is found through its index.
    expect((await db.selectFrom('complaints').select('id').where('customer_id', '=', 'C-1001').execute()).map((r) => r.id)).toContain(OLD_REVIEWED.id);
  });

  it('drops the (day, org_path) index of report_cells on SQLite, which no statement reads there (0024)', async () => {
    const indexes = await indexesOf('report_cells');
    // The dirty cells' lookups keep (org_path, day); PostgreSQL keeps its narrow (day, org_path) too.
    expect(indexes).toContain('report_cells_org_day');
    if (backend === 'postgres') expect(indexes).toContain('report_cells_cell');
    else expect(indexes).not.toContain('report_cells_cell');
  });

  it('drops the SQLite complaint_facts indexes no query reads, keeps the ones reports read (0022)', async () => {
    const indexes = await indexesOf('complaint_facts');
    const kept = ['complaint_facts_received_day_org', 'complaint_facts_repeat', 'complaint_facts_open_due', 'complaint_facts_late_due', 'complaint_facts_stopped_due'];
    expect(indexes).toEqual(expect.arrayContaining(kept));
    // PostgreSQL keeps its own (its planner's choices at scale were not checked).
    if (backend === 'postgres') expect(indexes).toContain('complaint_facts_due_at');
    else for (const index of UNREAD_FACT_INDEXES) expect(indexes).not.toContain(index);
  });

  it('upgrades stored event snapshots too', async () => {
    const e = await db.selectFrom('events').select('snapshot').where('seq', '=', 9).executeTakeFirstOrThrow();
    expect(ComplaintSchema.safeParse(JSON.parse(e.snapshot as string)).success).toBe(true);
  });
});

describe.each(BACKENDS)('0015_report_months, 0020_handling_binary and 0020c_report_roots over daily cells already computed (%s)', (backend) => {
  it('rolls every month of report_cells up into report_months, then stores every handling list binary, values unchanged, nothing else changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-migrate-'));
    const db = openDatabase({ dataDir, databaseUrl: backend === 'postgres' ? await freshDatabase() : undefined }).db;
    try {
      // A database of the schema before them: the handling lists comma-separated text.
      const later = ['0015_report_months', '0020_handling_binary', '0020c_report_roots'];
      const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => !later.includes(name)));
      const { error } = await new Migrator({ db: db as Kysely<unknown>, provider: { getMigrations: async () => before } }).migrateToLatest();
      if (error) throw error;
      const zero = { intake_channel: '', business_channel: '', business_category: '', business_major: '', cause: '', severity: '', province: '', prefecture: '' };
      const sums = { regulator_transfers: 0, repeats: 0, met: 0, met_strict: 0, accepted: 0, reached: 0, reviews: 0, rated: 0, satisfied: 0 };
      const cell = (day: string, org: string, received: number, decided: number, handling: string | null, cause = '') => ({
        dims: cause ? 'cause' : '', pop: decided > 0 ? 'decided' : 'received', day, org_path: org, ...zero, cause, ...sums, received, decided, handling_ms: 0, handling,
      });
      const cells = [
        cell('2026-03-01', '/HO/', 0, 2, '5,7'),
        cell('2026-03-31', '/HO/', 0, 1, '3'),
        cell('2026-04-01', '/HO/', 0, 1, '9'),
        cell('2026-03-02', '/HO/', 4, 0, null),
        cell('2026-03-02', '/HO/BR-44/', 1, 0, null),
        cell('2026-03-01', '/HO/', 0, 2, '5,7', 'C11'),
        cell('2026-04-01', '/HO/', 0, 1, '86400000000', 'C11'),
      ];
      await (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto('report_cells').values(cells).execute();
      await migrateToLatest(db as Kysely<unknown>);
      const list = (h: Uint8Array | null) => (h === null ? null : [...decodeHandling([h])].sort((a, b) => a - b).join(','));
      const days = await db.selectFrom('report_cells').select(['dims', 'day', 'org_path', 'pop', 'handling']).execute();
      const key = (r: { dims: string; org_path: string; pop: string }, period: string) => `${r.dims}|${period}|${r.org_path}|${r.pop}`;
      expect(new Map(days.map((r) => [key(r, r.day), list(r.handling)]))).toEqual(new Map(cells.map((c) => [key(c, c.day), c.handling])));
      const months = await db
        .selectFrom('report_months')
        .select(['pop', 'month', 'org_path', 'received', 'decided', 'handling'])
        .where('dims', '=', '')
        .orderBy('month')
        .orderBy('org_path')
        .orderBy('pop')
        .execute();
      expect(months.map((m) => ({ ...m, received: Number(m.received), decided: Number(m.decided), handling: list(m.handling) }))).toEqual([
        { pop: 'decided', month: '2026-03', org_path: '/HO/', received: 0, decided: 3, handling: '3,5,7' },
        { pop: 'received', month: '2026-03', org_path: '/HO/', received: 4, decided: 0, handling: null },
        { pop: 'received', month: '2026-03', org_path: '/HO/BR-44/', received: 1, decided: 0, handling: null },
        { pop: 'decided', month: '2026-04', org_path: '/HO/', received: 0, decided: 1, handling: '9' },
      ]);
      // 0020c: the months summed per root of the tree (one root here), counting the rows summed.
      const roots = await db.selectFrom('report_roots').select(['pop', 'month', 'org_path', 'received', 'decided', 'members']).where('dims', '=', '').orderBy('month').orderBy('pop').execute();
      expect(roots.map((r) => ({ ...r, received: Number(r.received), decided: Number(r.decided), members: Number(r.members) }))).toEqual([
        { pop: 'decided', month: '2026-03', org_path: '/HO/', received: 0, decided: 3, members: 1 },
        { pop: 'received', month: '2026-03', org_path: '/HO/', received: 5, decided: 0, members: 2 },
        { pop: 'decided', month: '2026-04', org_path: '/HO/', received: 0, decided: 1, members: 1 },
      ]);
      const byCause = await db.selectFrom('report_months').select(['month', 'handling']).where('dims', '=', 'cause').orderBy('month').execute();
      expect(byCause.map((m) => [m.month, list(m.handling)])).toEqual([
        ['2026-03', '5,7'],
        ['2026-04', '86400000000'],
      ]);
    } finally {
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('0025_cells_in_key_order over pre-aggregates already computed (%s)', (backend) => {
  it('keeps every row of report_cells, report_months and report_roots, in their key\'s order: clustered by it on PostgreSQL, without rowid on SQLite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-migrate-'));
    const db = openDatabase({ dataDir, databaseUrl: backend === 'postgres' ? await freshDatabase() : undefined }).db;
    try {
      const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name !== '0025_cells_in_key_order'));
      const { error } = await new Migrator({ db: db as Kysely<unknown>, provider: { getMigrations: async () => before } }).migrateToLatest();
      if (error) throw error;
      // Rows in reverse key order (as a recomputation in hash order may leave them), over two months
      // and two organisations, in each of the three tables.
      const zero = { intake_channel: '', business_channel: '', business_category: '', business_major: '', cause: '', severity: '', province: '', prefecture: '' };
      const sums = { regulator_transfers: 0, repeats: 0, met: 0, met_strict: 0, accepted: 0, reached: 0, reviews: 0, rated: 0, satisfied: 0, handling_ms: 0, decided: 0 };
      const rows = Array.from({ length: 40 }, (_, i) => ({
        dims: i % 4 === 0 ? 'cause' : '',
        pop: 'received',
        day: `2026-0${3 + Math.floor(i / 20)}-${String(1 + (i % 20)).padStart(2, '0')}`,
        org_path: i % 3 === 0 ? '/HO/BR-44/' : '/HO/',
        ...zero,
        cause: i % 4 === 0 ? `C0${i % 7}` : '',
        ...sums,
        received: i + 1,
      })).reverse();
      const w = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await w.insertInto('report_cells').values(rows.map((r) => ({ ...r, handling: null }))).execute();
      const months = new Map(rows.map(({ day, ...r }) => [`${r.dims}|${day.slice(0, 7)}|${r.org_path}|${r.cause}`, { ...r, month: day.slice(0, 7) }]));
      await w.insertInto('report_months').values([...months.values()].map((r) => ({ ...r, handling: null }))).execute();
      await w.insertInto('report_roots').values([...months.values()].filter((r) => r.org_path === '/HO/').map((r) => ({ ...r, members: 1 }))).execute();
      const snapshot = async () => {
        const out: Record<string, string[]> = {};
        for (const table of ['report_cells', 'report_months', 'report_roots'] as const) {
          const all = await w.selectFrom(table).selectAll().execute();
          out[table] = all.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, v === null || typeof v !== 'object' ? (typeof v === 'bigint' ? Number(v) : v) : [...(v as Uint8Array)]]))).sort();
        }
        return out;
      };
      const rowsBefore = await snapshot();
      expect([rowsBefore.report_cells?.length, rowsBefore.report_months?.length]).toEqual([40, months.size]);
      await migrateToLatest(db as Kysely<unknown>);
      expect(await snapshot()).toEqual(rowsBefore);
      if (backend === 'postgres') {
        const { rows } = await sql<{ name: string }>`select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid where i.indisclustered order by 1`.execute(db);
        expect(rows.map((r) => r.name)).toEqual(['report_cells_pk', 'report_months_pk', 'report_roots_pk']);
      } else {
        // The migration does nothing on SQLite because these tables are kept in key order there by
        // being `without rowid` (clustered on their primary key): this fails if one stops being so.
        const { rows } = await sql<{ name: string; wr: number }>`select name, wr from pragma_table_list where name in ('report_cells', 'report_months', 'report_roots') order by name`.execute(db);
        expect(rows).toEqual([
          { name: 'report_cells', wr: 1 },
          { name: 'report_months', wr: 1 },
          { name: 'report_roots', wr: 1 },
        ]);
      }
    } finally {
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
