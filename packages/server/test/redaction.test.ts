/**
 * Free text leaves the handling staff redacted (docs/domain/personal-data.md): list items, the event
 * stream and auditors get the description, requested resolution, timeline reasons and comments with
 * personal numbers masked, on each backend; the staff who handle the complaint read it as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream } from './helpers/sse.js';

/** How people typed them, and the digits none of the redacted reads may show. */
const TYPED = {
  description: '卡被盗刷，请回电 1381 234 5678 或 (0755)87654321，身份证 440301 19900101 1234',
  requestedResolution: '退款到卡 6222 0212 3456 7890 128，联系 +86 755 8765 4321',
  hold: '等待鉴定，客户手机１３８１２３４５６７８',
  comment: '客户说改用 139-1234-5678 联系，身份证号 11010519491231002X',
};
const RAW = [/1381 ?234 ?5678/, /1234 ?5678/, /8765 ?4321/, /19900101/, /0212 ?3456/, /１３８/, /139-?1234/, /19491231/];
const leaks = (value: unknown) => {
  const text = JSON.stringify(value);
  return RAW.filter((re) => re.test(text)).map(String);
};

describe.each(BACKENDS)('free text redacted in lists, the stream and for auditors (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const post = async (path: string, who: string, body: unknown = {}) => {
    const res = await t.api('POST', path, { token: await t.token(who), body });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  };

  it('shows no raw phone, ID or card number in free text, and the handler still reads it as written', async () => {
    const c = await post('/v1/complaints', 'u-sb-frontline', registration({ description: TYPED.description, requestedResolution: TYPED.requestedResolution }));
    const stream = await openEventStream(`${t.url}/v1/events?complaintId=${c.id}`, await t.token('u-sb-handler'));
    await post(`/v1/complaints/${c.id}/accept`, 'u-sb-handler', { note: TYPED.comment });
    await post(`/v1/complaints/${c.id}/start`, 'u-sb-handler');
    await post(`/v1/complaints/${c.id}/hold`, 'u-sb-handler', { reason: TYPED.hold });
    await post(`/v1/complaints/${c.id}/resume`, 'u-sb-handler');
    await post(`/v1/complaints/${c.id}/respond`, 'u-sb-handler', {
      outcome: 'upheld', basis: '核实后退款', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: new Date().toISOString(),
    });
    await post(`/v1/complaints/${c.id}/follow-up`, 'u-sb-frontline', { reached: true, satisfaction: 4, comment: TYPED.comment });

    const messages = [];
    for (let i = 0; i < 6; i++) messages.push((await stream.next()).data);
    stream.close();
    expect(messages.map((m) => m.event.type)).toEqual(['accept', 'start', 'hold', 'resume', 'respond', 'follow_up']);
    expect(leaks(messages)).toEqual([]);
    expect(messages[2].event.reason).toBe('等待鉴定，客户手机138****5678');
    expect(messages[5].complaint.description).toBe('卡被盗刷，请回电 138****5678 或 075*****4321，身份证 440***********1234');

    const list = await t.api('GET', `/v1/complaints?limit=50`, { token: await t.token('u-sb-handler') });
    const item = list.body.data.find((x: { id: string }) => x.id === c.id);
    expect(item.requestedResolution).toBe('退款到卡 ***************0128，联系 075*****4321');
    expect(leaks(list.body)).toEqual([]);

    const audited = await t.api('GET', `/v1/complaints/${c.id}`, { token: await t.token('u-ho-auditor') });
    expect(audited.status).toBe(200);
    expect(leaks(audited.body)).toEqual([]);
    expect(audited.body.followUps[0].comment).toBe('客户说改用 139****5678 联系，身份证号 110***********002X');

    // The staff who handle it, and the customer who owns it, read what was written.
    const handled = await t.api('GET', `/v1/complaints/${c.id}`, { token: await t.token('u-sb-handler') });
    expect(handled.body.description).toBe(TYPED.description);
    expect(handled.body.timeline.find((e: { type: string }) => e.type === 'hold').reason).toBe(TYPED.hold);
  });
});
