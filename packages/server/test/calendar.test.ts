/**
 * The service counts deadlines on the public-holiday calendar (docs/domain/clocks.md), end to end over
 * real HTTP: the shipped 2023–2026 notices by default, later years from a calendar file, a bad file
 * refused at start naming the line and field, and a year not covered said in the log, on the complaint
 * and in /readyz.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarFileError } from '../src/calendar/calendar-file.js';
import type { Logger } from '../src/http/logger.js';
import { startServer } from '../src/server.js';
import { migration as m0017 } from '../src/store/migrations/0017_calendar_uncovered.js';
import type { Database } from '../src/store/schema.js';
import type { SqlStore } from '../src/store/sql-store.js';
import { silentLogger } from '../src/http/logger.js';
import { FIXTURE_BANK, registration } from './helpers/fixture-bank.js';
import { BACKENDS, freshDatabase, startTestServer, type TestServer } from './helpers/harness.js';

const endOf = (date: string) => `${date}T23:59:59.999+08:00`;
const dir = mkdtempSync(join(tmpdir(), 'ck-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A made-up 2027 for the test (not the real notice): 01-01..01-04 off, Sat 01-09 worked. */
const FILE_2027 = `{
  "years": [
    {
      "year": 2027,
      "source": "test fixture shaped like 国务院办公厅关于2027年部分节假日安排的通知",
      "holidays": ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"],
      "workdays": ["2027-01-09"]
    }
  ]
}
`;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A logger that keeps what it is told. */
const recording = () => {
  const lines: Record<string, unknown>[] = [];
  const logger: Logger = { info: (e) => lines.push({ level: 'info', ...e }), error: (e) => lines.push({ level: 'error', ...e }) };
  return { lines, logger };
};

const register = async (t: TestServer) => {
  const token = await t.token('u-sb-frontline');
  const res = await t.api('POST', '/v1/complaints', { token, body: registration() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; deadlines: Record<string, unknown> };
};

describe.each(BACKENDS)('deadlines on the holiday calendar, over HTTP (%s)', (backend) => {
  describe('by default: the shipped 2023 to 2026 notices', () => {
    let t: TestServer;
    let now = Date.parse('2025-09-19T10:00:00+08:00');
    const log = recording();
    beforeAll(async () => {
      t = await startTestServer(backend, { now: () => now, logger: log.logger });
    });
    afterAll(() => t?.close());

    it('a complaint received Fri 2025-09-19 is due Thu 10-09 (day 15 is in National Day), not Mon 10-06', async () => {
      const c = await register(t);
      expect(c.deadlines).toMatchObject({ decisionDueAt: endOf('2025-10-09'), calendarCovered: true });
      const read = await t.api('GET', `/v1/complaints/${c.id}`, { token: await t.token('u-sb-handler') });
      expect(read.body.deadlines.decisionDueAt).toBe(endOf('2025-10-09'));
      // On Tue 10-07 it is due soon, not overdue (weekends only would have said overdue since 10-06).
      now = Date.parse('2025-10-07T10:00:00+08:00');
      const token = await t.token('u-sb-handler');
      const overdue = await t.api('GET', '/v1/complaints?overdue=true', { token });
      expect(overdue.body.data.map((i: { id: string }) => i.id)).not.toContain(c.id);
      const soon = await t.api('GET', '/v1/complaints?dueSoon=true', { token });
      expect(soon.body.data.map((i: { id: string }) => i.id)).toContain(c.id);
    });

    it('says at start which years it knows', () => {
      expect(log.lines.find((l) => String(l.msg).startsWith('holiday_calendar'))).toMatchObject({ years: [2023, 2024, 2025, 2026] });
    });
  });

  describe('new facts during handling, over HTTP', () => {
    let t: TestServer;
    let now = Date.parse('2025-12-10T10:00:00+08:00');
    beforeAll(async () => {
      t = await startTestServer(backend, { now: () => now });
    });
    afterAll(() => t?.close());

    it('restart the period: material of 2025-12-17 → day 15 is New Year, due Sun 2026-01-04 (worked)', async () => {
      const c = await register(t);
      const handler = await t.token('u-sb-handler');
      const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });
      for (const step of ['accept', 'start']) {
        expect((await t.api('POST', `/v1/complaints/${c.id}/${step}`, { token: handler, body: {}, headers: key() })).status).toBe(200);
      }
      now = Date.parse('2025-12-18T09:00:00+08:00');
      const res = await t.api('POST', `/v1/complaints/${c.id}/new-facts`, {
        token: handler,
        body: { reason: '客户补充了交易流水', newFactsReceivedAt: '2025-12-17T15:00:00+08:00' },
        headers: key(),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('in_progress');
      expect(res.body.deadlines).toMatchObject({ clockStartedAt: '2025-12-17T15:00:00.000+08:00', decisionDueAt: endOf('2026-01-04'), calendarCovered: true });
      expect(res.body.timeline.at(-1)).toMatchObject({ type: 'new_facts', reason: '客户补充了交易流水' });
      // The customer may not record new facts.
      const refused = await t.api('POST', `/v1/complaints/${c.id}/new-facts`, { token: await t.token('customer:C-1001'), body: { reason: '新材料' }, headers: key() });
      expect(refused.status).toBe(403);
    });
  });

  describe('a deadline in a year no notice covers', () => {
    let t: TestServer;
    const now = Date.parse('2026-12-20T10:00:00+08:00');
    const log = recording();
    beforeAll(async () => {
      t = await startTestServer(backend, { now: () => now, logger: log.logger });
    });
    afterAll(() => t?.close());

    it('is counted with weekends only and flagged on the complaint, in the log and in /readyz', async () => {
      const c = await register(t);
      expect(c.deadlines).toMatchObject({ decisionDueAt: endOf('2027-01-04'), calendarCovered: false });
      expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'holiday_calendar_not_covered', missing: [2027] }));
      const ready = await t.api('GET', '/readyz');
      // 2026 is covered, so the service is ready, and says what is missing.
      expect(ready.status).toBe(200);
      expect(ready.body.checks.calendar).toEqual({ ok: true, critical: false, detail: expect.stringMatching(/known for 2023, 2024, 2025, 2026; deadlines in 2027 are counted with weekends only.*--calendar FILE/) });
    });
  });

  describe('later years from a calendar file', () => {
    let t: TestServer;
    const now = Date.parse('2026-12-20T10:00:00+08:00');
    beforeAll(async () => {
      t = await startTestServer(backend, { now: () => now, calendarFile: file('holidays-2027.json', FILE_2027) });
    });
    afterAll(() => t?.close());

    it('counts with them: day 15 is Mon 2027-01-04, off in the file → Tue 01-05, covered; /readyz lists 2027', async () => {
      const c = await register(t);
      expect(c.deadlines).toMatchObject({ decisionDueAt: endOf('2027-01-05'), calendarCovered: true });
      const ready = await t.api('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.calendar).toEqual({ ok: true, critical: false, detail: 'holidays known for 2023, 2024, 2025, 2026, 2027' });
    });
  });
});

/** The stored `calendar_uncovered` flag of one complaint. */
const flagOf = async (db: Kysely<Database>, id: string) =>
  Number((await db.selectFrom('complaints').select('calendar_uncovered').where('id', '=', id).executeTakeFirstOrThrow()).calendar_uncovered);

describe.each(BACKENDS)('a calendar file loaded later (%s)', (backend) => {
  it('recounts at start the open complaints whose deadlines it did not cover', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-recount-'));
    const databaseUrl = backend === 'postgres' ? await freshDatabase() : undefined;
    const now = () => Date.parse('2026-12-20T10:00:00+08:00');
    const common = { port: 0, dataDir, databaseUrl, jwtSecret: 'test-secret-0123456789abcdef', logger: silentLogger, now };
    try {
      const before = await startServer(common);
      let id: string;
      try {
        await before.store.importDemoBank(FIXTURE_BANK);
        const token = await before.issueToken({ sub: 'u-sb-frontline', kind: 'staff', role: 'frontline', org: 'SB-4403' });
        const res = await fetch(`${before.url}/v1/complaints`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(registration()) });
        const body = await res.json();
        expect(body.deadlines).toMatchObject({ decisionDueAt: endOf('2027-01-04'), calendarCovered: false });
        id = body.id;
        // The start-up recount reads only the flagged rows (0017): the write flagged it, and the
        // migration's backfill finds it again in a database written before the flag existed.
        const db = (before.store as SqlStore).db;
        expect(await flagOf(db, id)).toBe(1);
        await m0017.down?.(db as Kysely<unknown>);
        await m0017.up(db as Kysely<unknown>);
        expect(await flagOf(db, id)).toBe(1);
      } finally {
        await before.close();
      }
      const log = recording();
      const after = await startServer({ ...common, logger: log.logger, calendarFile: file('recount-2027.json', FILE_2027) });
      try {
        const token = await after.issueToken({ sub: 'u-sb-handler', kind: 'staff', role: 'handler', org: 'SB-4403' });
        const read = await fetch(`${after.url}/v1/complaints/${id}`, { headers: { authorization: `Bearer ${token}` } });
        // Day 15 is Mon 2027-01-04, off in the file → Tue 01-05.
        expect((await read.json()).deadlines).toMatchObject({ decisionDueAt: endOf('2027-01-05'), calendarCovered: true });
        expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'deadlines_recounted', complaints: 1 }));
        expect(await flagOf((after.store as SqlStore).db, id)).toBe(0);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('readiness when the current year is not covered (sqlite)', () => {
  // Advisory, not a reason to take the instance out of the load balancer: on 1 January every
  // instance of a bank that has not yet loaded the year would otherwise stop serving at once.
  it('/readyz stays 200, degraded, naming the failing calendar check', async () => {
    const t = await startTestServer('sqlite', { now: () => Date.parse('2027-03-01T10:00:00+08:00') });
    try {
      const ready = await t.api('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.headers.get('retry-after')).toBeNull();
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true } });
      expect(ready.body.checks.calendar).toMatchObject({ ok: false, critical: false });
      expect(ready.body.checks.calendar.detail).toContain('deadlines in 2027 are counted with weekends only');
    } finally {
      await t.close();
    }
  });
});

describe('a bad calendar file is refused at start', () => {
  it('by startServer, naming the file, line and field, before the database is opened', async () => {
    const bad = file('bad.json', FILE_2027.replace('"2027-01-09"', '"2027-01-08"'));
    const dataDir = join(dir, 'never-created');
    const start = startServer({ port: 0, dataDir, calendarFile: bad, jwtSecret: 'test-secret-0123456789abcdef' });
    await expect(start).rejects.toThrow(CalendarFileError);
    await expect(start).rejects.toThrow(`calendar file ${bad}: line 7, years[0].workdays[0]: 2027-01-08 is a weekday`);
  });

  it('a missing file names itself', async () => {
    await expect(startServer({ port: 0, dataDir: join(dir, 'x'), calendarFile: join(dir, 'nope.json') })).rejects.toThrow(/calendar file .*nope\.json cannot be read \(ENOENT\)/);
  });

  it('by the CLI (--calendar and CK_CALENDAR_FILE), exiting 2 before seeding', () => {
    const cli = join(import.meta.dirname, '../dist/cli.js');
    const bad = file('bad-date.json', FILE_2027.replace('"2027-01-04"', '"2027-02-30"'));
    const { DATABASE_URL: _pg, ...env } = process.env;
    const flag = spawnSync(process.execPath, [cli, 'serve', '--data', join(dir, 'cli'), '--port', '0', '--calendar', bad], { env, encoding: 'utf8' });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain(`calendar file ${bad}: line 6, years[0].holidays[3]`);
    expect(flag.stdout).not.toContain('Seeding');
    const viaEnv = spawnSync(process.execPath, [cli, 'serve', '--data', join(dir, 'cli'), '--port', '0'], { env: { ...env, CK_CALENDAR_FILE: bad }, encoding: 'utf8' });
    expect(viaEnv.status).toBe(2);
    expect(viaEnv.stderr).toContain('years[0].holidays[3]');
  });
});
