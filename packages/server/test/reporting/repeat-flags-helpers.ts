/**
 * Shared by the repeat-flag tests: a registration of one customer through the API, and the stored
 * flags beside core's `markRepeats` over the stored complaints.
 */
import { type Complaint, factsOf, markRepeats } from '@complaintkit/core/domain';
import { expect } from 'vitest';
import type { SqlStore } from '../../src/store/sql-store.js';
import type { TestServer } from '../helpers/harness.js';

/** Registers a hotline complaint of `customerId` (by a sub-branch handler); its id. */
export async function registerFor(t: TestServer, customerId: string, businessCategory: string, receivedAt: number, description: string): Promise<string> {
  const res = await t.api('POST', '/v1/complaints', {
    token: await t.token('u-sb-handler'),
    body: {
      intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory, cause: 'C01',
      complainant: { name: '赵六', customerId }, description, regionCode: '440305',
      receivedAt: new Date(receivedAt).toISOString(),
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** The stored flags by complaint id (`actual`), and markRepeats' over the stored complaints (`expected`). */
export async function storedAndRecomputedFlags(store: SqlStore): Promise<{ actual: Record<string, number>; expected: Record<string, number> }> {
  const stored = await store.db.selectFrom('complaint_facts').select(['id', 'is_repeat']).execute();
  const rows = await store.db.selectFrom('complaints').select(['document', 'handling_org_path']).execute();
  const facts = rows.map((r) => factsOf(JSON.parse(r.document) as Complaint, { orgPath: r.handling_org_path }, store.facts.clock));
  const marked = store.facts.repeatWindowDays === undefined ? markRepeats(facts) : markRepeats(facts, store.facts.repeatWindowDays);
  return {
    actual: Object.fromEntries(stored.map((r) => [r.id, Number(r.is_repeat)])),
    expected: Object.fromEntries(marked.map((f) => [f.id, f.isRepeat ? 1 : 0])),
  };
}
