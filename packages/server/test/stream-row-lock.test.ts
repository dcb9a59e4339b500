import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream, type SseMessage } from './helpers/sse.js';

/**
 * Issue #11, the suspected PostgreSQL stream gap: a writer draws its event seq, then waits on a row
 * lock before it can commit, while a later writer commits a higher seq. The stream's head (the
 * snapshot-xmin rule of Store.lastEventSeq) must not move past the waiting writer's seq, or a stream
 * would deliver the later event and skip the earlier one for good.
 */
describe.runIf(BACKENDS.includes('postgres'))('a writer waiting on a row lock after drawing its seq (PostgreSQL)', () => {
  let t: TestServer;
  let locker: pg.Client;
  beforeAll(async () => {
    t = await startTestServer('postgres');
    locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await t?.close();
  });

  const waitingOnLocks = async () =>
    Number((await locker.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n);

  it('streams the held writer’s event, before the later one, once it commits; the head waits for it', async () => {
    const handler = await t.token('u-sb-handler');
    const x = await t.api('POST', '/v1/complaints', { token: handler, body: registration({ description: 'row-lock gap X' }) });
    expect(x.status).toBe(201);
    const start = await t.server.store.lastEventSeq();
    const stream = await openEventStream(`${t.url}/v1/events`, await t.token('u-ho-auditor'), { 'Last-Event-ID': String(start) });

    // Another connection holds X's row: the next change of X draws its seq, then waits at its update.
    await locker.query('begin');
    await locker.query('select id from complaints where id = $1 for update', [x.body.id]);
    const held = t.api('POST', `/v1/complaints/${x.body.id}/accept`, { token: handler, body: {} });
    for (let i = 0; (await waitingOnLocks()) === 0; i++) {
      if (i > 200) throw new Error('the accept never waited on the row lock');
      await new Promise((r) => setTimeout(r, 10));
    }
    // A later writer commits a higher seq meanwhile: another customer's complaint (one of X's
    // customer would wait for the held accept, which holds that customer's lock: store/customer-locks.ts).
    const other = { name: '李四', phone: '13912345678', customerId: 'C-1002' };
    const y = await t.api('POST', '/v1/complaints', { token: handler, body: registration({ description: 'row-lock gap Y', complainant: other }) });
    expect(y.status).toBe(201);
    const ySeq = Number((await locker.query('select max(seq)::int as s from events where complaint_id = $1', [y.body.id])).rows[0].s);
    // While the accept is held, the head stays below Y's event (it waits, or answers the last final head).
    const head = await Promise.race([t.server.store.lastEventSeq(), new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 600))]);
    expect(head === 'waiting' || head < ySeq).toBe(true);
    // The feed polls every 50 ms meanwhile: give it time to (wrongly) step over the held seq.
    await new Promise((r) => setTimeout(r, 400));

    await locker.query('commit');
    const accepted = await held;
    expect(accepted.status).toBe(200);
    const committed = (await locker.query('select seq::int as seq, complaint_id from events where seq > $1 order by seq', [start])).rows as { seq: number; complaint_id: string }[];
    expect(committed.map((r) => r.complaint_id)).toEqual([x.body.id, y.body.id]);
    // Had the stream's head passed the held seq, Y's event would come first and X's never.
    const got: SseMessage[] = [await stream.next(15_000), await stream.next(15_000)];
    expect(got.map((m) => Number(m.id))).toEqual(committed.map((r) => r.seq));
    expect(got.map((m) => m.data.complaint.id)).toEqual([x.body.id, y.body.id]);
    stream.close();
  });
  it('answers a stream resumed from a committed id at once, and without a refetch, while a transaction is open elsewhere', async () => {
    const handler = await t.token('u-sb-handler');
    const auditor = await t.token('u-ho-auditor');
    // Another client's stream keeps the feed following the table (a first stream would wait for the
    // open transaction to read the head: a separate, known wait).
    const keeper = await openEventStream(`${t.url}/v1/events`, auditor);
    // A transaction holds an id open (as an import's batch or a stuck session would): the settled
    // head cannot move past it, for up to 10 s.
    await locker.query('begin');
    await locker.query('select pg_current_xact_id()');
    try {
      const x = await t.api('POST', '/v1/complaints', { token: handler, body: registration({ description: 'open-transaction resume' }) });
      expect(x.status).toBe(201);
      const committed = await t.server.store.newestEventSeq();
      // The client holds the id of the event just committed (another instance streamed it to it).
      const opened = openEventStream(`${t.url}/v1/events`, auditor, { 'Last-Event-ID': String(committed) });
      const slow = new Promise<'slow'>((r) => setTimeout(() => r('slow'), 5_000));
      const stream = await Promise.race([opened, slow]);
      // Before the fix the route waited for the open transaction (10 s), then took the id for one
      // past every event (a restored database) and sent refetch.
      expect(stream).not.toBe('slow');
      if (stream === 'slow') return;
      await locker.query('rollback');
      const y = await t.api('POST', '/v1/complaints', { token: handler, body: registration({ description: 'after the open transaction' }) });
      const first = await stream.next();
      expect(first.event).toBe('change');
      expect(first.data.complaint.id).toBe(y.body.id);
      stream.close();
    } finally {
      await locker.query('rollback').catch(() => {});
      keeper.close();
    }
  }, 30_000);
});
