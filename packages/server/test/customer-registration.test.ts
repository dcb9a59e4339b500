/**
 * A customer's own registration says only what a customer knows: what happened, through their own
 * channel, now. How else it reached the bank, a regulator's reference, when it was received and how
 * severe it is are the bank's to record (docs/domain/lifecycle.md, roles): set by a customer they
 * made a "regulator referral" or a complaint overdue from birth, counted in the regulator statistics,
 * the alerts and the CRM's tags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

describe.each(BACKENDS)("a customer's own registration (%s)", (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const own = (over: Record<string, unknown> = {}) => registration({ intakeChannel: 'mobile_app', complainant: { name: '张三', phone: '13812345678' }, ...over });
  const register = async (who: string, body: unknown) => t.api('POST', '/v1/complaints', { token: await t.token(who), body });
  const listOf = async (who: string) => ((await t.api('GET', '/v1/complaints?limit=100', { token: await t.token(who) })).body.data as AnyJson[]).map((c) => c.id);

  it('is refused, naming each field, when it claims a regulator referral received long ago at major severity; nothing is stored', async () => {
    const res = await register('customer:C-8101', own({
      intakeChannel: 'regulator_transfer',
      regulatorReference: '12378-20261201-000001',
      receivedAt: '2025-01-02T09:00:00+08:00',
      severity: 'major',
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['intakeChannel', 'regulatorReference', 'receivedAt', 'severity']);
    expect(res.body.detail).toContain('mobile_app, online_banking, wechat, website');
    expect(await listOf('customer:C-8101')).toEqual([]);
  });

  it.each(['hotline', 'outlet', 'petition', 'public_opinion', 'consumer_association', 'staff_mobile', 'letter', 'email'])(
    'refuses the %s channel from a customer',
    async (intakeChannel) => {
      const res = await register('customer:C-8102', own({ intakeChannel }));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'intakeChannel' })]);
    },
  );

  it('takes the self-service channels, normal severity said or not, received now', async () => {
    for (const intakeChannel of ['mobile_app', 'online_banking', 'wechat', 'website']) {
      const res = await register('customer:C-8103', own({ intakeChannel, severity: 'normal' }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ intakeChannel, registeredBy: { kind: 'customer', id: 'C-8103' } });
      // Severity is the bank's: the customer's view leaves it out; staff read the normal severity stored.
      expect(res.body).not.toHaveProperty('severity');
      const staff = await t.api('GET', `/v1/complaints/${res.body.id}`, { token: await t.token('u-ho-auditor') });
      expect(staff.body.severity).toBe('normal');
      expect(Date.now() - Date.parse(res.body.receivedAt)).toBeLessThan(10 * 60_000);
    }
    expect(await listOf('customer:C-8103')).toHaveLength(4);
  });

  it('still lets staff and the system record the channel, the reference, the receipt and the severity', async () => {
    const letterArrived = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const staff = await register('u-sb-frontline', registration({ intakeChannel: 'letter', receivedAt: letterArrived, severity: 'complex' }));
    expect(staff.status, JSON.stringify(staff.body)).toBe(201);
    expect(staff.body).toMatchObject({ intakeChannel: 'letter', severity: 'complex' });
    expect(Date.parse(staff.body.receivedAt)).toBe(Date.parse(letterArrived));
    const referral = await register('system', registration({ intakeChannel: 'regulator_transfer', regulatorReference: '12378-20261201-000002', handlingOrgId: 'SB-4403' }));
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    expect(referral.body.regulatorReference).toBe('12378-20261201-000002');
  });
});
