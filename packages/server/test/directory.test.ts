/**
 * A bank's own directory: organisations and staff loaded from a file (`complaintkit-server directory`),
 * the whole file or nothing, on SQLite and PostgreSQL, and what the running service makes of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankDirectory, type BankDirectoryFile } from '../src/directory/schema.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { ORGS, registration, STAFF } from './helpers/fixture-bank.js';

const file = (input: unknown): BankDirectoryFile => BankDirectory.parse(input);

describe.each(BACKENDS)('a bank directory loaded into the service (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { fixture: false });
  });
  afterAll(() => t?.close());
  const ids = async () => (await t.server.store.listOrganisations()).map((o) => o.id).sort();

  it('loads a whole bank into an empty database, children listed before their parents, and the service works on it', async () => {
    expect(await t.server.store.isEmpty()).toBe(true);
    const plan = await t.server.store.loadDirectory(file({ organisations: [...ORGS].reverse(), staff: STAFF }));
    expect(plan.errors).toEqual([]);
    expect([plan.addOrganisations.length, plan.addStaff.length]).toEqual([ORGS.length, STAFF.length]);
    expect((await t.server.store.getOrganisation('OT-440305'))?.path).toBe('/HO/BR-44/SB-4403/OT-440305/');

    const me = await t.api('GET', '/v1/me', { token: await t.token('u-sb-frontline') });
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    const created = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-frontline'), body: registration() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.handlingOrgId).toBe('SB-4403');
  });

  it('updates what changed, adds what is new, and refuses a removed member at once', async () => {
    const token = await t.token('u-br-handler');
    expect((await t.api('GET', '/v1/me', { token })).status).toBe(200);
    const plan = await t.server.store.loadDirectory(
      file({
        organisations: [
          { ...ORGS[1], name: '广东省分行', outletCount: 820 },
          { id: 'OT-440106', parentId: 'SB-4401', kind: 'outlet', name: '天河网点', regionCode: '440106' },
          ...ORGS.slice(2),
        ],
        staff: [{ ...STAFF.find((s) => s.id === 'u-br-handler'), active: false }, { id: 'u-th-frontline', orgId: 'OT-440106', role: 'frontline', name: '天河柜员' }],
      }),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.addOrganisations.map((o) => o.id)).toEqual(['OT-440106']);
    expect(plan.updateOrganisations.map((o) => o.id)).toEqual(['BR-44']);
    expect([plan.addStaff.length, plan.updateStaff.length, plan.deactivated]).toEqual([1, 1, 1]);
    expect(await t.server.store.getOrganisation('BR-44')).toMatchObject({ name: '广东省分行', outletCount: 820 });
    expect((await t.server.store.getOrganisation('OT-440106'))?.path).toBe('/HO/BR-44/SB-4401/OT-440106/');
    expect((await t.api('GET', '/v1/me', { token })).status).toBe(401);
    const gz = await t.api('GET', '/v1/organisations', { token: await t.token('u-gz-handler') });
    expect(gz.body.data.map((o: { id: string }) => o.id)).toContain('OT-440106');
  });

  it('lists every problem of a bad file by its place, and writes nothing, not even the good entries', async () => {
    const before = await ids();
    const plan = await t.server.store.loadDirectory(
      file({
        organisations: [
          { id: 'OT-NEW', parentId: 'SB-4403', kind: 'outlet', name: '新网点', regionCode: '440305' },
          { ...ORGS[4], parentId: 'BR-11' },
          { id: 'OT-LOST', parentId: 'SB-NOWHERE', kind: 'outlet', name: '无上级', regionCode: '440305' },
          { id: 'HO-2', parentId: null, kind: 'head_office', name: '第二总行', regionCode: '110000' },
          { id: 'X-1', parentId: 'X-2', kind: 'sub_branch', name: '环一', regionCode: '440300' },
          { id: 'X-2', parentId: 'X-1', kind: 'sub_branch', name: '环二', regionCode: '440300' },
          { id: 'OT-NEW', parentId: 'SB-4403', kind: 'outlet', name: '又一个', regionCode: '440305' },
        ],
        staff: [{ id: 'u-ghost', orgId: 'SB-GONE', role: 'handler', name: '某人' }],
      }),
    );
    expect(plan.errors.map((e) => e.path).sort()).toEqual(
      ['organisations[1].parentId', 'organisations[2].parentId', 'organisations[3].parentId', 'organisations[4].parentId', 'organisations[5].parentId', 'organisations[6].id', 'staff[0].orgId'].sort(),
    );
    expect(plan.errors.find((e) => e.path === 'organisations[1].parentId')?.message).toMatch(/cannot move/);
    expect(JSON.stringify(plan.errors)).not.toContain('某人');
    expect(await ids()).toEqual(before);
    expect(await t.server.store.getStaff('u-ghost')).toBeUndefined();
  });

  it('checks and counts in a dry run without writing', async () => {
    const plan = await t.server.store.loadDirectory(file({ organisations: [{ id: 'OT-DRY', parentId: 'SB-4403', kind: 'outlet', name: '试运行', regionCode: '440305' }] }), { dryRun: true });
    expect([plan.errors.length, plan.addOrganisations.length]).toEqual([0, 1]);
    expect(await t.server.store.getOrganisation('OT-DRY')).toBeUndefined();
  });
});

describe('the directory file schema', () => {
  it.each([
    ['organisations.0.regionCode', { organisations: [{ id: 'SB-1', parentId: 'HO', kind: 'sub_branch', name: '一', regionCode: '449900' }] }],
    ['organisations.0.id', { organisations: [{ id: 'SB/1', parentId: 'HO', kind: 'sub_branch', name: '一', regionCode: '440300' }] }],
    ['organisations.0.kind', { organisations: [{ id: 'SB-1', parentId: 'HO', kind: 'desk', name: '一', regionCode: '440300' }] }],
    ['staff.0.role', { staff: [{ id: 'u-1', orgId: 'HO', role: 'boss', name: '某' }] }],
  ])('refuses a bad %s', (path, input) => {
    const r = BankDirectory.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
