/**
 * Early warning through the service (docs/domain/metrics.md, Early warning): rules fire at their
 * threshold, an alert stays one alert while open (however often or concurrently the rules are
 * evaluated), resolves when its rule stops firing, is pushed on the event stream to those who read
 * reports, and the rules run on their schedule without being asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryRecord } from '@complaintkit/core/domain';
import { type AnyJson, BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';
import { openEventStream } from '../helpers/sse.js';

const DAY = 86_400_000;
/** The bank day (Asia/Shanghai) of an instant. */
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
/** 00:00:01 Shanghai time on a bank day, as an instant. */
const startOf = (day: string) => Date.parse(`${day}T00:00:01+08:00`);

let serial = 0;
/** A complaint received `daysAgo` days ago at `orgId`, never decided (overdue after 15 days). */
const openComplaint = (orgId: string, receivedAt: number): HistoryRecord => ({
  sourceId: `ALERT-${++serial}`,
  receivedAt: new Date(receivedAt).toISOString(),
  orgId,
  intakeChannel: 'hotline',
  businessChannel: 'A0101',
  businessCategory: 'B0302',
  cause: 'C11',
  regionCode: orgId === 'SB-4401' ? '440104' : '440305',
});

describe.each(BACKENDS)('early warning (%s)', (backend) => {
  let t: TestServer;
  let manager: string;
  const importRecords = async (records: HistoryRecord[]) => {
    const r = await t.api('POST', '/v1/history/import', { token: manager, body: { format: 'ndjson', data: records.map((x) => JSON.stringify(x)).join('\n') } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.errors).toEqual([]);
    return r.body;
  };
  const evaluate = async (ruleId: string) => {
    const r = await t.api('POST', '/v1/alerts/evaluate', { token: manager, body: { ruleId } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { opened: AnyJson[]; updated: AnyJson[]; resolved: AnyJson[] };
  };
  const createRule = async (body: Record<string, unknown>) => {
    const r = await t.api('POST', '/v1/alert-rules', { token: manager, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const alertsOf = async (ruleId: string, token = manager) => {
    const r = await t.api('GET', `/v1/alerts?ruleId=${encodeURIComponent(ruleId)}`, { token });
    expect(r.status).toBe(200);
    return r.body.data as AnyJson[];
  };

  beforeAll(async () => {
    t = await startTestServer(backend, { alertEveryMs: 0 });
    manager = await t.token('u-br-manager');
  }, 60_000);
  afterAll(() => t?.close());

  it('opens one alert at the threshold, keeps it one alert while open, resolves it, and pushes each change on the stream', async () => {
    const stream = await openEventStream(`${t.url}/v1/events`, manager);
    const nextAlert = async () => {
      for (;;) {
        const m = await stream.next(10_000);
        if (m.event === 'alert') return m.data;
      }
    };
    try {
      // "Overdue complaints in branch Y above 1": two complaints received 40 days ago, never decided.
      const rule = await createRule({ name: '深圳支行逾期超过1件', metric: 'overdueOpen', filter: { orgId: 'SB-4403' }, direction: 'above', threshold: 1, level: 'alert' });
      await importRecords([openComplaint('OT-440305', Date.now() - 40 * DAY)]);
      expect((await evaluate(rule.id)).opened).toEqual([]); // 1 is not above 1
      await importRecords([openComplaint('SB-4403', Date.now() - 41 * DAY)]);

      const first = await evaluate(rule.id);
      expect(first.opened).toHaveLength(1);
      const opened = first.opened[0];
      expect(opened).toMatchObject({ ruleId: rule.id, orgId: 'SB-4403', status: 'open', level: 'alert', metric: 'overdueOpen' });
      expect(opened.figures).toMatchObject({ value: 2, threshold: 1, comparison: 'value' });
      expect(opened.complaints).toMatch(/^\/v1\/complaints\?orgId=SB-4403&overdue=true/);
      // The link lists exactly the complaints behind the alert.
      const behind = await t.api('GET', opened.complaints, { token: manager });
      expect(behind.body.data).toHaveLength(2);
      expect(await nextAlert()).toMatchObject({ id: opened.id, status: 'open' });

      // Still firing: the same alert, figures updated, nothing new raised, also when evaluated concurrently.
      await importRecords([openComplaint('SB-4403', Date.now() - 42 * DAY)]);
      const again = await Promise.all([evaluate(rule.id), evaluate(rule.id)]);
      expect(again.flatMap((r) => r.opened)).toEqual([]);
      expect(again.flatMap((r) => r.updated).map((a) => a.id)).toEqual([opened.id, opened.id]);
      const listed = await alertsOf(rule.id);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: opened.id, status: 'open', figures: { value: 3 } });

      // Acknowledged, it stays deduplicated.
      const ack = await t.api('POST', `/v1/alerts/${opened.id}/acknowledge`, { token: manager, body: { note: '已安排专人核查' } });
      expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'u-br-manager' });
      expect((await evaluate(rule.id)).opened).toEqual([]);

      // At the threshold (3 is not above 3) the rule stops firing: resolved, and pushed.
      await t.api('PATCH', `/v1/alert-rules/${rule.id}`, { token: manager, body: { threshold: 3 } });
      const resolved = await evaluate(rule.id);
      expect(resolved.resolved.map((a) => a.id)).toEqual([opened.id]);
      // The next alert message is the resolution: no second "open" was pushed in between.
      expect(await nextAlert()).toMatchObject({ id: opened.id, status: 'resolved' });

      // Firing again later opens a new alert.
      await t.api('PATCH', `/v1/alert-rules/${rule.id}`, { token: manager, body: { threshold: 2 } });
      const reopened = await evaluate(rule.id);
      expect(reopened.opened).toHaveLength(1);
      expect(reopened.opened[0].id).not.toBe(opened.id);
      expect(await nextAlert()).toMatchObject({ id: reopened.opened[0].id, status: 'open' });
      expect((await alertsOf(rule.id)).map((a) => a.status)).toEqual(['open', 'resolved']);
    } finally {
      stream.close();
    }
  });

  it('needs the minimum volume in both periods before a change fires (1 → 2 is not +100 %)', async () => {
    const today = shanghaiDay(Date.now());
    const monthStart = `${today.slice(0, 8)}01`;
    const prevMonth = new Date(Date.parse(`${monthStart}T00:00:00Z`) - DAY).toISOString().slice(0, 8);
    const current = (n: number) => Array.from({ length: n }, () => openComplaint('SB-4401', startOf(monthStart)));
    const previous = (n: number) => Array.from({ length: n }, () => openComplaint('SB-4401', startOf(`${prevMonth}01`)));
    const rule = await createRule({
      name: '广州支行投诉量环比上升50%',
      metric: 'volume',
      filter: { orgId: 'SB-4401' },
      window: 'month',
      comparison: 'mom',
      direction: 'above',
      threshold: 50,
      minimumVolume: 3,
    });
    await importRecords([...previous(1), ...current(2)]);
    expect((await evaluate(rule.id)).opened).toEqual([]); // +100 %, but 1 and 2 are below the minimum volume
    await importRecords([...previous(2), ...current(3)]);
    const fired = await evaluate(rule.id);
    expect(fired.opened).toHaveLength(1);
    expect(fired.opened[0].figures).toMatchObject({ value: 5, comparison: 'mom', change: { base: 3, absolute: 2 } });
    expect(fired.opened[0].figures.change.percent).toBeCloseTo(66.67, 1);
  });

  it('lets managers and leadership change rules, auditors read them, and nobody else; alerts stay in their subtree', async () => {
    const rule = await createRule({ name: '广东分行按时办结率低于95%', metric: 'timeliness', direction: 'below', threshold: 0.95, minimumVolume: 10, level: 'warn' });
    const handler = await t.token('u-sb-handler');
    const frontline = await t.token('u-ot-frontline');
    const auditor = await t.token('u-ho-auditor');
    const otherBranch = await t.token('u-bj-handler');
    for (const who of [handler, frontline, otherBranch]) {
      expect((await t.api('GET', '/v1/alert-rules', { token: who })).status).toBe(403);
      expect((await t.api('GET', '/v1/alerts', { token: who })).status).toBe(403);
      expect((await t.api('POST', '/v1/alert-rules', { token: who, body: { name: 'x', metric: 'volume', direction: 'above', threshold: 1 } })).status).toBe(403);
    }
    expect((await t.api('GET', `/v1/alert-rules/${rule.id}`, { token: auditor })).status).toBe(200);
    expect((await t.api('PATCH', `/v1/alert-rules/${rule.id}`, { token: auditor, body: { threshold: 0.9 } })).status).toBe(403);
    expect((await t.api('POST', '/v1/alerts/evaluate', { token: auditor, body: {} })).status).toBe(403);
    // A handler refused a change is told who may make it (not that auditors may, as for reading).
    for (const [method, path, body, what] of [
      ['POST', '/v1/alert-rules', { name: 'x', metric: 'volume', direction: 'above', threshold: 1 }, 'manage alert rules'],
      ['POST', '/v1/alerts/evaluate', {}, 'evaluate alert rules'],
      ['POST', '/v1/alerts/a-1/acknowledge', {}, 'acknowledge alerts'],
      ['POST', '/v1/history/import', { format: 'csv', data: '' }, 'import history'],
    ] as const) {
      const res = await t.api(method, path, { token: handler, body });
      expect(res.status).toBe(403);
      expect(res.body.detail).toBe(`only managers, leadership may ${what}; ask one of them`);
    }
    // A manager of the sub-branch does not see the branch's rule.
    const sbManager = await t.token('u-sb-manager');
    expect((await t.api('GET', `/v1/alert-rules/${rule.id}`, { token: sbManager })).status).toBe(404);
    const leader = await t.token('u-br-leader');
    expect((await t.api('DELETE', `/v1/alert-rules/${rule.id}`, { token: leader })).status).toBe(200);
  });

  it('answers an alert the manager may not see with 404 whatever the body, before judging it, as one that does not exist', async () => {
    // A real alert of another organisation: the branch's rule on the sub-branch SB-4401, which the
    // manager of the sub-branch SB-4403 may not see.
    const rule = await createRule({ name: '广州支行逾期', metric: 'overdueOpen', filter: { orgId: 'SB-4401' }, direction: 'above', threshold: 0 });
    await importRecords([openComplaint('SB-4401', Date.now() - 40 * DAY)]);
    const [alert] = (await evaluate(rule.id)).opened;
    expect(alert).toMatchObject({ orgId: 'SB-4401', status: 'open' });
    const sbManager = await t.token('u-sb-manager');
    for (const action of ['acknowledge', 'resolve']) {
      const answers = [];
      for (const id of [alert.id, 'a-none']) {
        for (const body of [{}, { note: 5 }]) answers.push(await t.api('POST', `/v1/alerts/${id}/${action}`, { token: sbManager, body }));
      }
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
      // The same problem but for its request id and instance (the path as sent).
      expect(new Set(answers.map(({ body: { requestId: _, instance: __, ...problem } }) => JSON.stringify(problem))).size).toBe(1);
    }
    // Untouched: still open for those who may see it.
    expect((await alertsOf(rule.id)).map((a) => a.status)).toEqual(['open']);
  });

  it('sends alert messages only to those who read reports, never to customers or handlers', async () => {
    const rule = await createRule({ name: '南山网点逾期', metric: 'overdueOpen', filter: { orgId: 'OT-440305' }, direction: 'above', threshold: 0 });
    const handlerStream = await openEventStream(`${t.url}/v1/events`, await t.token('u-ot-handler'));
    const managerStream = await openEventStream(`${t.url}/v1/events`, manager);
    try {
      const opened = (await evaluate(rule.id)).opened;
      expect(opened).toHaveLength(1);
      for (;;) {
        const m = await managerStream.next(10_000);
        if (m.event === 'alert' && m.data.id === opened[0].id) break;
      }
      // The handler's stream carries nothing for it: its next message times out or is a complaint change.
      await expect(
        (async () => {
          for (;;) {
            const m = await handlerStream.next(1_500);
            if (m.event === 'alert') return m;
          }
        })(),
      ).rejects.toThrow(/no message in time/);
    } finally {
      handlerStream.close();
      managerStream.close();
    }
  });
});

describe('early warning on a schedule (sqlite)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { alertEveryMs: 200 });
  }, 60_000);
  afterAll(() => t?.close());

  it('evaluates every rule without being asked', async () => {
    const manager = await t.token('u-br-manager');
    const created = await t.api('POST', '/v1/alert-rules', {
      token: manager,
      body: { name: '分行逾期', metric: 'overdueOpen', direction: 'above', threshold: 0 },
    });
    expect(created.status).toBe(201);
    const r = await t.api('POST', '/v1/history/import', {
      token: manager,
      body: { format: 'ndjson', data: JSON.stringify(openComplaint('SB-4403', Date.now() - 40 * DAY)) },
    });
    expect(r.body.imported).toBe(1);
    const deadline = Date.now() + 10_000;
    let data: AnyJson[] = [];
    while (Date.now() < deadline) {
      data = (await t.api('GET', `/v1/alerts?ruleId=${created.body.id}`, { token: manager })).body.data;
      if (data.length > 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ status: 'open', figures: { value: 1 } });
  });
});
