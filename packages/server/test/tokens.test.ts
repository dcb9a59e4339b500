import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../src/store/sql-store.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

/** Bearer tokens are checked for their lifetime and against the staff record (issue #11). */
describe.each(BACKENDS)('tokens (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const sign = (claims: Record<string, unknown>, set: (j: SignJWT) => SignJWT) =>
    set(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u-sb-handler')).sign(new TextEncoder().encode(t.server.jwtSecret));
  const handler = { kind: 'staff', role: 'handler', org: 'SB-4403' };
  const staffTable = () => (t.server.store as SqlStore).db.updateTable('staff');
  const me = async (token: string) => (await t.api('GET', '/v1/me', { token })).status;

  it('refuses a token without exp, and one issued in the future', async () => {
    expect(await me(await sign(handler, (j) => j.setIssuedAt()))).toBe(401);
    expect(await me(await sign(handler, (j) => j.setIssuedAt(Math.floor(Date.now() / 1000) + 3600).setExpirationTime('2h')))).toBe(401);
    expect(await me(await sign(handler, (j) => j.setIssuedAt(Math.floor(Date.now() / 1000) + 10).setExpirationTime('1h')))).toBe(200);
    expect(await me(await sign(handler, (j) => j.setExpirationTime('1h')))).toBe(200);
  });

  it('refuses a subject who is not on record, or not in the role or organisation the token claims', async () => {
    expect(await me(await t.server.issueToken({ sub: 'u-nobody', kind: 'staff', role: 'handler', org: 'SB-4403' }))).toBe(401);
    expect(await me(await t.server.issueToken({ sub: 'u-sb-handler', kind: 'staff', role: 'manager', org: 'SB-4403' }))).toBe(401);
    expect(await me(await t.server.issueToken({ sub: 'u-sb-handler', kind: 'staff', role: 'handler', org: 'HO' }))).toBe(401);
  });

  it("refuses a token whose subject no complaint could hold (too long, a control character): 401, never a stored customer id the contract refuses or a 500", async () => {
    const registration = { intakeChannel: 'mobile_app', businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11', complainant: { name: '张三', phone: '13812345678' }, description: '令牌主体' };
    for (const sub of ['C-'.padEnd(65, '9'), 'C-000001\u0000', 'C-000001\n', 'C-000001\u0085', 'C-000001\ud800', '', '😀'.repeat(65)]) {
      const customer = await sign({ kind: 'customer' }, (j) => j.setSubject(sub).setExpirationTime('1h'));
      const res = await t.api('POST', '/v1/complaints', { token: customer, body: registration });
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(await me(customer)).toBe(401);
      const staff = await sign(handler, (j) => j.setSubject(sub).setExpirationTime('1h'));
      expect(await me(staff)).toBe(401);
    }
    // A customer id of 64 characters is one.
    expect(await me(await sign({ kind: 'customer' }, (j) => j.setSubject('C-'.padEnd(64, '9')).setExpirationTime('1h')))).toBe(200);
    // Counted in characters as the contract counts them: 64 emoji are 128 UTF-16 units, and one id.
    expect(await me(await sign({ kind: 'customer' }, (j) => j.setSubject('😀'.repeat(64)).setExpirationTime('1h')))).toBe(200);
  });

  it('refuses a removed or moved staff member at once, before the token expires', async () => {
    const gz = await t.server.issueToken({ sub: 'u-gz-handler', kind: 'staff', role: 'handler', org: 'SB-4401' });
    const bj = await t.server.issueToken({ sub: 'u-bj-handler', kind: 'staff', role: 'handler', org: 'BR-11' });
    expect(await me(gz)).toBe(200);
    expect(await me(bj)).toBe(200);
    await staffTable().set({ active: 0 }).where('id', '=', 'u-gz-handler').execute();
    await staffTable().set({ org_id: 'HO' }).where('id', '=', 'u-bj-handler').execute();
    const refused = await t.api('GET', '/v1/complaints', { token: gz });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/sign in again/);
    expect(await me(bj)).toBe(401);
    expect(await me(await t.server.issueToken({ sub: 'u-bj-handler', kind: 'staff', role: 'handler', org: 'HO' }))).toBe(200);
    // Nothing can be assigned to someone who left.
    const created = await t.api('POST', '/v1/complaints', { token: await t.token('u-sb-handler'), body: { intakeChannel: 'outlet', businessChannel: 'A0101', businessCategory: 'B0302', cause: 'C11', complainant: { name: '李四' }, description: '年费' } });
    const transfer = await t.api('POST', `/v1/complaints/${created.body.id}/transfer`, {
      token: await t.token('u-br-manager'),
      body: { toOrgId: 'SB-4401', toAssigneeId: 'u-gz-handler', reason: '属地' },
    });
    expect(transfer.status).toBe(422);
  });
});
