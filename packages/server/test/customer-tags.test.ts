import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

const tag = (code: string, evidence: string[], over: Record<string, unknown> = {}) => ({
  code,
  status: 'active',
  validFrom: '2026-10-02T01:00:00.000Z',
  validUntil: '2026-12-31T01:00:00.000Z',
  evidence,
  version: `${code.split(':')[0]}@1`,
  lastEvaluatedAt: '2026-11-29T00:00:00.000Z',
  ...over,
});

/** Tags back in the service: import a run's assignments, read one customer's with the caller's rights. */
describe.each(BACKENDS)('customer tags (%s)', (backend) => {
  let t: TestServer;
  let shenzhen = '';
  let beijing = '';

  beforeAll(async () => {
    t = await startTestServer(backend);
    await t.server.store.importDemoBank({ organisations: [], staff: [{ id: 'u-ho-manager', orgId: 'HO', role: 'manager', name: '总行经理' }], complaints: [] });
    const sys = await t.token('system');
    const add = async (org: string) => {
      const res = await t.api('POST', '/v1/complaints', { token: sys, body: registration({ handlingOrgId: org }) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    shenzhen = await add('SB-4403');
    beijing = await add('BR-11');
  });
  afterAll(() => t?.close());

  const read = (customerId: string, who: string) => t.token(who).then((token) => t.api('GET', `/v1/customers/${customerId}/tags`, { token }));

  it('stores a batch from a system token, replaces by customer and code, and deletes listed tags', async () => {
    const sys = await t.token('system');
    const first = await t.api('POST', '/v1/customer-tags', {
      token: sys,
      body: {
        assignments: [
          { customerId: 'C-1001', ...tag('repeat_complainer', [shenzhen, beijing]) },
          { customerId: 'C-1001', ...tag('churn_risk:medium', [shenzhen]) },
          { customerId: 'C-2002', ...tag('regulator_referred', [beijing]) },
        ],
      },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ written: 3, deleted: 0 });
    const second = await t.api('POST', '/v1/customer-tags', {
      token: sys,
      body: {
        assignments: [{ customerId: 'C-1001', ...tag('churn_risk:high', [shenzhen]) }, { customerId: 'C-1001', ...tag('repeat_complainer', [shenzhen, beijing], { status: 'exited' }) }],
        deleted: [{ customerId: 'C-1001', code: 'churn_risk:medium' }],
      },
    });
    expect(second.body).toEqual({ written: 2, deleted: 1 });
    const res = await read('C-1001', 'system');
    expect(res.status).toBe(200);
    expect(res.body.customerId).toBe('C-1001');
    expect(res.body.tags.map((x: { code: string; status: string }) => [x.code, x.status])).toEqual([
      ['churn_risk:high', 'active'],
      ['repeat_complainer', 'exited'],
    ]);
    expect(res.body.tags[1]).toEqual({ ...tag('repeat_complainer', [shenzhen, beijing]), status: 'exited' });
  });

  it('lets a head-office manager import and refuses everyone else', async () => {
    const body = { assignments: [{ customerId: 'C-3003', ...tag('sensitive_case', [shenzhen]) }] };
    const hoManager = await t.server.issueToken({ sub: 'u-ho-manager', kind: 'staff', role: 'manager', org: 'HO' });
    expect((await t.api('POST', '/v1/customer-tags', { token: hoManager, body })).status).toBe(200);
    for (const who of ['u-br-manager', 'u-sb-handler', 'u-ho-auditor', 'customer:C-3003']) {
      const res = await t.api('POST', '/v1/customer-tags', { token: await t.token(who), body });
      expect(res.status, who).toBe(403);
    }
  });

  it('rejects a bad batch whole, writing nothing', async () => {
    const res = await t.api('POST', '/v1/customer-tags', {
      token: await t.token('system'),
      body: { assignments: [{ customerId: 'C-4004', ...tag('repeat_complainer', [shenzhen]) }, { customerId: 'C-4004', ...tag('churn_risk:high', ['not-a-number']) }] },
    });
    expect(res.status).toBe(400);
    expect((await read('C-4004', 'system')).body.tags).toEqual([]);
  });

  it("shows staff a customer's tags only within their subtree, with the evidence they may see; never customers", async () => {
    const sz = await read('C-1001', 'u-sb-handler');
    expect(sz.status).toBe(200);
    expect(sz.body.tags.find((x: { code: string }) => x.code === 'repeat_complainer').evidence).toEqual([shenzhen]);
    const bj = await read('C-1001', 'u-bj-handler');
    expect(bj.body.tags.find((x: { code: string }) => x.code === 'repeat_complainer').evidence).toEqual([beijing]);
    // C-2002 has no complaint of its own; its evidence is Beijing's complaint: Shenzhen staff do not see it.
    expect((await read('C-2002', 'u-sb-handler')).status).toBe(404);
    expect((await read('C-2002', 'u-bj-handler')).status).toBe(200);
    expect((await read('C-1001', 'customer:C-1001')).status).toBe(403);
    expect((await read('C-9999', 'u-ho-auditor')).status).toBe(404);
    const audit = await read('C-1001', 'u-ho-auditor');
    expect(audit.status).toBe(200);
    expect(audit.body.tags).toHaveLength(2);
  });
});
