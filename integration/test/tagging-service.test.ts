import { ForbiddenError, NotFoundError } from '@complaintkit/core';
import type { RunningServer } from '@complaintkit/server';
import { BUILT_IN_RULES, publishTags, readService, type SourcedRow, TagEngine } from '@complaintkit/tagging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, startService } from '../src/fixture.js';

let svc: Awaited<ReturnType<typeof startService>>;
let system = '';
beforeAll(async () => {
  svc = await startService();
  system = await svc.server.issueToken({ sub: 'crm-tagging', kind: 'system' } as Parameters<RunningServer['issueToken']>[0]);
});
afterAll(() => svc?.stop());

/** Reads a source, remembering the complaint numbers it gave. */
async function* recorded(source: AsyncIterable<SourcedRow>, ids: string[]): AsyncGenerator<SourcedRow> {
  for await (const r of source) {
    ids.push(r.row.id);
    yield r;
  }
}

const register = async (customerId: string, n: number) => {
  const client = svc.client('handler', { token: system });
  const c = await client.complaints.create({ ...complaintInput(n), intakeChannel: 'outlet', handlingOrgId: 'SB-SZ', complainant: { name: '张三', customerId } });
  return c.id;
};

describe('tagging through the real service: changed-since reads and tags back in the service', () => {
  it('a daily run reads only what changed since the last, and gives the tags a full run gives', async () => {
    const first = [await register('C-000001', 1), await register('C-000001', 2), await register('C-000001', 3), await register('C-000002', 4)];
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const asOf1 = new Date(Date.now() + 1000).toISOString();
    const read1: string[] = [];
    const s1 = await engine.run(recorded(readService({ baseUrl: svc.server.url, token: system, pageSize: 3 }), read1), { asOf: asOf1 });
    expect(read1).toEqual(first);
    expect(s1.cursor).not.toBeNull();
    expect(engine.customerTags('C-000001').map((t) => t.code)).toContain('repeat_complainer');

    // A change to an old complaint and a new complaint: the next run reads exactly these two.
    const manager = svc.client('manager');
    await manager.complaints.transfer(first[3]!, { toOrgId: 'BR-GD', reason: '分行处理' });
    const fresh = await register('C-000003', 5);
    const asOf2 = new Date(Date.now() + 2000).toISOString();
    const read2: string[] = [];
    const s2 = await engine.run(recorded(readService({ baseUrl: svc.server.url, token: system, since: engine.cursor }), read2), { asOf: asOf2 });
    expect(read2).toEqual([first[3], fresh]);
    expect(Number(s2.cursor)).toBeGreaterThan(Number(s1.cursor));
    const read3: string[] = [];
    await engine.run(recorded(readService({ baseUrl: svc.server.url, token: system, since: engine.cursor }), read3), { asOf: asOf2 });
    expect(read3).toEqual([]);

    const full = new TagEngine({ rules: BUILT_IN_RULES });
    await full.run(readService({ baseUrl: svc.server.url, token: system }), { asOf: asOf2 });
    expect([...engine.assignments()].filter((a) => a.status === 'active')).toEqual([...full.assignments()].filter((a) => a.status === 'active'));

    // Tags back in the service: staff of the subtree read them with their evidence; customers never.
    expect(await publishTags(full.assignments(), { baseUrl: svc.server.url, token: system, batchSize: 2 })).toBeGreaterThan(0);
    const seen = await svc.client('frontline').tags.forCustomer('C-000001');
    const repeat = seen.tags.find((t) => t.code === 'repeat_complainer');
    expect(repeat?.status).toBe('active');
    expect(repeat?.evidence).toEqual(first.slice(0, 3));
    await expect(svc.client('customer').tags.forCustomer('C-000001')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(svc.client('frontline').tags.forCustomer('C-999999')).rejects.toBeInstanceOf(NotFoundError);
    // A customer may not read the change feed either.
    await expect(svc.client('customer').complaints.changes().toArray({ limit: 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
