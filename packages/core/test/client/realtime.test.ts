import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, ForbiddenError, NotFoundError } from '../../src/index.js';
import { SseParser } from '../../src/internal/realtime/sse-parser.js';
import { maskComplainant } from '../../src/domain/masking/mask.js';
import type { Complaint } from '../../src/domain/schemas/complaint.js';
import type { Actor } from '../../src/domain/schemas/actor.js';
import { HttpResponse, http, makeComplaint, problem, SECRET_NAME, server, step, testClient, url, useServer } from './helpers.js';

useServer();

const enc = new TextEncoder();
/** An SSE message as the service sends it: the complaint masked, as on the wire. */
const sse = (c: Complaint) => {
  const event = c.timeline.at(-1)!;
  const complaint = { ...c, complainant: maskComplainant(c.complainant) };
  return `id: ${event.seq}\nevent: change\ndata: ${JSON.stringify({ event, complaint })}\n\n`;
};
/** A text/event-stream response that sends `chunks` and then closes (a drop) unless `keepOpen`. */
const sseResponse = (chunks: string[], keepOpen = false) =>
  new HttpResponse(
    new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(enc.encode(c));
        if (!keepOpen) controller.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );

const frontline: Actor = { kind: 'staff', id: 'u-7', role: 'frontline', orgId: 'BR-44' };
const c1 = makeComplaint();
const c2 = step(c1, 'accept', {}, 2);
const c3 = step(c2, 'start', {}, 3);

describe('SseParser', () => {
  it('parses messages split across chunks, CRLF and CR line ends, multi-line data, comments and ids', () => {
    const p = new SseParser();
    expect(p.push(': ping\n\nid: 7\r\nevent: change\r\nda')).toEqual([]);
    expect(p.push('ta: {"a":1}\r\ndata: {"b":2}\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual([{ id: '7', event: 'change', data: '{"a":1}\n{"b":2}', retry: undefined }]);
    expect(p.push('data:x\nretry: 3000\n\n')).toEqual([{ id: undefined, event: 'message', data: 'x', retry: 3000 }]);
    expect(p.push('event: change\n\n')).toEqual([]); // no data, nothing dispatched
  });
});

describe('complaints.watch', () => {
  it('emits the current state, then every change, resuming with Last-Event-ID after a drop without missing one', async () => {
    const lastEventIds: (string | null)[] = [];
    const auth: (string | null)[] = [];
    server.use(
      http.get(url('/v1/complaints/:id'), () => HttpResponse.json(c1)),
      http.get(url('/v1/events'), ({ request }) => {
        lastEventIds.push(request.headers.get('last-event-id'));
        auth.push(request.headers.get('authorization'));
        expect(new URL(request.url).searchParams.get('complaintId')).toBe(c1.id);
        // First connection: one change, then the connection drops. Second: the next change.
        return lastEventIds.length === 1 ? sseResponse([': ping\n\n', sse(c2)]) : sseResponse([sse(c3)], true);
      }),
    );
    const { client } = testClient();
    const states = await firstValueFrom(client.complaints.watch(c1.id).pipe(take(3), toArray()));
    expect(states.map((s) => s.status)).toEqual(['registered', 'accepted', 'in_progress']);
    expect(states.map((s) => s.version)).toEqual([1, 2, 3]);
    expect(lastEventIds).toEqual(['1', '2']);
    expect(auth).toEqual(['Bearer tok-static', 'Bearer tok-static']);
    // The stream masks the complainant; watch keeps the full record from the last read.
    expect(states[2]!.complainant.name).toBe(SECRET_NAME);
  });

  it('reads the complaint again when the service says to refetch, and goes on with the live stream', async () => {
    let gets = 0;
    server.use(
      http.get(url('/v1/complaints/:id'), () => HttpResponse.json(++gets === 1 ? c1 : c2)),
      // The service would not replay what was missed: it says so, then the stream goes on live.
      http.get(url('/v1/events'), () =>
        sseResponse(['id: 90000\nevent: refetch\ndata: {"code":"replay_window_exceeded","lastEventId":"90000"}\n\n'], true),
      ),
    );
    const { client } = testClient();
    const refetched: number[] = [];
    const states = await firstValueFrom(client.complaints.watch(c1.id, { onRefetch: () => refetched.push(1) }).pipe(take(2), toArray()));
    // The change it missed comes from the second read, not from the stream.
    expect(states.map((s) => s.status)).toEqual(['registered', 'accepted']);
    expect(gets).toBe(2);
    expect(refetched).toEqual([1]);
  });

  it('tells a stream subscriber to refetch, and resumes after the id the refetch carried', async () => {
    const lastEventIds: (string | null)[] = [];
    server.use(
      http.get(url('/v1/events'), ({ request }) => {
        lastEventIds.push(request.headers.get('last-event-id'));
        return lastEventIds.length === 1
          ? sseResponse(['id: 90000\nevent: refetch\ndata: {"code":"replay_window_exceeded","lastEventId":"90000"}\n\n'])
          : sseResponse([sse(c2)], true);
      }),
    );
    const { client } = testClient();
    let refetches = 0;
    const changes = await firstValueFrom(
      client.complaints.stream({}, { lastEventId: '0', reconnectDelayMs: { initial: 1, max: 1 }, onRefetch: () => refetches++ }).pipe(take(1), toArray()),
    );
    expect(refetches).toBe(1);
    expect(changes.map((c) => c.event.type)).toEqual(['accept']);
    expect(lastEventIds).toEqual(['0', '90000']);
  });

  it('closes the connection on unsubscribe and opens no new one', async () => {
    let connections = 0;
    let aborted = false;
    server.use(
      http.get(url('/v1/complaints/:id'), () => HttpResponse.json(c1)),
      http.get(url('/v1/events'), ({ request }) => {
        connections++;
        request.signal.addEventListener('abort', () => {
          aborted = true;
        });
        return sseResponse([sse(c2)], true);
      }),
    );
    const { client } = testClient();
    const second = await firstValueFrom(client.complaints.watch(c1.id).pipe(take(2), toArray()));
    expect(second[1]!.status).toBe('accepted');
    await new Promise((r) => setTimeout(r, 30));
    expect(connections).toBe(1);
    expect(aborted).toBe(true);
  });

  it('falls back to polling GET when the stream keeps failing, and completes on a final state', async () => {
    let streams = 0;
    let gets = 0;
    const withdrawn = step(c1, 'withdraw', { reason: '已协商解决' }, 2, frontline);
    server.use(
      http.get(url('/v1/complaints/:id'), () => HttpResponse.json(++gets === 1 ? c1 : withdrawn)),
      http.get(url('/v1/events'), () => {
        streams++;
        return problem(503, 'internal');
      }),
    );
    const { client } = testClient();
    const states = await firstValueFrom(client.complaints.watch(c1.id, { maxStreamFailures: 2, pollIntervalMs: 10 }).pipe(toArray()));
    expect(states.map((s) => s.status)).toEqual(['registered', 'withdrawn']);
    expect(streams).toBe(2);
  });

  it('tries the stream again after polling for a while, resuming after the newest state', async () => {
    const lastEventIds: (string | null)[] = [];
    server.use(
      http.get(url('/v1/complaints/:id'), () => HttpResponse.json(c1)),
      http.get(url('/v1/events'), ({ request }) => {
        lastEventIds.push(request.headers.get('last-event-id'));
        return lastEventIds.length <= 2 ? problem(503, 'internal') : sseResponse([sse(c2)], true);
      }),
    );
    const { client } = testClient();
    const watch$ = client.complaints.watch(c1.id, { maxStreamFailures: 2, pollIntervalMs: 5, streamRetryAfterMs: 30 });
    const states = await firstValueFrom(watch$.pipe(take(2), toArray()));
    expect(states.map((s) => s.status)).toEqual(['registered', 'accepted']);
    expect(lastEventIds).toEqual(['1', '1', '1']);
  });

  it('errors with the typed error when the complaint is not visible', async () => {
    server.use(http.get(url('/v1/complaints/:id'), () => problem(404, 'not_found')));
    const { client } = testClient();
    await expect(firstValueFrom(client.complaints.watch(c1.id))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('client.reminders', () => {
  it("lists the caller's due-soon and overdue complaints, and reloads when the stream reports a change", async () => {
    const a = makeComplaint('CK20260302-000010', 10);
    const b = makeComplaint('CK20260302-000011', 11);
    let changed = false;
    const queries: string[] = [];
    server.use(
      http.get(url('/v1/complaints'), ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q.toString());
        if (q.get('dueSoon') === 'true') return HttpResponse.json({ data: changed ? [] : [a], nextCursor: null });
        return HttpResponse.json({ data: changed ? [b, a] : [b], nextCursor: null });
      }),
      http.get(url('/v1/events'), () => {
        setTimeout(() => {
          changed = true;
        }, 20);
        return new HttpResponse(
          new ReadableStream({
            start(controller) {
              setTimeout(() => controller.enqueue(enc.encode(sse(step(a, 'accept', {}, 12)))), 40);
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    const { client } = testClient();
    const emitted = await firstValueFrom(client.reminders({ intervalMs: 3_600_000, debounceMs: 5 }).pipe(take(2), toArray()));
    expect(emitted[0]!.dueSoon.map((c) => c.id)).toEqual([a.id]);
    expect(emitted[0]!.overdue.map((c) => c.id)).toEqual([b.id]);
    expect(emitted[1]!.dueSoon).toEqual([]);
    expect(emitted[1]!.overdue.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(queries.every((q) => q.includes('assigneeId=me'))).toBe(true);
    expect(queries.some((q) => q.includes('dueSoon=true'))).toBe(true);
    expect(queries.some((q) => q.includes('overdue=true'))).toBe(true);
  });
});

describe("validation: 'warn' on the event stream", () => {
  it('passes an event that fails the schema on as is and emits a warning event, as JSON calls do', async () => {
    const event = c2.timeline.at(-1)!;
    // A newer service sends a status this client does not know.
    const bad = { event, complaint: { ...c2, complainant: maskComplainant(c2.complainant), status: 'escalated_v2' } };
    server.use(http.get(url('/v1/events'), () => sseResponse([`id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(bad)}\n\n`], true)));
    const events: { type: string; operationId: string; errorCode?: string | undefined; status?: number | undefined }[] = [];
    const { client } = testClient({ validation: 'warn', onEvent: (e) => events.push(e) });
    const got = await firstValueFrom(client.complaints.stream());
    expect(got.complaint.status).toBe('escalated_v2');
    expect(events.filter((e) => e.type === 'warning')).toEqual([
      expect.objectContaining({ type: 'warning', operationId: 'events.stream', errorCode: 'response_validation_failed', status: 200 }),
    ]);
  });

  it("in 'strict' mode the same event errors the stream with ResponseValidationError and no warning", async () => {
    const event = c2.timeline.at(-1)!;
    const bad = { event, complaint: { ...c2, complainant: maskComplainant(c2.complainant), status: 'escalated_v2' } };
    server.use(http.get(url('/v1/events'), () => sseResponse([`id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(bad)}\n\n`], true)));
    const events: string[] = [];
    const { client } = testClient({ onEvent: (e) => events.push(e.type) });
    await expect(firstValueFrom(client.complaints.stream())).rejects.toMatchObject({ name: 'ResponseValidationError' });
    expect(events).not.toContain('warning');
  });
});

describe('client.reminders and a stream the caller may not open', () => {
  const lists = () => http.get(url('/v1/complaints'), () => HttpResponse.json({ data: [], nextCursor: null }));
  it.each([
    [401, 'unauthenticated', AuthenticationError],
    [403, 'forbidden', ForbiddenError],
  ] as const)('errors with the stream’s %i instead of swallowing it', async (status, code, Cls) => {
    server.use(lists(), http.get(url('/v1/events'), () => problem(status, code)));
    const { client } = testClient();
    const seen: unknown[] = [];
    const error = await new Promise((resolve) => {
      client.reminders({ intervalMs: 3_600_000, debounceMs: 5 }).subscribe({ next: (r) => seen.push(r), error: resolve });
    });
    expect(error).toBeInstanceOf(Cls);
    // The lists loaded before the stream's refusal arrived or not; either way the refusal is reported.
    expect(seen.length).toBeLessThanOrEqual(1);
  });

  it('keeps reloading on its interval when the stream fails for a retryable reason', async () => {
    let loads = 0;
    server.use(
      http.get(url('/v1/complaints'), () => {
        loads++;
        return HttpResponse.json({ data: [], nextCursor: null });
      }),
      http.get(url('/v1/events'), () => problem(503, 'unavailable')),
    );
    const { client } = testClient({ maxRetries: 0 });
    const errors: unknown[] = [];
    const sub = client.reminders({ intervalMs: 30, debounceMs: 5 }).subscribe({ error: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 200));
    sub.unsubscribe();
    expect(errors).toEqual([]);
    expect(loads).toBeGreaterThanOrEqual(4); // two lists per reload, several reloads
  });
});
