/**
 * Issue #12's early warning: a registration the sensitive-case lexicon flags opens an alert at once
 * (one per complaint, however often the registration is retried), listed through the alerts API and
 * pushed on the event stream to those who read reports; an unflagged one opens none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from '../helpers/fixture-bank.js';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';
import { openEventStream } from '../helpers/sse.js';

describe.each(BACKENDS)('a sensitive-case flag raises an early-warning alert (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { alertEveryMs: 0 });
  }, 60_000);
  afterAll(() => t?.close());

  it('opens one alert per flagged complaint, lists it, and pushes it to managers', async () => {
    const manager = await t.token('u-br-manager');
    const stream = await openEventStream(`${t.url}/v1/events`, manager);
    try {
      const handler = await t.token('u-sb-handler');
      const body = registration({ description: '信用卡年费被乱扣，我要去法院起诉，电话13812345678' });
      const headers = { 'idempotency-key': 'sensitive-retry-1' };
      const created = await t.api('POST', '/v1/complaints', { token: handler, body, headers });
      expect(created.status).toBe(201);
      // The outbox retries the same registration: the same complaint, and no second alert.
      const retried = await t.api('POST', '/v1/complaints', { token: handler, body, headers });
      expect(retried.body.id).toBe(created.body.id);
      const plain = await t.api('POST', '/v1/complaints', { token: handler, body: registration({ description: '信用卡年费未经告知被扣收' }) });
      expect(plain.status).toBe(201);

      const listed = (await t.api('GET', '/v1/alerts?status=open', { token: manager })).body.data as AnyJson[];
      const mine = listed.filter((a) => a.complaintId === created.body.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ status: 'open', level: 'alert', orgId: 'SB-4403', flags: ['lawsuit'], complaints: `/v1/complaints/${created.body.id}` });
      expect(JSON.stringify(mine[0])).not.toContain('13812345678');
      expect(listed.some((a) => a.complaintId === plain.body.id)).toBe(false);

      let pushed: AnyJson;
      for (;;) {
        const m = await stream.next(10_000);
        if (m.event === 'alert') {
          pushed = m.data;
          break;
        }
      }
      expect(pushed).toMatchObject({ id: mine[0].id, complaintId: created.body.id, status: 'open' });

      // A manager acknowledges it; it is then listed as acknowledged, still one alert.
      const ack = await t.api('POST', `/v1/alerts/${mine[0].id}/acknowledge`, { token: manager, body: {} });
      expect(ack.body.status).toBe('acknowledged');
      const after = (await t.api('GET', `/v1/alerts?ruleId=${encodeURIComponent(mine[0].ruleId)}`, { token: manager })).body.data;
      expect(after.map((a: AnyJson) => a.status)).toEqual(['acknowledged']);
    } finally {
      stream.close();
    }
  });
});
