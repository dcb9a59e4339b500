/**
 * The repeat flags a registration writes equal core's markRepeats over the stored complaints, on
 * SQLite and PostgreSQL, when registrations arrive out of order: a complaint registered late with an
 * earlier `receivedAt` makes the customer's later complaints on the same B major class repeats (and is
 * one itself when an earlier one is in the window). PostgreSQL writes a registration's facts and the
 * customer's refreshed flags in one statement, which does not see its own insert
 * (`store/pg-creation.ts`): this is what checks that it counts the new row anyway.
 */
import { type Complaint, factsOf, markRepeats } from '@complaintkit/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../src/store/sql-store.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';

const DAY = 86_400_000;

describe.each(BACKENDS)('repeat flags of registrations received out of order (%s)', (backend) => {
  let t: TestServer;
  let store: SqlStore;
  beforeAll(async () => {
    t = await startTestServer(backend, { limits: { writes: { perSecond: 1_000, burst: 1_000 } } });
    store = t.server.store as SqlStore;
  }, 60_000);
  afterAll(() => t?.close());

  /** The stored flags by complaint id, and markRepeats' over the stored complaints. */
  async function flags() {
    const stored = await store.db.selectFrom('complaint_facts').select(['id', 'is_repeat']).execute();
    const rows = await store.db.selectFrom('complaints').select(['document', 'handling_org_path']).execute();
    const facts = rows.map((r) => factsOf(JSON.parse(r.document) as Complaint, { orgPath: r.handling_org_path }, store.facts.clock));
    const marked = store.facts.repeatWindowDays === undefined ? markRepeats(facts) : markRepeats(facts, store.facts.repeatWindowDays);
    return {
      actual: Object.fromEntries(stored.map((r) => [r.id, Number(r.is_repeat)])),
      expected: Object.fromEntries(marked.map((f) => [f.id, f.isRepeat ? 1 : 0])),
    };
  }

  it('counts a late registration with an earlier receivedAt in the later complaints, and itself against the earlier ones', async () => {
    const token = await t.token('u-sb-handler');
    const now = Date.now();
    const register = async (customerId: string, businessCategory: string, receivedAt: number) => {
      const res = await t.api('POST', '/v1/complaints', {
        token,
        body: {
          intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory, cause: 'C01',
          complainant: { name: '赵六', customerId }, description: '补登记', regionCode: '440305',
          receivedAt: new Date(receivedAt).toISOString(),
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
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
});
