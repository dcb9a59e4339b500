import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/index.js';
import { HttpResponse, http, makeComplaint, server, testClient, url, useServer } from './helpers.js';

useServer();

const enc = new TextEncoder();
const alert = (id: string, status: Alert['status']): Alert => ({
  id,
  ruleId: 'AR-1',
  ruleName: '广东信用卡环比',
  orgId: 'BR-44',
  level: 'warn',
  status,
  metric: 'volume',
  window: { from: '2026-03-01', to: '2026-03-10' },
  figures: { value: 30, threshold: 50, comparison: 'mom', change: { current: 30, base: 18, absolute: 12, percent: 66.7, status: 'ok' }, volume: 30 },
  complaints: '/v1/complaints?orgId=BR-44',
  openedAt: '2026-03-10T02:00:00.000Z',
  updatedAt: '2026-03-10T02:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: status === 'resolved' ? '2026-03-11T02:00:00.000Z' : null,
});

describe('client.alerts.stream()', () => {
  it('emits the alert messages of the event stream, skips complaint changes, and resumes after the last event id', async () => {
    const c = makeComplaint();
    const event = c.timeline.at(-1)!;
    const seen: (string | null)[] = [];
    let call = 0;
    server.use(
      http.get(url('/v1/events'), ({ request }) => {
        seen.push(request.headers.get('last-event-id'));
        call += 1;
        const chunks =
          call === 1
            ? [`id: 5\nevent: change\ndata: ${JSON.stringify({ event, complaint: c })}\n\n`, `id: 6\nevent: alert\ndata: ${JSON.stringify(alert('AL-1', 'open'))}\n\n`]
            : [`id: 7\nevent: alert\ndata: ${JSON.stringify(alert('AL-1', 'resolved'))}\n\n`];
        return new HttpResponse(
          new ReadableStream({
            start(controller) {
              for (const ch of chunks) controller.enqueue(enc.encode(ch));
              controller.close();
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    const { client } = testClient();
    const got = await firstValueFrom(client.alerts.stream({ reconnectDelayMs: { initial: 1, max: 1 } }).pipe(take(2), toArray()));
    expect(got.map((a) => [a.id, a.status])).toEqual([
      ['AL-1', 'open'],
      ['AL-1', 'resolved'],
    ]);
    expect(seen.slice(0, 2)).toEqual([null, '6']);
  });
});
