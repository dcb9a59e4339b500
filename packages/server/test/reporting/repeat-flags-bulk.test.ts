/**
 * The repeat flags stay exact when a live registration runs beside a history import's last batch or
 * a facts rebuild, on PostgreSQL (SQLite has one writer: they cannot overlap). Both rewrite the flags
 * of many customers in one statement whose snapshot does not see a registration that commits after
 * it started, while the registration does not see their uncommitted rows: each interleaving below
 * left a flag different from a recomputation until both took the lock that holds back every write of
 * `complaints` (`lockComplaintWriters`, `store/customer-locks.ts`).
 *
 * Each test holds the bulk write at a row or table lock a transaction of the test's owns, once it
 * is past the point where the live registration could slip between its reads, sends the registration,
 * waits until it has either answered or is waiting too, then lets the bulk write go on.
 */
import type { HistoryRecord } from '@complaintkit/core/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/history/import-history.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';
import { registerFor, storedAndRecomputedFlags } from './repeat-flags-helpers.js';

const DAY = 86_400_000;

describe.each(BACKENDS.filter((b) => b === 'postgres'))('repeat flags beside an import or a facts rebuild (%s)', (backend) => {
  let t: TestServer;
  let store: SqlStore;
  let admin: pg.Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    store = t.server.store as SqlStore;
    admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  const register = (customerId: string, businessCategory: string, receivedAt: number) => registerFor(t, customerId, businessCategory, receivedAt, '并行登记');

  /** Backends of this database waiting for a lock, the test's own transactions aside. */
  const lockWaiters = async () => {
    const { rows } = await admin.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    return rows[0]?.n ?? 0;
  };
  const until = async (done: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await done()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting: ${what}`);
  };

  const flags = () => storedAndRecomputedFlags(store);

  /** Sends `live` while the bulk write waits; answers once both are done (and the holder let go). */
  async function beside(bulk: () => Promise<unknown>, holder: pg.Client, live: () => Promise<string>): Promise<string> {
    const waiting = await lockWaiters();
    const bulkDone = bulk();
    bulkDone.catch(() => {});
    await until(async () => (await lockWaiters()) > waiting, 'the bulk write to wait for the held lock');
    let liveSettled = false;
    const liveDone = live().finally(() => {
      liveSettled = true;
    });
    liveDone.catch(() => {});
    // The registration answers (it did not wait for the bulk write) or waits for it.
    await until(async () => liveSettled || (await lockWaiters()) > waiting + 1, 'the registration to answer or wait');
    await holder.query('commit');
    await bulkDone;
    return liveDone;
  }

  it('an import\'s last batch: a registration of a customer it writes counts the imported complaint, written or not', async () => {
    const now = Date.now();
    // Stored before: another B major class of the customer (in the refreshed range, not a repeat of anything).
    const other = await register('C-bulk-import', 'B01', now - 2 * DAY);
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      // The import's refresh of the customer's flags waits at this row, its snapshot taken.
      await holder.query('begin');
      await holder.query('select id from complaint_facts where id = $1 for update', [other]);
      const record: HistoryRecord = {
        sourceId: `OLD-bulk-${now}`, receivedAt: new Date(now - 3 * DAY).toISOString(), orgId: 'SB-4403',
        intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01', severity: 'normal',
        regionCode: '440300', customerId: 'C-bulk-import',
      };
      // The live registration: a repeat of the imported complaint (same B major class, a day later).
      const live = await beside(
        async () => expect((await importHistory(store, JSON.stringify(record), 'ndjson')).imported).toBe(1),
        holder,
        () => register('C-bulk-import', 'B0302', now - 1 * DAY),
      );
      const { actual, expected } = await flags();
      expect(actual[live]).toBe(1);
      expect(actual).toEqual(expected);
    } finally {
      await holder.end();
    }
  });

  it('a facts rebuild: a registration received before a complaint of its customer makes that one a repeat', async () => {
    const now = Date.now();
    const later = await register('C-bulk-rebuild', 'B0301', now - 1 * DAY);
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      // The rebuild waits here once it has deleted every facts row (before it writes them again).
      await holder.query('begin');
      await holder.query('lock table report_cells in share mode');
      // The live registration, received a day earlier on the same B major class: the stored one becomes a repeat.
      await beside(() => store.rebuildFacts(), holder, () => register('C-bulk-rebuild', 'B0302', now - 2 * DAY));
      const { actual, expected } = await flags();
      expect(actual[later]).toBe(1);
      expect(actual).toEqual(expected);
    } finally {
      await holder.end();
    }
  });
});
