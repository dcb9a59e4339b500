/**
 * The repeat flags a registration writes equal core's markRepeats over the stored complaints, on
 * SQLite and PostgreSQL, when registrations arrive out of order: a complaint registered late with an
 * earlier `receivedAt` makes the customer's later complaints on the same B major class repeats (and is
 * one itself when an earlier one is in the window). PostgreSQL writes a registration's facts and the
 * customer's refreshed flags in one statement, which does not see its own insert
 * (`store/pg-creation.ts`): this is what checks that it counts the new row anyway.
 *
 * PostgreSQL writers run concurrently: two registrations of the same customer at the same time do
 * not see each other's rows, so each must wait for the other's commit before it decides (a lock per
 * customer, `store/customer-locks.ts`). The second test registers many of them at once and checks the
 * flags and the repeat rate against a recomputation.
 */
import { type Complaint, complaintNumber, ENDPOINTS, registerComplaint, type ReportSpec } from '@complaintkit/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../src/store/sql-store.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';
import { registerFor, storedAndRecomputedFlags } from './repeat-flags-helpers.js';

const DAY = 86_400_000;

describe.each(BACKENDS)('repeat flags of registrations received out of order (%s)', (backend) => {
  let t: TestServer;
  let store: SqlStore;
  beforeAll(async () => {
    t = await startTestServer(backend, { limits: { writes: { perSecond: 1_000, burst: 1_000 } } });
    store = t.server.store as SqlStore;
  }, 60_000);
  afterAll(() => t?.close());

  const flags = () => storedAndRecomputedFlags(store);

  it('counts a late registration with an earlier receivedAt in the later complaints, and itself against the earlier ones', async () => {
    const now = Date.now();
    const register = (customerId: string, businessCategory: string, receivedAt: number) => registerFor(t, customerId, businessCategory, receivedAt, '补登记');
    // Customer A: the newest first, then two received before it, the last of them between the two
    // (one B major class, B03; B01 does not count).
    const a1 = await register('C-late-A', 'B0301', now - 1 * DAY);
    const a2 = await register('C-late-A', 'B0302', now - 3 * DAY);
    const a3 = await register('C-late-A', 'B01', now - 2 * DAY);
    const a4 = await register('C-late-A', 'B0301', now - 5 * DAY);
    // Customer B: two received at the same instant (the smaller number is the earlier), registered
    // in number order; then one long before them, outside the window.
    const at = now - 4 * DAY;
    const b1 = await register('C-late-B', 'B0301', at);
    const b2 = await register('C-late-B', 'B0301', at);
    const b3 = await register('C-late-B', 'B0301', now - 200 * DAY);
    const { actual, expected } = await flags();
    expect(actual).toEqual(expected);
    // What the rule says of these, so that the comparison above cannot pass on all-zero flags.
    expect([a1, a2, a3, a4].map((id) => actual[id])).toEqual([1, 1, 0, 0]);
    expect([b1, b2, b3].map((id) => actual[id])).toEqual([0, 1, 0]);
  });

  it('sets the flags of concurrent registrations of the same customers as a recomputation does, and the repeat rate with them', async () => {
    const token = await t.token('u-sb-handler');
    const now = Date.now();
    // Rounds of 24 registrations sent at once: 3 customers, one B major class (B03), received within
    // the window in an order unrelated to the order they arrive in; half of them with a key (the key
    // lookup is the write's first statement), half without; some stamped by the service's clock.
    for (let round = 0; round < 4; round++) {
      const sent = Array.from({ length: 24 }, async (_, i) => {
        const hoursAgo = (i * 7) % 24;
        const res = await t.api('POST', '/v1/complaints', {
          token,
          ...(i % 2 === 0 && { headers: { 'idempotency-key': `conc-${now}-${round}-${i}` } }),
          body: {
            intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: i % 4 === 0 ? 'B0302' : 'B0301', cause: 'C01',
            complainant: { name: '赵六', customerId: `C-conc-${round}-${i % 3}` }, description: '同时登记', regionCode: '440305',
            ...(i % 5 !== 4 && { receivedAt: new Date(now - round * 3 * DAY - hoursAgo * 3_600_000).toISOString() }),
          },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body.id as string;
      });
      await Promise.all(sent);
    }
    // Straight through the store, each registration held at a gate once its transaction has run its
    // first statement and drawn its numbers (until all have arrived, at most 300 ms), then all written at
    // once: their last statements run side by side, which the rounds above hit only now and then. Half
    // with a key (the key lookup first), half without; half naming their customer as the route does
    // (MutateOptions.customerKeys), half not.
    const actor = { kind: 'staff', id: 'u-sb-handler', role: 'handler', orgId: 'SB-4403' } as const;
    for (let round = 0; round < 4; round++) {
      let arrived = 0;
      let open = () => {};
      const gate = new Promise<void>((r) => {
        open = r;
      });
      const timer = setTimeout(open, 300);
      // PostgreSQL: a transaction holding the dirty-cell rows of these days makes every registration's
      // last statement, once it has read the table, wait at its dirty cell until 200 ms after the gate
      // opened: their reads overlap for sure (without the customers' locks, none sees another's row).
      const blocker =
        backend === 'postgres'
          ? store.db.transaction().execute(async (trx) => {
              const days = Array.from({ length: 20 }, (_, d) => new Date(now - (d - 2) * DAY + 8 * 3_600_000).toISOString().slice(0, 10));
              await trx.deleteFrom('report_dirty').where('org_path', '=', '/HO/BR-44/SB-4403/').execute();
              await trx.insertInto('report_dirty').values(days.map((day) => ({ day, org_path: '/HO/BR-44/SB-4403/' }))).execute();
              await gate;
              await new Promise((r) => setTimeout(r, 200));
            })
          : Promise.resolve();
      const writes = Array.from({ length: 24 }, (_, i) => {
        const customerId = `C-gate-${round}-${i % 3}`;
        const received = new Date(now - round * 3 * DAY - ((i * 7) % 24) * 3_600_000).toISOString();
        const input = ENDPOINTS.createComplaint.body.parse({
          intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: i % 4 === 0 ? 'B0302' : 'B0301', cause: 'C01',
          complainant: { name: '赵六', customerId }, description: '同时写入', regionCode: '440305', receivedAt: received,
        });
        const idem =
          i % 2 === 0
            ? { scope: 'staff:u-sb-handler', key: `gate-${now}-${round}-${i}`, requestHash: `h-${i}`, creation: (r: { complaint: Complaint }) => ({ status: 201, body: r.complaint }) }
            : undefined;
        return store.mutate(
          idem,
          async (tx) => {
            const { complaintNumber: number, eventSeq: seq } = await tx.nextCreationNumbers();
            if (++arrived === 24) open();
            await gate;
            const c = registerComplaint(input, { actor, now: Date.now(), seq, id: complaintNumber(Date.parse(received), number), handlingOrgId: 'SB-4403' });
            await tx.insertComplaint(c);
            return { status: 201, body: c };
          },
          i % 4 < 2 ? { customerKeys: [customerId] } : {},
        );
      });
      const results = await Promise.all(writes);
      await blocker;
      clearTimeout(timer);
      expect(results.map((r) => r.status)).toEqual(Array(24).fill(201));
    }
    const { actual, expected } = await flags();
    expect(actual).toEqual(expected);
    // Each customer's first complaint of a round is not a repeat, the other seven are (both kinds of round).
    expect(Object.values(actual).filter((v) => v === 1).length).toBeGreaterThanOrEqual(2 * 4 * 3 * 7);
    // The repeat rate (and every other figure) as recomputed from the stored complaints.
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const spec: ReportSpec = {
      range: { from: day(now - 250 * DAY), to: day(now + DAY) },
      filter: { orgPath: '/HO/' },
      groupBy: [],
      orgs: { scope: { id: 'HO', path: '/HO/' }, children: [] },
      outlets: null,
      customers: null,
    };
    const before = await store.reporting.report(spec);
    await store.rebuildFacts();
    const rebuilt = await store.reporting.report(spec);
    expect(before.total.metrics.repeatRate).toBeGreaterThan(0);
    expect(before).toEqual(rebuilt);
  }, 60_000);
});
