import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';
import { openEventStream } from './helpers/sse.js';

describe.each(BACKENDS)('event stream (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const register = async (who: string, over: Record<string, unknown> = {}) => {
    const res = await t.api('POST', '/v1/complaints', { token: await t.token(who), body: registration(over) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const act = async (id: string, action: string, who: string, body: unknown = {}) => {
    const res = await t.api('POST', `/v1/complaints/${id}/${action}`, { token: await t.token(who), body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it('sends live changes the caller may see, masked, and nothing else', async () => {
    const stream = await openEventStream(`${t.url}/v1/events`, await t.token('u-sb-handler'));
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    const mine = await register('u-sb-frontline');
    const hidden = await register('u-bj-handler');
    await act(hidden, 'accept', 'u-bj-handler');
    await act(mine, 'accept', 'u-sb-handler');

    const first = await stream.next();
    expect(first.event).toBe('change');
    expect(first.data.event).toMatchObject({ type: 'register' });
    expect(first.data.complaint).toMatchObject({ id: mine, status: 'registered' });
    expect(first.data.complaint.complainant.phone).toBe('138****5678');
    expect(first.id).toBe(String(first.data.event.seq));
    const second = await stream.next();
    expect(second.data.event.type).toBe('accept');
    expect(second.data.complaint).toMatchObject({ id: mine, status: 'accepted' });
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    // The Beijing complaint's two events came in between and were not sent.
    await expect(stream.next(400)).rejects.toThrow('no message in time');
    stream.close();
  });

  it('replays exactly the missed events after a reconnect with Last-Event-ID', async () => {
    const token = await t.token('u-sb-handler');
    const id = await register('u-sb-frontline');
    const stream = await openEventStream(`${t.url}/v1/events?complaintId=${id}`, token);
    await act(id, 'accept', 'u-sb-handler');
    const seen = await stream.next();
    expect(seen.data.event.type).toBe('accept');
    stream.close();

    await act(id, 'start', 'u-sb-handler');
    await act(id, 'hold', 'u-sb-handler', { reason: '鉴定' });
    const other = await register('u-sb-frontline');

    const resumed = await openEventStream(`${t.url}/v1/events`, token, { 'Last-Event-ID': seen.id as string });
    const a = await resumed.next();
    const b = await resumed.next();
    const c = await resumed.next();
    expect([a, b, c].map((m) => [m.data.complaint.id, m.data.event.type])).toEqual([
      [id, 'start'],
      [id, 'hold'],
      [other, 'register'],
    ]);
    expect(b.data.complaint.status).toBe('on_hold');
    await act(id, 'resume', 'u-sb-handler');
    const live = await resumed.next();
    expect(live.data.event.type).toBe('resume');
    expect(Number(live.id)).toBeGreaterThan(Number(c.id));
    resumed.close();

    // The query-parameter form (EventSource polyfills) resumes the same way.
    const viaQuery = await openEventStream(`${t.url}/v1/events?complaintId=${id}&lastEventId=${seen.id}`, token);
    expect((await viaQuery.next()).data.event.type).toBe('start');
    viaQuery.close();
  });

  it('never replays events of complaints the caller may not see', async () => {
    const start = await t.server.store.lastEventSeq();
    const hidden = await register('u-bj-handler');
    const visible = await register('customer:C-5005', { intakeChannel: 'mobile_app' });
    const customer = await openEventStream(`${t.url}/v1/events`, await t.token('customer:C-5005'), { 'Last-Event-ID': String(start) });
    const only = await customer.next();
    expect(only.data.complaint.id).toBe(visible);
    await expect(customer.next(400)).rejects.toThrow('no message in time');
    customer.close();
    expect(hidden).not.toBe(visible);
    const unauth = await fetch(`${t.url}/v1/events`);
    expect(unauth.status).toBe(401);
  });

  it.runIf(backend === 'postgres')('streams what another server process commits to the same database', async () => {
    const second = await startTestServer(backend, { fixture: false, databaseUrl: t.databaseUrl });
    try {
      const stream = await openEventStream(`${second.url}/v1/events`, await second.token('u-sb-handler'));
      const id = await register('u-sb-frontline');
      const message = await stream.next();
      expect(message.data.complaint.id).toBe(id);
      stream.close();
    } finally {
      await second.close();
    }
  });

  it('ends open streams when the server closes', async () => {
    const other = await startTestServer(backend);
    const stream = await openEventStream(`${other.url}/v1/events`, await other.token('system'));
    await other.close();
    expect(await stream.ended()).toBe(true);
  });
});
